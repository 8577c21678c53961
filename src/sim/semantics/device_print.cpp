// device_print (nl.device_print): at simulation time, writes the `prefix` line and then src's
// values to stdout, laid out like a NumPy array print: nested brackets by shape, floats in %g
// form, integers exact. On hardware the values go to the runtime's debug stream instead.
#include <fmt/format.h>

#include <iostream>
#include <mutex>

#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

// The attribute as the kernel wrote it (the IR keeps it quoted, with \" and \\ escaped).
std::string unquote(const std::string& q) {
  if (q.size() < 2 || q.front() != '"') return q;
  std::string s;
  for (size_t i = 1; i + 1 < q.size(); ++i) {
    if (q[i] == '\\' && i + 2 < q.size()) ++i;
    s += q[i];
  }
  return s;
}

// Elements [k, k + count of this level) of `v` in nested brackets.
void format_level(std::string& out, const std::vector<std::string>& v, const std::vector<int64_t>& shape,
                  size_t dim, int64_t& k) {
  out += '[';
  for (int64_t i = 0; i < shape[dim]; ++i) {
    if (i) out += dim + 1 == shape.size() ? " " : "\n" + std::string(dim + 1, ' ');
    if (dim + 1 == shape.size())
      out += v[static_cast<size_t>(k++)];
    else
      format_level(out, v, shape, dim + 1, k);
  }
  out += ']';
}

}  // namespace

void exec_device_print(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::device_print);
  const Walk src = m.walk(inst, R("src"));
  const AccessPattern& ap = inst.operands[R("src")].ap;
  std::vector<std::string> values;
  values.reserve(static_cast<size_t>(src.size()));
  if (is_integer(src.dtype)) {
    const int bits = 8 * src.esize;
    for (uint32_t w : m.read_bits(src)) {
      int64_t v = bits == 32 ? w : (w & ((1u << bits) - 1));
      if (is_signed_integer(src.dtype) && bits < 64 && (v >> (bits - 1)) & 1) v -= int64_t{1} << bits;
      if (is_signed_integer(src.dtype) && bits == 32) v = static_cast<int32_t>(w);
      values.push_back(std::to_string(v));
    }
  } else {
    for (float f : m.read_f32(src)) values.push_back(fmt::format("{:g}", f));
  }
  std::vector<int64_t> shape = ap.shape();
  std::string out = (inst.has_attr("prefix") ? unquote(inst.attr_str("prefix")) : std::string()) + "\n";
  int64_t k = 0;
  if (shape.empty()) shape = {1};
  format_level(out, values, shape, 0, k);
  out += '\n';
  static std::mutex mu;  // cores may simulate in parallel threads
  std::lock_guard<std::mutex> lock(mu);
  std::cout << out << std::flush;
}

}  // namespace nki::sim

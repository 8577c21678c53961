// Helpers shared by the instruction semantics (see common.h).
#include "sim/semantics/common.h"

#include <algorithm>
#include <cmath>

#include "support/diagnostics.h"

namespace nki::sim {

int64_t partitions_of(const AccessPattern& ap) {
  return ap.dims.empty() ? 1 : ap.dims[0].num;
}

namespace {
// A [P,1] operand read back must hold exactly one value per partition of the data.
void check_per_partition(const Instruction& inst, int index, int64_t size, int64_t partitions) {
  if (size == partitions) return;
  const std::string role = op_info(inst.op).operands[index].name;
  throw UserError(role + " must hold one value per partition ([" + std::to_string(partitions) +
                  ", 1]), but has " + std::to_string(size) + " elements");
}
}  // namespace

ScalarOperand read_scalar_operand(Machine& m, const Instruction& inst, int index, int64_t partitions,
                                  float absent) {
  ScalarOperand s;
  s.imm = absent;
  if (static_cast<size_t>(index) >= inst.operands.size()) return s;
  const Operand& o = inst.operands[index];
  if (o.is_none()) return s;
  if (o.is_imm()) {
    s.imm = static_cast<float>(o.imm);
    return s;
  }
  const Walk w = m.walk(inst, index);
  std::vector<float> v = m.read_f32(w);
  check_per_partition(inst, index, static_cast<int64_t>(v.size()), partitions);
  s.per_partition = std::move(v);
  return s;
}

BitsOperand read_bits_operand(Machine& m, const Instruction& inst, int index, int64_t partitions) {
  BitsOperand s;
  if (static_cast<size_t>(index) >= inst.operands.size()) return s;
  const Operand& o = inst.operands[index];
  if (o.is_none()) return s;
  if (o.is_imm()) {
    // An integer immediate as a 32-bit word (a uint32 mask up to 0xFFFFFFFF, or two's complement
    // from -2^31); the rest saturates as an integer write does, NaN to 0.
    const double imm = std::isnan(o.imm) ? 0.0 : std::clamp(o.imm, -2147483648.0, 4294967295.0);
    s.imm = static_cast<uint32_t>(static_cast<int64_t>(imm));
    return s;
  }
  const Walk w = m.walk(inst, index);
  std::vector<uint32_t> v = m.read_bits(w);
  check_per_partition(inst, index, static_cast<int64_t>(v.size()), partitions);
  s.per_partition = std::move(v);
  return s;
}

void check_same_size(const Walk& a, const char* a_role, const Walk& b, const char* b_role) {
  if (a.size() != b.size())
    throw UserError(std::string(a_role) + " has " + std::to_string(a.size()) + " elements but " + b_role +
                    " has " + std::to_string(b.size()));
}

void copy_elements(Machine& m, const Walk& dst, const Walk& src) {
  if (dst.dtype == src.dtype) {
    const std::vector<uint8_t> bytes = m.gather(src);  // gathered first: in-place overlap is safe
    m.scatter(dst, bytes.data());
  } else {
    const std::vector<float> v = m.read_f32(src);
    m.write_f32(dst, v.data());
  }
}

float random_unit(uint64_t seed, uint64_t index) {
  uint64_t z = seed + (index + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<float>(z >> 40) * 0x1p-24f;
}

}  // namespace nki::sim

namespace nki::sim {

std::vector<std::pair<int64_t, int64_t>> pattern_attr(const Instruction& inst, const char* attr) {
  const std::string& s = inst.attr_str(attr);
  const std::vector<int64_t> nums = parse_int_list(s);
  if (nums.size() % 2 != 0) throw InternalError(std::string("malformed pattern attribute ") + attr + "=" + s);
  std::vector<std::pair<int64_t, int64_t>> out;
  for (size_t i = 0; i < nums.size(); i += 2) out.emplace_back(nums[i], nums[i + 1]);
  return out;
}

std::vector<int64_t> affine_values(const Instruction& inst, int64_t parts) {
  const auto pattern = pattern_attr(inst, "pattern");
  const int64_t offset = inst.attr_int("offset");
  const int64_t mult = inst.attr_int("channel_multiplier");
  int64_t per = 1;
  for (const auto& [step, num] : pattern) per *= num;
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(parts * per));
  std::vector<int64_t> idx(pattern.size(), 0);
  for (int64_t p = 0; p < parts; ++p) {
    std::fill(idx.begin(), idx.end(), 0);
    for (int64_t k = 0; k < per; ++k) {
      // The generator computes in 32-bit integers: wrap like the hardware's int32 adders.
      int64_t v = offset + p * mult;
      for (size_t d = 0; d < pattern.size(); ++d) v += idx[d] * pattern[d].first;
      out.push_back(static_cast<int32_t>(static_cast<uint32_t>(v)));
      for (size_t d = pattern.size(); d-- > 0;) {
        if (++idx[d] < pattern[d].second) break;
        idx[d] = 0;
      }
    }
  }
  return out;
}

}  // namespace nki::sim

namespace nki::sim {

bool ranks_above(float a, int64_t ia, float b, int64_t ib) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na != nb) return na;
  if (!na && a != b) return a > b;
  return ia < ib;
}

void write_reduce_res(Machine& m, const Instruction& inst, size_t index, int64_t parts, const float* values) {
  if (index >= inst.operands.size() || !inst.operands[index].is_tensor()) return;
  const Walk w = m.walk(inst, static_cast<int>(index));
  if (w.size() != parts)
    throw UserError("reduce_res must hold one value per partition ([" + std::to_string(parts) +
                    ", 1]), but has " + std::to_string(w.size()) + " elements");
  m.write_f32(w, values);
}

}  // namespace nki::sim

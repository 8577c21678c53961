// The opcode table, built once from ops.def.
#include "ir/ops.h"

#include <array>

#include "support/diagnostics.h"

namespace nki {

namespace {

std::vector<OperandRole> parse_roles(std::string_view spec) {
  std::vector<OperandRole> roles;
  size_t pos = 0;
  while (pos < spec.size()) {
    while (pos < spec.size() && spec[pos] == ' ') ++pos;
    if (pos >= spec.size()) break;
    size_t end = spec.find(' ', pos);
    if (end == std::string_view::npos) end = spec.size();
    std::string_view word = spec.substr(pos, end - pos);
    pos = end;
    OperandRole role;
    if (!word.empty() && word.back() == '?') {
      role.optional = true;
      word.remove_suffix(1);
    }
    size_t colon = word.find(':');
    role.name = std::string(word.substr(0, colon));
    if (colon == std::string_view::npos) {
      role.buffers = BUF_SBUF | BUF_PSUM | BUF_HBM;
    } else {
      std::string_view bufs = word.substr(colon + 1);
      if (bufs.find("sbuf") != std::string_view::npos) role.buffers |= BUF_SBUF;
      if (bufs.find("psum") != std::string_view::npos) role.buffers |= BUF_PSUM;
      if (bufs.find("hbm") != std::string_view::npos) role.buffers |= BUF_HBM;
    }
    roles.push_back(std::move(role));
  }
  return roles;
}

std::vector<OpInfo> build_table() {
  std::vector<OpInfo> t;
#define OP(name, engines, operands, summary) \
  t.push_back(OpInfo{Opcode::name, #name, static_cast<uint32_t>(engines), parse_roles(operands), summary});
#include "ir/ops.def"
#undef OP
  return t;
}

}  // namespace

const std::vector<OpInfo>& all_ops() {
  static const std::vector<OpInfo> table = build_table();
  return table;
}

const OpInfo& op_info(Opcode op) { return all_ops().at(static_cast<size_t>(op)); }
std::string_view op_name(Opcode op) { return op_info(op).name; }

std::optional<Opcode> parse_opcode(std::string_view name) {
  for (const auto& info : all_ops())
    if (info.name == name) return info.opcode;
  return std::nullopt;
}

int operand_index(Opcode op, std::string_view role) {
  const auto& roles = op_info(op).operands;
  for (size_t i = 0; i < roles.size(); ++i)
    if (roles[i].name == role) return static_cast<int>(i);
  return -1;
}

std::string_view engine_name(Engine e) {
  static constexpr std::array<std::string_view, 7> names = {"none", "tensor", "vector", "scalar", "gpsimd", "sync", "dma"};
  return names.at(static_cast<size_t>(e));
}

std::optional<Engine> parse_engine(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(Engine::Dma); ++i)
    if (engine_name(static_cast<Engine>(i)) == name) return static_cast<Engine>(i);
  return std::nullopt;
}

}  // namespace nki

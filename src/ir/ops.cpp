// The opcode table, built once from ops.def.
#include "ir/ops.h"

#include <algorithm>
#include <array>
#include <utility>

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
    if (!word.empty() && word.front() == '>') {
      role.written = true;
      word.remove_prefix(1);
    }
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
      role.immediate = bufs.find("imm") != std::string_view::npos;
    }
    roles.push_back(std::move(role));
  }
  return roles;
}

// ops.def's names of the attribute types (the rest: Words, spelled as its words).
constexpr std::pair<std::string_view, AttrType> kAttrTypes[] = {
    {"bool", AttrType::Bool},     {"int", AttrType::Int},   {"float", AttrType::Float},
    {"number", AttrType::Number}, {"alu", AttrType::Alu},   {"act", AttrType::Act},
    {"cmd", AttrType::Cmd},       {"ints", AttrType::Ints}, {"text", AttrType::Text}};

std::vector<std::string> split_words(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(sep, pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) out.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// One "name:type[=default|?]" of ops.def's attributes column (a malformed one is a bug of the
// table, found by the first run of any test).
AttrSpec parse_attr(std::string_view op, std::string_view word) {
  const auto bad = [&](const std::string& why) {
    throw InternalError("ops.def: " + std::string(op) + " attribute '" + std::string(word) + "': " + why);
  };
  AttrSpec a;
  size_t colon = word.find(':');
  if (colon == std::string_view::npos) bad("no type");
  a.name = std::string(word.substr(0, colon));
  std::string_view type = word.substr(colon + 1), dflt;
  bool optional = false;
  if (size_t eq = type.find('='); eq != std::string_view::npos) {
    dflt = type.substr(eq + 1);
    type = type.substr(0, eq);
  } else if (!type.empty() && type.back() == '?') {
    optional = true;
    type.remove_suffix(1);
  }
  a.type = AttrType::Words;
  for (const auto& [n, t] : kAttrTypes)
    if (n == type) a.type = t;
  if (a.type == AttrType::Words) {
    a.words = split_words(type, '|');
    if (a.words.size() < 2) bad("unknown type");
  }
  if (!dflt.empty()) {
    const std::string d(dflt);
    switch (a.type) {
      case AttrType::Bool:
        if (d != "true" && d != "false") bad("a bool default is true or false");
        a.default_value = d == "true";
        break;
      case AttrType::Int: a.default_value = static_cast<int64_t>(std::stoll(d)); break;
      case AttrType::Float: a.default_value = std::stod(d); break;
      case AttrType::Number: bad("a number has no default"); break;
      default: a.default_value = d;
    }
    a.default_value = a.accept(*a.default_value);
    if (!a.default_value) bad("its default is not one of its values");
  }
  a.required = !optional && !a.default_value;
  return a;
}

std::vector<AttrSpec> parse_attrs(std::string_view op, std::string_view spec) {
  std::vector<AttrSpec> out;
  for (const std::string& w : split_words(spec, ' ')) out.push_back(parse_attr(op, w));
  return out;
}

std::vector<OpInfo> build_table() {
  std::vector<OpInfo> t;
#define OP(name, engines, operands, attrs, cost, summary)                                        \
  t.push_back(OpInfo{Opcode::name, #name, static_cast<uint32_t>(engines), parse_roles(operands), \
                     parse_attrs(#name, attrs), CostClass::cost, summary});
#include "ir/ops.def"
#undef OP
  return t;
}

}  // namespace

const std::vector<OpInfo>& all_ops() {
  static const std::vector<OpInfo> table = build_table();
  return table;
}

const OpInfo& op_info(Opcode op) {
  return all_ops().at(static_cast<size_t>(op));
}
std::string_view op_name(Opcode op) {
  return op_info(op).name;
}

std::optional<Opcode> parse_opcode(std::string_view name) {
  for (const auto& info : all_ops())
    if (info.name == name) return info.opcode;
  return std::nullopt;
}

const AttrSpec* OpInfo::attr(std::string_view n) const {
  for (const AttrSpec& a : attrs)
    if (a.name == n) return &a;
  return nullptr;
}

std::optional<AttrValue> AttrSpec::accept(const AttrValue& v) const {
  const std::string* s = std::get_if<std::string>(&v);
  bool ok = false;
  switch (type) {
    case AttrType::Bool: ok = std::holds_alternative<bool>(v); break;
    case AttrType::Int: ok = std::holds_alternative<int64_t>(v); break;
    case AttrType::Float: ok = std::holds_alternative<double>(v); break;
    case AttrType::Number:
      ok = std::holds_alternative<int64_t>(v) || std::holds_alternative<double>(v);
      break;
    case AttrType::Ints:
    case AttrType::Text: ok = s != nullptr; break;
    case AttrType::Words: ok = s && std::find(words.begin(), words.end(), *s) != words.end(); break;
    case AttrType::Alu:
      if (s) {
        if (auto op = parse_alu_op(*s)) return AttrValue(*op);
      }
      ok = std::holds_alternative<AluOp>(v);
      break;
    case AttrType::Act:
      if (s) {
        if (auto fn = parse_act_fn(*s)) return AttrValue(*fn);
      }
      ok = std::holds_alternative<ActFn>(v);
      break;
    case AttrType::Cmd:
      if (s) {
        if (auto cmd = parse_reduce_cmd(*s)) return AttrValue(*cmd);
      }
      ok = std::holds_alternative<ReduceCmd>(v);
      break;
  }
  if (!ok) return std::nullopt;
  return v;
}

std::string AttrSpec::type_text() const {
  for (const auto& [n, t] : kAttrTypes)
    if (t == type) return std::string(n);
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : "|") + w;
  return out;
}

int operand_index(Opcode op, std::string_view role) {
  const auto& roles = op_info(op).operands;
  for (size_t i = 0; i < roles.size(); ++i)
    if (roles[i].name == role) return static_cast<int>(i);
  return -1;
}

const std::vector<AluOpInfo>& all_alu_ops() {
  using K = AluKind;
  static const std::vector<AluOpInfo> table = {
      {AluOp::Bypass, "bypass", K::Special, false},
      {AluOp::Add, "add", K::Arith, true},
      {AluOp::Subtract, "subtract", K::Arith, true},
      {AluOp::Multiply, "multiply", K::Arith, true},
      {AluOp::Divide, "divide", K::Arith, false},
      {AluOp::Maximum, "maximum", K::Arith, true},
      {AluOp::Minimum, "minimum", K::Arith, true},
      {AluOp::Power, "power", K::Arith, false},
      {AluOp::Mod, "mod", K::Arith, false},
      {AluOp::Fmod, "fmod", K::Arith, false},
      {AluOp::Equal, "equal", K::Arith, false},
      {AluOp::NotEqual, "not_equal", K::Arith, false},
      {AluOp::Less, "less", K::Arith, false},
      {AluOp::LessEqual, "less_equal", K::Arith, false},
      {AluOp::Greater, "greater", K::Arith, false},
      {AluOp::GreaterEqual, "greater_equal", K::Arith, false},
      {AluOp::LogicalAnd, "logical_and", K::Arith, true},
      {AluOp::LogicalOr, "logical_or", K::Arith, true},
      {AluOp::LogicalXor, "logical_xor", K::Arith, true},
      {AluOp::LogicalNot, "logical_not", K::Unary, false},
      {AluOp::AbsMax, "abs_max", K::Arith, false},
      {AluOp::AbsMin, "abs_min", K::Arith, false},
      {AluOp::Abs, "abs", K::Unary, false},
      {AluOp::Square, "square", K::Unary, false},
      {AluOp::Relu, "relu", K::Unary, false},
      {AluOp::Rsqrt, "rsqrt", K::Unary, false},
      {AluOp::Reciprocal, "reciprocal", K::Unary, false},
      {AluOp::BitwiseAnd, "bitwise_and", K::Bitvec, true},
      {AluOp::BitwiseOr, "bitwise_or", K::Bitvec, true},
      {AluOp::BitwiseXor, "bitwise_xor", K::Bitvec, true},
      {AluOp::Invert, "invert", K::Bitvec, false},
      {AluOp::LeftShift, "left_shift", K::Bitvec, false},
      {AluOp::RightShift, "right_shift", K::Bitvec, false},
      {AluOp::Average, "average", K::Special, false},
  };
  return table;
}

const AluOpInfo& alu_op_info(AluOp op) {
  return all_alu_ops().at(static_cast<size_t>(op));
}

std::optional<AluOp> parse_alu_op(std::string_view name) {
  for (const auto& info : all_alu_ops())
    if (info.name == name) return info.op;
  // The hardware (KLR) spellings.
  static const std::pair<std::string_view, AluOp> aliases[] = {
      {"mult", AluOp::Multiply},
      {"max", AluOp::Maximum},
      {"min", AluOp::Minimum},
      {"pow", AluOp::Power},
      {"is_equal", AluOp::Equal},
      {"is_lt", AluOp::Less},
      {"is_le", AluOp::LessEqual},
      {"is_gt", AluOp::Greater},
      {"is_ge", AluOp::GreaterEqual},
      {"bitwise_not", AluOp::Invert},
      {"logical_shift_left", AluOp::LeftShift},
      {"arith_shift_left", AluOp::LeftShift},
      {"logical_shift_right", AluOp::RightShift},
  };
  for (const auto& [n, op] : aliases)
    if (n == name) return op;
  return std::nullopt;
}

const std::vector<ActFnInfo>& all_act_fns() {
  static const std::vector<ActFnInfo> table = {
      {ActFn::Copy, "copy"},
      {ActFn::Exp, "exp"},
      {ActFn::Log, "log"},
      {ActFn::Tanh, "tanh"},
      {ActFn::Sigmoid, "sigmoid"},
      {ActFn::Relu, "relu"},
      {ActFn::Square, "square"},
      {ActFn::Sqrt, "sqrt"},
      {ActFn::Rsqrt, "rsqrt"},
      {ActFn::Reciprocal, "reciprocal"},
      {ActFn::Gelu, "gelu"},
      {ActFn::GeluDx, "gelu_dx"},
      {ActFn::GeluApprxTanh, "gelu_apprx_tanh"},
      {ActFn::GeluApprxSigmoid, "gelu_apprx_sigmoid"},
      {ActFn::GeluApprxSigmoidDx, "gelu_apprx_sigmoid_dx"},
      {ActFn::Silu, "silu"},
      {ActFn::SiluDx, "silu_dx"},
      {ActFn::Abs, "abs"},
      {ActFn::Sign, "sign"},
      {ActFn::Sin, "sin"},
      {ActFn::Arctan, "arctan"},
      {ActFn::Softplus, "softplus"},
      {ActFn::Mish, "mish"},
      {ActFn::Erf, "erf"},
      {ActFn::ErfDx, "erf_dx"},
      {ActFn::Prelu, "prelu"},  // x, or x * relu_param below 0: activate2 (trn3) only
  };
  return table;
}

std::optional<ActFn> parse_act_fn(std::string_view name) {
  for (const auto& info : all_act_fns())
    if (info.name == name) return info.fn;
  if (name == "identity") return ActFn::Copy;
  return std::nullopt;
}

std::string_view act_fn_name(ActFn fn) {
  return all_act_fns().at(static_cast<size_t>(fn)).name;
}

namespace {
constexpr std::array<std::string_view, 5> kReduceCmds = {"idle", "reset", "reduce", "reset_reduce",
                                                         "load_reduce"};
}

std::string_view reduce_cmd_name(ReduceCmd cmd) {
  return kReduceCmds.at(static_cast<size_t>(cmd));
}

std::optional<ReduceCmd> parse_reduce_cmd(std::string_view name) {
  for (size_t i = 0; i < kReduceCmds.size(); ++i)
    if (kReduceCmds[i] == name) return static_cast<ReduceCmd>(i);
  return std::nullopt;
}

std::string_view engine_name(Engine e) {
  static constexpr std::array<std::string_view, 7> names = {"none",   "tensor", "vector", "scalar",
                                                            "gpsimd", "sync",   "dma"};
  return names.at(static_cast<size_t>(e));
}

std::optional<Engine> parse_engine(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(Engine::Dma); ++i)
    if (engine_name(static_cast<Engine>(i)) == name) return static_cast<Engine>(i);
  return std::nullopt;
}

}  // namespace nki

// The IR text form. One instruction per line:
//   <op> <required operands>, <optional role>=<operand> <attr>=<value> engine=<e>   ; file.py:12
// An access pattern prints as slices of its storage when it is one (%t[0:128,0:512], a[3,0:512]),
// otherwise raw: %t[@offset [step,num] [step,num]]; a reinterpreting dtype prints as %t<bf16>[...].
#include <fmt/format.h>

#include <cmath>

#include "ir/kernel.h"
#include "support/shape.h"

namespace nki {

Storage& Kernel::add_storage(const std::string& base, Buffer buffer, DType dtype, std::vector<int64_t> shape,
                             SourceLoc loc) {
  std::string stem = base.empty() ? std::string("t") : base;
  // `stem`, then `stem.1`, `stem.2`, ..., skipping names already taken.
  std::string name = stem;
  int& uses = name_uses_[stem];
  if (uses > 0) {
    do {
      name = stem + "." + std::to_string(uses++);
    } while (name_uses_.count(name));
  } else {
    uses = 1;
  }
  name_uses_.try_emplace(name, 1);
  auto s = std::make_unique<Storage>();
  s->id = static_cast<int>(storages.size());
  s->name = std::move(name);
  s->buffer = buffer;
  s->dtype = dtype;
  s->shape = std::move(shape);
  s->loc = loc;
  storages.push_back(std::move(s));
  return *storages.back();
}

const std::vector<int64_t>& Kernel::output_shape(size_t i) const {
  if (i < output_shapes.size() && !output_shapes[i].empty()) return output_shapes[i];
  return outputs.at(i)->shape;
}

namespace {

std::string storage_ref(const Storage& s) {
  return s.is_argument ? s.name : "%" + s.name;
}

// Tries to show `ap` as an index/slice expression over its storage's shape.
bool slice_form(const AccessPattern& ap, std::string& out) {
  const Storage& s = *ap.storage;
  if (ap.dtype != s.dtype) return false;
  const size_t rank = s.shape.size();
  std::vector<int64_t> stride(rank, 1);
  for (size_t i = rank; i-- > 1;) stride[i - 1] = stride[i] * s.shape[i];
  std::vector<std::string> parts;
  int64_t rest = ap.offset;
  size_t j = 0;  // next AP dim
  for (size_t k = 0; k < rank; ++k) {
    int64_t start = rest / stride[k];
    rest -= start * stride[k];
    if (start >= s.shape[k]) return false;
    bool take = false;
    int64_t step = 1;
    if (j < ap.dims.size()) {
      const ApDim& d = ap.dims[j];
      if (d.num == 1 && (d.step == stride[k] || d.step == 0)) {
        take = true;
      } else if (d.step > 0 && d.step % stride[k] == 0) {
        step = d.step / stride[k];
        take = start + (d.num - 1) * step < s.shape[k];
      }
      // A free dim of size 1 that maps to no storage dim cannot be shown as a slice.
    }
    if (take) {
      const ApDim& d = ap.dims[j++];
      std::string p = fmt::format("{}:{}", start, start + (d.num - 1) * step + 1);
      if (step != 1) p += fmt::format(":{}", step);
      parts.push_back(p);
    } else {
      parts.push_back(std::to_string(start));
    }
  }
  if (rest != 0 || j != ap.dims.size()) return false;
  out = storage_ref(s) + "[" + fmt::format("{}", fmt::join(parts, ",")) + "]";
  return true;
}

std::string format_number(double v) {
  // The range test first: converting a double outside int64's range (or NaN) is undefined.
  if (v > -1e15 && v < 1e15 && v == std::trunc(v)) return fmt::format("{:.1f}", v);
  return fmt::format("{}", v);
}

std::string format_attr(const AttrValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const int64_t* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&v)) return format_number(*d);
  if (const AluOp* op = std::get_if<AluOp>(&v)) return std::string(alu_op_info(*op).name);
  if (const ActFn* fn = std::get_if<ActFn>(&v)) return std::string(act_fn_name(*fn));
  if (const ReduceCmd* cmd = std::get_if<ReduceCmd>(&v)) return std::string(reduce_cmd_name(*cmd));
  return std::get<std::string>(v);
}

std::string format_operand(const Operand& o) {
  if (o.is_imm()) return format_number(o.imm);
  if (o.is_none()) return "none";
  return print_access_pattern(o.ap);
}

}  // namespace

std::string print_access_pattern(const AccessPattern& ap) {
  if (ap.storage == nullptr) return "<null>";
  std::string out;
  if (ap.dynamic) {
    // The static part as a raw pattern, then the runtime offset: {scalar_offset=r2 dim=0} or
    // {vector_offset=%idx[0:128,0:1] dim=0}.
    AccessPattern base = ap;
    base.dynamic.reset();
    const DynamicOffset& d = *ap.dynamic;
    out = storage_ref(*ap.storage);
    if (ap.dtype != ap.storage->dtype) out += fmt::format("<{}>", dtype_short_name(ap.dtype));
    out += fmt::format("[@{}", ap.offset);
    for (const auto& dim : ap.dims) out += fmt::format(" [{},{}]", dim.step, dim.num);
    std::string what = d.reg >= 0 ? fmt::format("r{}", d.reg) : print_access_pattern(d.index);
    return out + fmt::format("]{{{}={} dim={}}}", d.vector ? "vector_offset" : "scalar_offset", what,
                             d.indirect_dim);
  }
  if (slice_form(ap, out)) return out;
  out = storage_ref(*ap.storage);
  if (ap.dtype != ap.storage->dtype) out += fmt::format("<{}>", dtype_short_name(ap.dtype));
  out += fmt::format("[@{}", ap.offset);
  for (const auto& d : ap.dims) out += fmt::format(" [{},{}]", d.step, d.num);
  return out + "]";
}

std::string print_instruction(const Instruction& inst) {
  return print_instruction(inst, nullptr);
}

std::string print_instruction(const Instruction& inst, const Kernel* k) {
  const OpInfo& info = op_info(inst.op);
  std::string line;
  if (inst.op == Opcode::alloc) {
    const Storage& s = *inst.operands.at(0).ap.storage;
    line = fmt::format("{} = alloc {} {}", storage_ref(s), buffer_name(s.buffer), s.type_str());
    if (s.partition_start && s.byte_offset)
      line += fmt::format(" addr=({},{})", *s.partition_start, *s.byte_offset);
    if (s.constant) line += fmt::format(" constant=\"{}\"", s.constant_source);
  } else {
    line = fmt::format("{:<13} ", info.name);
    std::string positional, named;
    for (size_t i = 0; i < inst.operands.size() && i < info.operands.size(); ++i) {
      const Operand& o = inst.operands[i];
      if (!info.operands[i].optional) {
        positional += (positional.empty() ? "" : ", ") + format_operand(o);
      } else if (!o.is_none()) {
        named += " " + info.operands[i].name + "=" + format_operand(o);
      }
    }
    std::string ops = positional + named;
    line += ops;
    for (const auto& a : inst.attrs) line += " " + a.name + "=" + format_attr(a.value);
    if (inst.engine != Engine::None) line += fmt::format(" engine={}", engine_name(inst.engine));
    if (!inst.name.empty()) line += fmt::format(" name=\"{}\"", inst.name);
    if (!inst.deps.empty()) {
      // Producers by their name= when they have one, else by their position in the body.
      line += " after=";
      for (size_t i = 0; i < inst.deps.size(); ++i) {
        uint32_t d = inst.deps[i];
        bool named = k && d < k->body.size() && !k->body[d].name.empty();
        line += (i ? "," : "") + (named ? "\"" + k->body[d].name + "\"" : "#" + std::to_string(d));
      }
    }
  }
  if (inst.loc.valid()) {
    if (line.size() < 70) line.resize(70, ' ');
    line += " ; " + inst.loc.short_str();
  }
  return line;
}

std::string print_kernel(const Kernel& k) {
  std::string out = "kernel " + k.name + "(";
  for (size_t i = 0; i < k.inputs.size(); ++i) {
    const Storage& s = *k.inputs[i];
    out += fmt::format("{}{}: {} {}", i ? ", " : "", s.name, buffer_name(s.buffer), s.type_str());
  }
  out += ") -> (";
  for (size_t i = 0; i < k.outputs.size(); ++i) {
    const Storage& s = *k.outputs[i];
    out += fmt::format("{}{}: {} {}", i ? ", " : "", storage_ref(s), buffer_name(s.buffer), s.type_str());
    // A returned reshape: the caller sees the storage in this shape.
    if (k.output_shape(i) != s.shape) out += " as " + shape_str(k.output_shape(i));
  }
  out += fmt::format(") target={}\n", k.target);
  for (const auto& inst : k.body) out += "  " + print_instruction(inst, &k) + "\n";
  return out;
}

}  // namespace nki

// One IR instruction: opcode, operands in ops.def role order, attributes, the engine it runs on
// and the kernel source location (with the inlined call chain) it came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ir/ops.h"
#include "ir/tensor.h"
#include "support/diagnostics.h"

namespace nki {

// An operand: absent (an optional role not given), a tensor access pattern, or an immediate.
struct Operand {
  enum class Kind : uint8_t { None, Tensor, Imm };
  Kind kind = Kind::None;
  AccessPattern ap;
  double imm = 0;

  static Operand none() { return {}; }
  static Operand tensor(AccessPattern a) {
    Operand o;
    o.kind = Kind::Tensor;
    o.ap = std::move(a);
    return o;
  }
  static Operand immediate(double v) {
    Operand o;
    o.kind = Kind::Imm;
    o.imm = v;
    return o;
  }
  bool is_tensor() const { return kind == Kind::Tensor; }
  bool is_imm() const { return kind == Kind::Imm; }
  bool is_none() const { return kind == Kind::None; }
};

struct Attr {
  std::string name;
  AttrValue value;
};

struct Instruction {
  Opcode op = Opcode::alloc;
  Engine engine = Engine::None;   // None: not yet chosen (the schedule pass picks)
  std::vector<Operand> operands;  // one per ops.def role, in order
  std::vector<Attr> attrs;        // in the order they print
  std::string name;               // the kernel's name= hint, if any
  // Explicit ordering edges from the kernel: indices (into Kernel::body) of earlier instructions
  // this one must wait for, from .depends_on(...), kernel.with_schedule(...) and
  // `with nl.no_reorder():`. The schedule pass adds them to the data dependencies it finds.
  std::vector<uint32_t> deps;
  SourceLoc loc;
  CallStack stack;  // call sites of inlined helpers, outermost first; may be null

  const Operand& operand(std::string_view role) const;  // throws InternalError if no such role
  Operand& operand(std::string_view role);
  const AccessPattern& dst() const { return operands.at(0).ap; }
  // Whether the instruction writes operand `o` (its role is marked '>' in ops.def).
  bool writes(size_t o) const;

  // The attribute as stored (null when absent), for any name.
  const AttrValue* find_attr(std::string_view name) const;
  bool has_attr(std::string_view name) const { return find_attr(name) != nullptr; }
  // Typed lookups of an attribute ops.def declares for the opcode: the stored value, else its
  // default; InternalError when it is undeclared, absent with no default, or of another type
  // (attr_float also takes an int).
  const std::string& attr_str(std::string_view name) const;
  int64_t attr_int(std::string_view name) const;
  double attr_float(std::string_view name) const;
  bool attr_bool(std::string_view name) const;
  AluOp attr_alu(std::string_view name) const;
  ActFn attr_act(std::string_view name) const;
  ReduceCmd attr_cmd(std::string_view name) const;
  // Sets (or replaces, keeping its place) an attribute; InternalError when ops.def does not declare
  // it for the opcode or `v` is not of its type.
  void set_attr(std::string name, AttrValue v);
};

// Every integer of a list-valued string attribute as printed ("[0,1,255]", "[[1,64],[0,2]]"),
// in order: the form of iota patterns and nc_stream_shuffle masks.
std::vector<int64_t> parse_int_list(std::string_view text);

}  // namespace nki

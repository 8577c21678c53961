// A specialized kernel: its arguments (HBM tensors), every storage it allocates, its outputs and
// its body of instructions. The Kernel owns all Storage objects; access patterns point into it.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/instruction.h"
#include "ir/tensor.h"

namespace nki {

struct Kernel {
  std::string name;
  std::string target = "trn2";
  std::vector<std::unique_ptr<Storage>> storages;
  std::vector<const Storage*> inputs;   // tensor arguments, in parameter order
  std::vector<const Storage*> outputs;  // returned tensors, in return order
  // The shape each output is returned in, by position in `outputs`: set when the kernel returned
  // a reshape of the storage (`return out.reshape(n)`); a missing or empty entry means the
  // storage's own shape.
  std::vector<std::vector<int64_t>> output_shapes;
  std::vector<Instruction> body;
  int num_registers = 0;  // VirtualRegisters (r0, r1, ...) the body uses

  Kernel() = default;
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;
  Kernel(Kernel&&) = default;
  Kernel& operator=(Kernel&&) = default;

  // Creates a storage with a name unique in this kernel (`base`, `base.1`, `base.2`, ...).
  Storage& add_storage(const std::string& base, Buffer buffer, DType dtype, std::vector<int64_t> shape,
                       SourceLoc loc);
  // The shape output `i` is returned in (see output_shapes).
  const std::vector<int64_t>& output_shape(size_t i) const;

 private:
  std::unordered_map<std::string, int> name_uses_;  // base name -> storages created with it
};

// The IR as text (see docs/ir.md): a header line, then one instruction per line with its
// source location.
std::string print_kernel(const Kernel& k);
std::string print_instruction(const Instruction& inst);
// With the kernel, explicit dependencies print the producers' names.
std::string print_instruction(const Instruction& inst, const Kernel* k);
std::string print_access_pattern(const AccessPattern& ap);

}  // namespace nki

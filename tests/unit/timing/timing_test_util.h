// A kernel builder for the timing tests: storages placed at partition 0, byte 0 (move them with
// byte_offset), and instructions on whole storages, in ops.def operand order.
#pragma once

#include <string>
#include <vector>

#include "ir/kernel.h"

namespace nki::timing_test {

struct K {
  Kernel k;
  Storage& st(const std::string& name, Buffer b, std::vector<int64_t> shape, DType t = DType::float32) {
    Storage& s = k.add_storage(name, b, t, std::move(shape), {});
    s.partition_start = 0;
    s.byte_offset = 0;
    return s;
  }
  Instruction inst(Opcode op, Engine e, std::vector<const Storage*> ops) const {
    Instruction i;
    i.op = op;
    i.engine = e;
    for (auto* s : ops) i.operands.push_back(Operand::tensor(AccessPattern::whole(*s)));
    return i;
  }
};

}  // namespace nki::timing_test

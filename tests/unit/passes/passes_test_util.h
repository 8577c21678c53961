// A kernel builder for the pass tests: each storage gets its alloc instruction (as the
// specializer emits them), and instructions take explicit access patterns.
#pragma once

#include <string>
#include <vector>

#include "ir/kernel.h"

namespace nki::passes_test {

struct Builder {
  Kernel k;
  const Arch& arch = get_arch("trn2");

  Storage& alloc(const std::string& name, Buffer b, std::vector<int64_t> shape, DType t = DType::float32) {
    Storage& s = k.add_storage(name, b, t, std::move(shape), {});
    Instruction inst;
    inst.op = Opcode::alloc;
    inst.operands = {Operand::tensor(AccessPattern::whole(s))};
    k.body.push_back(inst);
    return s;
  }
  // Appends `op` on `e` with these operands; returns its index in the body.
  int add(Opcode op, Engine e, std::vector<AccessPattern> aps) {
    Instruction inst;
    inst.op = op;
    inst.engine = e;
    for (auto& a : aps) inst.operands.push_back(Operand::tensor(a));
    k.body.push_back(inst);
    return int(k.body.size()) - 1;
  }
  // Rows [r0, r0 + n) of a 2-D storage, whole rows.
  static AccessPattern rows(const Storage& s, int64_t r0, int64_t n) {
    AccessPattern ap = AccessPattern::whole(s);
    ap.offset = r0 * s.shape[1];
    ap.dims = {{s.shape[1], n}, {1, s.shape[1]}};
    return ap;
  }
};

}  // namespace nki::passes_test

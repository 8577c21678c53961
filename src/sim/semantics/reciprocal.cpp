// reciprocal: dst = 1 / data on the Vector engine, in fp32 (IEEE division: 1/0 = inf).
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_reciprocal(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::reciprocal);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  check_same_size(dst, "dst", data, "data");
  std::vector<float> v = m.read_f32(data);
  for (float& x : v) x = 1.0f / x;
  m.write_f32(dst, v.data());
}

}  // namespace nki::sim

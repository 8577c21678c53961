// The random-number family: rng, rand2, set_rng_seed, rand_set_state, rand_get_state. Each acts
// on the executing engine's per-partition generators (sim/random.h); lane = the partition the
// element lives in. Within a partition, elements draw in row-major order, and on the Vector
// engine element j uses the lane's generator j % 4.
#include "sim/random.h"
#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

// 32 random bits for every element of `w` (an access of `parts` partitions from `first`).
std::vector<uint32_t> draw(Machine& m, Engine e, const Walk& w, int64_t first, int64_t parts) {
  const int g = rng_generators(e);
  if (g == 0)
    throw UserError("the " + std::string(engine_name(e)) + " engine has no random-number generator");
  std::vector<uint32_t>& st = m.rng_state(e);
  const int64_t per = per_partition(w.size(), parts);
  std::vector<uint32_t> bits(static_cast<size_t>(w.size()));
  for (int64_t p = 0; p < parts; ++p)
    for (int64_t j = 0; j < per; ++j)
      bits[p * per + j] = xorwow_next(&st[static_cast<size_t>(((first + p) * g + j % g) * kXorwowWords)]);
  return bits;
}

int64_t first_partition(const Instruction& inst, int i) {
  return inst.operands[i].ap.start_partition();
}

}  // namespace

// dst = 32 random bits per element, truncated to dst's dtype (its least significant bytes).
void exec_rng(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::rng);
  const Walk dst = m.walk(inst, R("dst"));
  const std::vector<uint32_t> bits =
      draw(m, inst.engine, dst, first_partition(inst, R("dst")), partitions_of(inst.operands[R("dst")].ap));
  m.write_bits(dst, bits.data());
}

// dst = min + u * (max - min) in fp32, u = unit_float(32 random bits) in [0, 1).
void exec_rand2(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::rand2);
  const Walk dst = m.walk(inst, R("dst"));
  const int64_t parts = partitions_of(inst.operands[R("dst")].ap);
  const ScalarOperand lo = read_scalar_operand(m, inst, R("min"), parts, 0.0f);
  const ScalarOperand hi = read_scalar_operand(m, inst, R("max"), parts, 1.0f);
  const std::vector<uint32_t> bits = draw(m, inst.engine, dst, first_partition(inst, R("dst")), parts);
  const int64_t per = per_partition(dst.size(), parts);
  std::vector<float> out(bits.size());
  for (int64_t p = 0; p < parts; ++p)
    for (int64_t j = 0; j < per; ++j)
      out[p * per + j] = lo.at(p) + unit_float(bits[p * per + j]) * (hi.at(p) - lo.at(p));
  m.write_f32(dst, out.data());
}

// Every lane of the Vector engine gets the state `nki run --seed <value>` would give it.
void exec_set_rng_seed(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::set_rng_seed);
  const std::vector<uint32_t> w = m.read_bits(m.walk(inst, R("src_seeds")));
  if (w.size() != 1) throw UserError("src_seeds must hold one 32-bit value");
  m.seed_rng(Engine::Vector, w[0]);
}

void exec_rand_set_state(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::rand_set_state);
  const std::vector<uint32_t> w = m.read_bits(m.walk(inst, R("src_seeds")));
  const int64_t parts = partitions_of(inst.operands[R("src_seeds")].ap),
                first = first_partition(inst, R("src_seeds"));
  const int64_t words = rng_generators(inst.engine) * kXorwowWords;
  if (words == 0 || static_cast<int64_t>(w.size()) != parts * words)
    throw UserError("src_seeds must hold " + std::to_string(words) + " uint32 per partition");
  std::vector<uint32_t>& st = m.rng_state(inst.engine);
  std::copy(w.begin(), w.end(), st.begin() + first * words);
}

void exec_rand_get_state(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::rand_get_state);
  const Walk dst = m.walk(inst, R("dst"));
  const int64_t parts = partitions_of(inst.operands[R("dst")].ap), first = first_partition(inst, R("dst"));
  const int64_t words = rng_generators(inst.engine) * kXorwowWords;
  if (words == 0 || dst.size() != parts * words)
    throw UserError("dst must hold " + std::to_string(words) + " uint32 per partition");
  const std::vector<uint32_t>& st = m.rng_state(inst.engine);
  m.write_bits(dst, st.data() + first * words);
}

}  // namespace nki::sim

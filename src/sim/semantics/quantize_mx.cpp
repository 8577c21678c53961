// quantize_mx (NeuronCore-v4): src [P, F] (bf16/f16, P a multiple of 32, F of 4) to MXFP8.
// An MX group is 8 partitions x 4 elements: block b (partitions 8b..8b+7) and column j
// (elements 4j..4j+3). Per group, with amax the largest |x| and Emax = 8 (float8_e4m3fn) or
// 15 (float8_e5m2):
//   E = floor(log2(amax)) - (Emax - 1), clamped to [-127, 127]; all-zero group: E = -127
//   dst_scale = 2^E as float8_e8m0fnu bits (E + 127; uint8 holds the same bits); NaN/inf amax: 0xFF
//   dst[p, j] packs src[p, 4j + i] / 2^E rounded to the fp8 type, value i in byte i
// (one scale twice the OCP sample algorithm's, so the largest values round without saturating).
// Scale layout: the scale of block b sits at partition (b / 4) * 32 + b % 4 of dst_scale, column
// j: scales stay in their group's 32-partition quadrant, in its first 4 partitions (the other
// partitions of dst_scale are not written).
#include <cmath>
#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_quantize_mx(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::quantize_mx);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  const Walk scale = m.walk(inst, R("dst_scale"));
  const AccessPattern& sap = inst.operands[R("src")].ap;
  const AccessPattern& cap = inst.operands[R("dst_scale")].ap;
  const int64_t parts = partitions_of(sap);
  const int64_t f = sap.elems_per_partition();
  const int64_t cols = f / 4;
  const int64_t scale_per = cap.elems_per_partition();
  if (dst.size() != parts * cols) throw UserError("dst must hold src's elements packed 4 per element");
  const DType elem = dst.dtype == DType::float8_e5m2_x4 ? DType::float8_e5m2 : DType::float8_e4m3fn;
  const int emax = elem == DType::float8_e5m2 ? 15 : 8;
  const std::vector<float> x = m.read_f32(src);
  std::vector<uint32_t> packed(static_cast<size_t>(parts * cols), 0);
  // The partitions the layout skips keep their bytes (a merge: not a read of the tensor).
  std::vector<uint8_t> scale_bits = m.gather(scale, false);
  for (int64_t b = 0; b < parts / 8; ++b) {
    for (int64_t j = 0; j < cols; ++j) {
      float amax = 0.0f;
      bool nan = false;
      for (int64_t p = 8 * b; p < 8 * b + 8; ++p)
        for (int64_t i = 0; i < 4; ++i) {
          const float v = x[static_cast<size_t>(p * f + 4 * j + i)];
          if (!std::isfinite(v)) nan = true;
          amax = std::fmax(amax, std::fabs(v));
        }
      int e = -127;
      if (amax > 0.0f) e = std::ilogb(amax) - (emax - 1);
      e = e < -127 ? -127 : e > 127 ? 127 : e;
      const int64_t row = parts > 32 ? (b / 4) * 32 + b % 4 : b;
      scale_bits[static_cast<size_t>(row * scale_per + j)] = nan ? 0xFF : static_cast<uint8_t>(e + 127);
      for (int64_t p = 8 * b; p < 8 * b + 8; ++p) {
        uint32_t word = 0;
        for (int i = 0; i < 4; ++i) {
          uint8_t q = 0;
          store_from_f32(elem, std::ldexp(x[static_cast<size_t>(p * f + 4 * j + i)], -e), &q);
          word |= static_cast<uint32_t>(q) << (8 * i);
        }
        packed[static_cast<size_t>(p * cols + j)] = word;
      }
    }
  }
  m.write_bits(dst, packed.data());
  m.scatter(scale, scale_bits.data());
}

}  // namespace nki::sim

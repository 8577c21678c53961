// nc_matmul_mx (NeuronCore-v4): the Tensor engine's MXFP8/MXFP4 matmul. stationary [K, M] and
// moving [K, N] hold packed MX elements (float8_e5m2_x4, float8_e4m3fn_x4, float4_e2m1fn_x4: 4
// values each), so the contraction runs over K partitions x 4 values (up to 512). Every value is
// dequantized by its MX group's scale, a power of two 2^(bits - 127) read from the e8m0 (or uint8)
// scale tile: the group of partitions 8b..8b+7 and column i (4 values each = 32 values) uses the
// scale at partition b (K <= 32) or (b / 4) * 32 + b % 4 (K > 32: scales stay in their
// quadrant), column i. Then
//   dst[m, n] (+)= sum over k, q of st[k, m].q * sscale[b(k), m] * mv[k, n].q * mscale[b(k), n]
// in fp32 (sgemm over the 4K dequantized rows; the dequantization itself is exact), written to
// PSUM as nc_matmul does (accumulate true/false/auto). Scale tiles may have more columns than
// the operands; the first M (N) are used. The unused partitions of a scale tile are not read.
#include <cblas.h>

#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

// The dequantized values of packed operand `w` ([K, F] elements) as a (4K) x F fp32 matrix, row
// 4k + q holding value q of partition k.
std::vector<float> dequantize(Machine& m, const Instruction& inst, int data, int scale, int64_t K,
                              int64_t F) {
  const Walk w = m.walk(inst, data);
  const Walk s = m.walk(inst, scale);
  const std::vector<uint8_t> raw = m.gather(w);
  const std::vector<uint8_t> sc = m.gather(s, false);  // unused partitions of the layout may be unwritten
  const int64_t sparts = partitions_of(inst.operands[scale].ap);
  const int64_t sper = per_partition(s.size(), sparts);
  if (sper < F)
    throw UserError("the scale tile has " + std::to_string(sper) + " elements per partition; it needs " +
                    std::to_string(F) + " (one per column of its operand)");
  const size_t es = static_cast<size_t>(w.esize);
  std::vector<float> out(static_cast<size_t>(4 * K * F));
  for (int64_t k = 0; k < K; ++k) {
    const int64_t b = k / 8;
    const int64_t row = K > 32 ? (b / 4) * 32 + b % 4 : b;
    for (int64_t i = 0; i < F; ++i) {
      const float factor = load_as_f32(DType::float8_e8m0fnu, &sc[static_cast<size_t>(row * sper + i)]);
      const uint8_t* p = raw.data() + static_cast<size_t>(k * F + i) * es;
      for (int q = 0; q < 4; ++q)
        out[static_cast<size_t>((4 * k + q) * F + i)] = load_packed_mx(w.dtype, p, q) * factor;
    }
  }
  return out;
}

}  // namespace

void exec_nc_matmul_mx(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_matmul_mx);
  const Walk dst = m.walk(inst, R("dst"));
  const int64_t K = partitions_of(inst.operands[R("stationary")].ap);
  if (partitions_of(inst.operands[R("moving")].ap) != K)
    throw UserError("stationary and moving must have the same partition (contraction) size");
  const int64_t M = K > 0 ? m.walk(inst, R("stationary")).size() / K : 0;
  const int64_t N = K > 0 ? m.walk(inst, R("moving")).size() / K : 0;
  if (partitions_of(inst.operands[R("dst")].ap) != M || dst.size() != M * N)
    throw UserError("dst must be [" + std::to_string(M) + ", " + std::to_string(N) +
                    "] (stationary free size x moving free size)");
  if (M == 0 || N == 0) return;
  const std::vector<float> a = dequantize(m, inst, R("stationary"), R("stationary_scale"), K, M);  // 4K x M
  const std::vector<float> b = dequantize(m, inst, R("moving"), R("moving_scale"), K, N);          // 4K x N
  std::vector<float> c(static_cast<size_t>(M * N), 0.0f);
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(M), static_cast<int>(N),
              static_cast<int>(4 * K), 1.0f, a.data(), static_cast<int>(M), b.data(), static_cast<int>(N),
              0.0f, c.data(), static_cast<int>(N));
  write_matmul_result(m, inst, dst, c);
}

}  // namespace nki::sim

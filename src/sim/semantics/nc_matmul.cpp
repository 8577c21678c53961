// nc_matmul: dst[M, N] (+)= stationary[K, M]^T @ moving[K, N] on the Tensor engine, the product
// in fp32 through sgemm, accumulation into PSUM as an fp32 read-add-write per element.
//   accumulate="false": overwrite.  "true": add onto the current contents.
//   "auto" (the NKI default, accumulate=None): per 4-byte PSUM word, add if the word has been
//   written since its storage's alloc, else overwrite. Any write marks a word (see Machine), so
//   memset(0) followed by auto matmuls accumulates onto the zeros, which is what kernels mean.
// perf_mode=double_row: stationary [K, 2, M] and moving [K, 2, N] contract over all 2K rows
// (einsum "kli,klj->ij"); in row-major order that is the same memory as [2K, M] and [2K, N].
// is_transpose on NeuronCore-v3+: the array passes the stationary's bits through: dst[m, n] =
// stationary[k, m] for the first k with moving[k, n] != 0 (moving is the identity, so dst =
// stationary^T, NaN/Inf intact), 0 where a moving column is all zero; always an overwrite. On
// NeuronCore-v2 transpose mode only tags the instruction and it multiplies as usual.
// PE tiling (tile_position/tile_size) changes where the product runs, not its value.
#include <cblas.h>

#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

enum class PsumWrite { Overwrite, Add, Auto };

// The accumulate attribute (ops.def: true|false|auto, default auto).
PsumWrite psum_write(const Instruction& inst) {
  const std::string& a = inst.attr_str("accumulate");
  return a == "true" ? PsumWrite::Add : a == "false" ? PsumWrite::Overwrite : PsumWrite::Auto;
}

std::string shape2(int64_t a, int64_t b) {
  return "[" + std::to_string(a) + ", " + std::to_string(b) + "]";
}

// Transpose mode: dst[m, n] = stationary[k, m] (its bits) for the first k where moving[k, n] != 0.
void transpose_pass_through(Machine& m, const Walk& dst, const Walk& st, const Walk& mv, int64_t K, int64_t M,
                            int64_t N) {
  const std::vector<uint8_t> data = m.gather(st);
  const std::vector<float> sel = m.read_f32(mv);
  const size_t ses = static_cast<size_t>(st.esize), des = static_cast<size_t>(dst.esize);
  std::vector<uint8_t> out(static_cast<size_t>(M * N) * des, 0);
  for (int64_t n = 0; n < N; ++n) {
    int64_t k = 0;
    while (k < K && sel[k * N + n] == 0.0f) ++k;
    if (k == K) continue;  // an all-zero moving column passes nothing: 0 in every format
    for (int64_t i = 0; i < M; ++i) {
      const uint8_t* src = data.data() + (k * M + i) * ses;
      uint8_t* to = out.data() + (i * N + n) * des;
      if (dst.dtype == st.dtype) {
        std::memcpy(to, src, ses);
      } else if (des == 2 && ses == 1) {
        to[0] = src[0];  // an fp8 element in a 16-bit word, upper byte zero (little-endian)
      } else {
        store_from_f32(dst.dtype, load_as_f32(st.dtype, src), to);
      }
    }
  }
  m.scatter(dst, out.data());
}

}  // namespace

void write_matmul_result(Machine& m, const Instruction& inst, const Walk& dst, std::vector<float>& c) {
  const PsumWrite mode = psum_write(inst);
  // Outside PSUM (which the verifier rejects) there are no flags and "auto" overwrites.
  const bool by_flag = mode == PsumWrite::Auto;
  if (mode == PsumWrite::Add || (by_flag && dst.kind == MemKind::Psum)) {
    // accumulate=True reads PSUM (checked); "auto" adds only onto words written before.
    const std::vector<float> old = m.read_f32(dst, !by_flag);
    dst.for_each_offset([&](int64_t off, int64_t k) {
      if (!by_flag || m.psum_word_written(off)) c[k] = old[k] + c[k];
    });
  }
  m.write_f32(dst, c.data());
}

void exec_nc_matmul(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_matmul);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk st = m.walk(inst, R("stationary"));
  const Walk mv = m.walk(inst, R("moving"));
  const int rows_per_k = inst.attr_str("perf_mode") == "double_row" ? 2 : 1;
  const int64_t K = partitions_of(inst.operands[R("stationary")].ap) * rows_per_k;
  const int64_t M = per_partition(st.size(), K);
  const int64_t K2 = partitions_of(inst.operands[R("moving")].ap) * rows_per_k;
  const int64_t N = per_partition(mv.size(), K2);
  if (K != K2)
    throw UserError("stationary " + shape2(K, M) + " and moving " + shape2(K2, N) +
                    " must have the same partition (contraction) size");
  if (partitions_of(inst.operands[R("dst")].ap) != M || dst.size() != M * N)
    throw UserError("dst must be " + shape2(M, N) + " (stationary free size x moving free size), but has " +
                    std::to_string(partitions_of(inst.operands[R("dst")].ap)) + " partitions and " +
                    std::to_string(dst.size()) + " elements");
  if (M == 0 || N == 0) return;
  if (inst.attr_bool("is_transpose") && m.arch().nc_version >= 3) {
    transpose_pass_through(m, dst, st, mv, K, M, N);
    return;
  }

  const std::vector<float> a = m.read_f32(st);  // K x M
  const std::vector<float> b = m.read_f32(mv);  // K x N
  std::vector<float> c(static_cast<size_t>(M * N), 0.0f);
  if (K > 0)
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(M), static_cast<int>(N),
                static_cast<int>(K), 1.0f, a.data(), static_cast<int>(M), b.data(), static_cast<int>(N), 0.0f,
                c.data(), static_cast<int>(N));

  write_matmul_result(m, inst, dst, c);
}

}  // namespace nki::sim

// nc_transpose: data viewed as [P, F] (partition dim by flattened free dims) becomes dst [F, P]:
// dst[j, i] = data[i, j], bit-exact: the Vector engine's 32x32 block transpose, and the Tensor
// engine's transpose mode on NeuronCore-v3+. On NeuronCore-v2 the Tensor engine has no transpose
// mode: it multiplies by the identity in fp32, so a NaN or Inf in a data column turns the rest of
// that dst row into NaN (x * 0), and a zero may lose its sign (nki-api.md §7.3).
#include <cblas.h>

#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nc_transpose(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_transpose);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const int64_t P = partitions_of(inst.operands[R("data")].ap);
  const int64_t F = per_partition(data.size(), P);
  const int64_t dst_parts = partitions_of(inst.operands[R("dst")].ap);
  if (dst.size() != data.size() || (data.size() > 0 && dst_parts != F))
    throw UserError("dst must be data transposed: data is [" + std::to_string(P) + ", " + std::to_string(F) +
                    "], so dst must be [" + std::to_string(F) + ", " + std::to_string(P) + "], but dst has " +
                    std::to_string(dst_parts) + " partitions and " + std::to_string(dst.size()) +
                    " elements");
  if (inst.engine == Engine::Tensor && m.arch().nc_version < 3 && P > 0 && F > 0) {
    const std::vector<float> a = m.read_f32(data);  // P x F
    std::vector<float> ident(static_cast<size_t>(P * P), 0.0f);
    for (int64_t i = 0; i < P; ++i) ident[static_cast<size_t>(i * P + i)] = 1.0f;
    std::vector<float> out(static_cast<size_t>(F * P), 0.0f);  // a^T @ I
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(F), static_cast<int>(P),
                static_cast<int>(P), 1.0f, a.data(), static_cast<int>(F), ident.data(), static_cast<int>(P),
                0.0f, out.data(), static_cast<int>(P));
    m.write_f32(dst, out.data());
    return;
  }
  const size_t es = static_cast<size_t>(data.esize);
  const std::vector<uint8_t> in = m.gather(data);
  std::vector<uint8_t> out(in.size());
  for (int64_t i = 0; i < P; ++i)
    for (int64_t j = 0; j < F; ++j)
      std::memcpy(out.data() + (j * P + i) * es, in.data() + (i * F + j) * es, es);
  if (dst.dtype == data.dtype) {
    m.scatter(dst, out.data());
  } else {
    // The verifier requires equal dtypes; convert anyway rather than reinterpret bytes.
    std::vector<float> v(static_cast<size_t>(dst.size()));
    for (size_t k = 0; k < v.size(); ++k) v[k] = load_as_f32(data.dtype, out.data() + k * es);
    m.write_f32(dst, v.data());
  }
}

}  // namespace nki::sim

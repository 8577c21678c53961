// Tensor storage and access patterns: the operands of every IR instruction.
//
// A Storage is one allocation (nl.ndarray, a kernel argument, an output). An AccessPattern is a
// view of a storage: element offset + [step, num] pairs, outermost first, counted in elements of
// the pattern's dtype over the storage's flattened layout. For on-chip storage (SBUF, PSUM) the
// flattened layout is partition-major: element e lives in partition e / F at free element e % F,
// where F is the storage's free elements per partition; the first pair of an on-chip pattern is
// the partition dim and its step is F. HBM storage is linear.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/dtype.h"
#include "support/source.h"

namespace nki {

enum class Buffer : uint8_t { Sbuf, Psum, PrivateHbm, SharedHbm };

std::string_view buffer_name(Buffer b);  // "sbuf", "psum", "hbm" (private), "shared_hbm"
inline bool is_on_chip(Buffer b) {
  return b == Buffer::Sbuf || b == Buffer::Psum;
}
inline bool is_hbm(Buffer b) {
  return !is_on_chip(b);
}

struct Storage {
  int id = 0;        // index in Kernel::storages
  std::string name;  // unique in the kernel; printed as %name (arguments without '%')
  Buffer buffer = Buffer::Sbuf;
  DType dtype = DType::float32;
  std::vector<int64_t> shape;
  SourceLoc loc;  // where it was created
  bool is_argument = false;
  // nl.shared_constant: the tensor's bytes, fixed at compile time (a shared_hbm tensor the
  // simulator fills when it comes into existence instead of poisoning it); null otherwise.
  std::shared_ptr<const std::vector<uint8_t>> constant;
  std::string constant_source;  // where the bytes came from (the .npy path), for the IR text

  // On-chip placement: start partition and byte offset within each partition. Set by an explicit
  // `address=` in the kernel or by the allocate pass.
  std::optional<int> partition_start;
  std::optional<int64_t> byte_offset;
  bool fixed_address = false;

  int64_t num_elements() const;
  int64_t total_bytes() const;
  // On-chip: shape[0]; HBM: 1.
  int64_t partitions() const;
  // On-chip: bytes of one partition (product of shape[1:] times the element size).
  int64_t partition_bytes() const;
  // "f32[128,512]"
  std::string type_str() const;
};

struct ApDim {
  int64_t step = 0;
  int64_t num = 0;
  bool operator==(const ApDim&) const = default;
};

struct DynamicOffset;

struct AccessPattern {
  const Storage* storage = nullptr;
  DType dtype = DType::float32;  // may differ from the storage's (a view(dtype) reinterpretation)
  int64_t offset = 0;            // in elements of `dtype`
  std::vector<ApDim> dims;       // outermost first
  // A runtime offset (.ap(scalar_offset= / vector_offset=), nki-api.md §4.6); null when static.
  std::shared_ptr<const DynamicOffset> dynamic;

  // The full, dense view of a storage in its own dtype and shape.
  static AccessPattern whole(const Storage& s);

  std::vector<int64_t> shape() const;
  int64_t num_elements() const;
  // Elements per partition row of the storage, in units of `dtype` (on-chip only).
  int64_t free_elems_per_partition() const;
  // On-chip: number of partitions covered (dims[0].num) and the first one.
  int64_t num_partitions() const;
  int64_t start_partition() const;
  // On-chip: elements per partition (product of the free dims' nums).
  int64_t elems_per_partition() const;
  // Whether the pattern covers a contiguous row-major block.
  bool is_contiguous() const;
  bool operator==(const AccessPattern&) const = default;
};

// The runtime part of a dynamically addressed pattern (nki-api.md §4.6).
//   scalar_offset: every element moves by value * stride, value = register `reg` or the one
//     element of `index` (a [1,1] SBUF tensor).
//   vector_offset: element (i0, i1, ...) = offset + sum_{k>0} i_k * step_k + index[i0] * stride,
//     index a [P,1] SBUF tensor of row numbers (the pattern's leading step is not used).
// stride = prod(storage.shape[indirect_dim+1:]) in elements of the pattern's dtype.
struct DynamicOffset {
  bool vector = false;
  int64_t reg = -1;     // scalar_offset from this register (then `index` has no storage)
  AccessPattern index;  // the offset tensor
  int64_t indirect_dim = 0;
  int64_t stride = 0;
  // A view indexed with a register (t[nl.ds(reg, n)], t[reg]): the register must be in
  // [0, max_index] (dimension view_dim of the view has dim_size elements); -1 when unchecked.
  int64_t max_index = -1;
  int64_t dim_size = 0;
  int64_t view_dim = 0;
};

// The offset tensor a dynamic pattern reads at run time, or null.
inline const AccessPattern* dynamic_index(const AccessPattern& ap) {
  return ap.dynamic && ap.dynamic->index.storage ? &ap.dynamic->index : nullptr;
}

// Calls fn(linear_index, element_index) for every element of `ap` in row-major order, where
// element_index is the offset into the storage's flattened layout in units of ap.dtype.
template <typename Fn>
void for_each_element(const AccessPattern& ap, Fn&& fn) {
  const size_t n = ap.dims.size();
  if (n == 0) {
    fn(int64_t{0}, ap.offset);
    return;
  }
  std::vector<int64_t> idx(n, 0);
  for (const auto& d : ap.dims)
    if (d.num <= 0) return;
  int64_t lin = 0;
  int64_t elem = ap.offset;
  const ApDim& inner = ap.dims[n - 1];
  while (true) {
    int64_t e = elem;
    for (int64_t i = 0; i < inner.num; ++i, e += inner.step) fn(lin++, e);
    // advance the outer dims
    size_t k = n - 1;
    while (k > 0) {
      --k;
      idx[k]++;
      elem += ap.dims[k].step;
      if (idx[k] < ap.dims[k].num) break;
      elem -= ap.dims[k].step * ap.dims[k].num;
      idx[k] = 0;
      if (k == 0) return;
    }
    if (n == 1) return;
  }
}

}  // namespace nki

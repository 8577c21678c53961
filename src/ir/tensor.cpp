// Storage sizes and access-pattern arithmetic.
#include "ir/tensor.h"

#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki {

std::string_view buffer_name(Buffer b) {
  switch (b) {
    case Buffer::Sbuf: return "sbuf";
    case Buffer::Psum: return "psum";
    case Buffer::PrivateHbm: return "hbm";  // nl.hbm is the alias of nl.private_hbm
    case Buffer::SharedHbm: return "shared_hbm";
  }
  return "?";
}

int64_t Storage::num_elements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

int64_t Storage::total_bytes() const {
  return num_elements() * dtype_size(dtype);
}

int64_t Storage::partitions() const {
  if (!is_on_chip(buffer) || shape.empty()) return 1;
  return shape[0];
}

int64_t Storage::partition_bytes() const {
  if (!is_on_chip(buffer)) return total_bytes();
  int64_t n = 1;
  for (size_t i = 1; i < shape.size(); ++i) n *= shape[i];
  return n * dtype_size(dtype);
}

std::string Storage::type_str() const {
  return std::string(dtype_short_name(dtype)) + shape_str(shape);
}

AccessPattern AccessPattern::whole(const Storage& s) {
  AccessPattern ap;
  ap.storage = &s;
  ap.dtype = s.dtype;
  ap.offset = 0;
  int64_t stride = 1;
  ap.dims.resize(s.shape.size());
  for (size_t i = s.shape.size(); i-- > 0;) {
    ap.dims[i] = ApDim{stride, s.shape[i]};
    stride *= s.shape[i];
  }
  return ap;
}

std::vector<int64_t> AccessPattern::shape() const {
  std::vector<int64_t> s;
  s.reserve(dims.size());
  for (const auto& d : dims) s.push_back(d.num);
  return s;
}

int64_t AccessPattern::num_elements() const {
  int64_t n = 1;
  for (const auto& d : dims) n *= d.num;
  return n;
}

int64_t AccessPattern::free_elems_per_partition() const {
  NKI_CHECK(storage != nullptr, "access pattern without storage");
  return storage->partition_bytes() / dtype_size(dtype);
}

int64_t AccessPattern::num_partitions() const {
  if (!storage || !is_on_chip(storage->buffer) || dims.empty()) return 1;
  return dims[0].num;
}

int64_t AccessPattern::start_partition() const {
  if (!storage || !is_on_chip(storage->buffer)) return 0;
  int64_t f = free_elems_per_partition();
  return f > 0 ? offset / f : 0;
}

int64_t AccessPattern::elems_per_partition() const {
  if (!storage || !is_on_chip(storage->buffer) || dims.empty()) return num_elements();
  int64_t n = 1;
  for (size_t i = 1; i < dims.size(); ++i) n *= dims[i].num;
  return n;
}

bool AccessPattern::is_contiguous() const {
  int64_t expect = 1;
  for (size_t i = dims.size(); i-- > 0;) {
    if (dims[i].num == 1) continue;
    if (dims[i].step != expect) return false;
    expect *= dims[i].num;
  }
  return true;
}

}  // namespace nki

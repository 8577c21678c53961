// The hardware rules of the instructions between the cores of an LNC2 launch (nki.isa.sendrecv,
// nki.isa.core_barrier): NeuronCore-v3 or newer, an SBUF tile exchanged for one of the same
// dtype and layout, a barrier on a shared HBM tensor. The ranks and cores themselves are checked
// when the kernel is specialized (lang/isa_spmd.cpp), where the launch degree is known.
#include "passes/verify_checker.h"

namespace nki::verifier {

namespace {

void needs_v3(const Checker& c) {
  if (c.arch.nc_version < 3)
    c.fail(
        fmt::format("needs NeuronCore-v3 or newer (trn2, trn3); the target {} has no second core to talk to",
                    c.arch.name));
}

// A collective's tensors are all in HBM or all in SBUF.
void same_memory(const Checker& c) {
  if (is_hbm(c.buffer(0)) != is_hbm(c.buffer(1)))
    c.fail(fmt::format(
        "src {} is in {} and dst {} in {}; a collective's tensors must be all in HBM or all in SBUF",
        name_of(c.operand(1)), buffer_name(c.buffer(1)), name_of(c.operand(0)), buffer_name(c.buffer(0))));
}

}  // namespace

void Checker::check_sendrecv() const {
  constexpr Roles R(Opcode::sendrecv);
  needs_v3(*this);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("src")).ap;
  if (d.dtype != s.dtype)
    fail(fmt::format("src is {} and dst is {}; they must have the same dtype", dtype_name(s.dtype),
                     dtype_name(d.dtype)));
  same_tile(R("dst"), R("src"));
  if (inst.attr_str("dma_engine") == "gpsimd_dma") {
    const int64_t limit = 1024 / std::max(1, 4 / dtype_size(d.dtype));
    const int64_t bytes = d.elems_per_partition() * dtype_size(d.dtype);
    if (bytes > limit)
      fail(fmt::format("dma_engine=gpsimd_dma moves at most {} bytes per partition of {}, got {}", limit,
                       dtype_name(d.dtype), bytes));
  }
}

void Checker::check_collective_all_reduce() const {
  constexpr Roles R(Opcode::collective_all_reduce);
  same_memory(*this);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("src")).ap;
  if (d.num_elements() != s.num_elements())
    fail(fmt::format("dst {} has {} elements but src {} has {}; all_reduce writes a dst the size of its src",
                     name_of(operand(R("dst"))), d.num_elements(), name_of(operand(R("src"))),
                     s.num_elements()));
}

void Checker::check_collective_all_gather() const {
  constexpr Roles R(Opcode::collective_all_gather);
  same_memory(*this);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("src")).ap;
  const std::string& cores = inst.attr_str("cores");
  const int64_t n = 1 + std::count(cores.begin(), cores.end(), ',');
  if (d.dtype != s.dtype)
    fail(fmt::format("src is {} and dst is {}; all_gather copies bytes, they must have the same dtype",
                     dtype_name(s.dtype), dtype_name(d.dtype)));
  if (inst.attr_int("collective_dim") == 1) {
    if (s.dims.size() != 2 || d.dims.size() != 2)
      fail(fmt::format("collective_dim=1 concatenates 2-D tiles, but src has {} dims and dst {}",
                       s.dims.size(), d.dims.size()));
    if (d.num_partitions() != s.num_partitions() || d.elems_per_partition() != n * s.elems_per_partition())
      fail(fmt::format("dst {} is {} x {} but the {} cores' srcs concatenated along dim 1 are {} x {}",
                       name_of(operand(R("dst"))), d.num_partitions(), d.elems_per_partition(), n,
                       s.num_partitions(), n * s.elems_per_partition()));
    return;
  }
  if (d.num_elements() != n * s.num_elements())
    fail(fmt::format(
        "dst {} has {} elements but the {} cores' srcs gather {} x {} = {}; dst must hold every core's "
        "src",
        name_of(operand(R("dst"))), d.num_elements(), n, n, s.num_elements(), n * s.num_elements()));
}

void Checker::check_core_barrier() const {
  constexpr Roles R(Opcode::core_barrier);
  needs_v3(*this);
  if (buffer(R("data")) != Buffer::SharedHbm)
    fail(fmt::format("data {} is in {}; a barrier synchronises on a tensor in shared_hbm",
                     name_of(operand(R("data"))), buffer_name(buffer(R("data")))));
}

}  // namespace nki::verifier

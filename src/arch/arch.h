// Architecture configurations (trn1, trn2, trn3) as data. No number of the hardware is written
// inside an engine's code: passes and the simulator read them from here. Each value has a unit
// and a one-line description, printed by `nki arch`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nki {

struct ArchValue {
  std::string key;          // "sbuf_partition_bytes"
  int64_t value;
  std::string unit;         // "bytes", "partitions", "MHz", ...
  std::string description;  // one line
};

struct Arch {
  std::string name;         // "trn2"
  int nc_version = 3;       // NeuronCore generation: 2 (trn1), 3 (trn2), 4 (trn3)

  int64_t num_partitions = 128;
  int64_t sbuf_partition_bytes = 0;   // physical bytes per SBUF partition
  int64_t sbuf_usable_bytes = 0;      // bytes per partition available to a kernel
  int64_t psum_partition_bytes = 0;   // bytes per PSUM partition
  int64_t psum_bank_bytes = 0;        // bytes per PSUM bank per partition
  int64_t psum_num_banks = 0;
  int64_t gemm_stationary_fmax = 0;   // max free size of the matmul stationary operand
  int64_t gemm_moving_fmax = 0;       // max free size of the matmul moving operand
  int64_t bn_stats_fmax = 0;
  int64_t psum_min_align = 0;         // bytes
  int64_t sbuf_min_align = 0;         // bytes

  // Every value above with its unit and description, in print order.
  std::vector<ArchValue> values() const;
};

// The configuration for "trn1", "trn2" or "trn3" (also "gen2", "gen3", "gen4").
// Throws UserError listing the known targets for anything else.
const Arch& get_arch(std::string_view name);
std::vector<std::string> known_targets();

}  // namespace nki

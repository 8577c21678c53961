// The per-target configurations. Numbers from ../shared/reference/hw-model.md §1 and
// nki-api.md §5.1 (tile_size values read from KLR's Trace.lean).
#include "arch/arch.h"

#include "support/diagnostics.h"

namespace nki {

namespace {

Arch make_arch(std::string name, int nc_version, int64_t sbuf_kib, int64_t sbuf_usable) {
  Arch a;
  a.name = std::move(name);
  a.nc_version = nc_version;
  a.num_partitions = 128;
  a.sbuf_partition_bytes = sbuf_kib * 1024;
  a.sbuf_usable_bytes = sbuf_usable;
  a.psum_partition_bytes = 16 * 1024;
  a.psum_bank_bytes = 2048;
  a.psum_num_banks = 8;
  a.gemm_stationary_fmax = 128;
  a.gemm_moving_fmax = 512;
  a.bn_stats_fmax = 512;
  a.psum_min_align = 4;
  a.sbuf_min_align = 1;
  return a;
}

const Arch kTrn1 = make_arch("trn1", 2, 192, 180224);
const Arch kTrn2 = make_arch("trn2", 3, 224, 212984);
const Arch kTrn3 = make_arch("trn3", 4, 256, 245752);

}  // namespace

std::vector<ArchValue> Arch::values() const {
  return {
      {"nc_version", nc_version, "", "NeuronCore generation (2 = trn1, 3 = trn2, 4 = trn3)"},
      {"num_partitions", num_partitions, "partitions", "SBUF/PSUM partitions; max partition dim of a tile"},
      {"sbuf_partition_bytes", sbuf_partition_bytes, "bytes", "physical SBUF bytes per partition"},
      {"sbuf_usable_bytes", sbuf_usable_bytes, "bytes", "SBUF bytes per partition available to a kernel"},
      {"psum_partition_bytes", psum_partition_bytes, "bytes", "PSUM bytes per partition"},
      {"psum_bank_bytes", psum_bank_bytes, "bytes", "PSUM bank size per partition (512 fp32)"},
      {"psum_num_banks", psum_num_banks, "banks", "PSUM banks"},
      {"gemm_stationary_fmax", gemm_stationary_fmax, "elements", "max free size of the matmul stationary operand"},
      {"gemm_moving_fmax", gemm_moving_fmax, "elements", "max free size of the matmul moving operand"},
      {"bn_stats_fmax", bn_stats_fmax, "elements", "max free size of a bn_stats input"},
      {"psum_min_align", psum_min_align, "bytes", "minimum alignment of a PSUM free address"},
      {"sbuf_min_align", sbuf_min_align, "bytes", "minimum alignment of an SBUF free address"},
  };
}

const Arch& get_arch(std::string_view name) {
  if (name == "trn1" || name == "gen2" || name == "inf2") return kTrn1;
  if (name == "trn2" || name == "gen3") return kTrn2;
  if (name == "trn3" || name == "gen4") return kTrn3;
  throw UserError("unknown target '" + std::string(name) + "' (known targets: trn1, trn2, trn3)");
}

std::vector<std::string> known_targets() { return {"trn1", "trn2", "trn3"}; }

}  // namespace nki

// Races between the cores of an LNC2 launch on shared HBM: two accesses to the same bytes by
// different cores, at least one a write, with no sendrecv or core_barrier completed by both cores
// between them. On hardware the outcome of such a pair depends on timing; the simulator would
// silently pick one order (core 0 runs first between synchronisations), so it reports the pair.
//
// A shadow per shared tensor records, per byte, the last write and each core's last read as
// (core, synchronisation epoch, instruction). Every sync both cores complete starts a new epoch,
// so an access is ordered after another core's iff that one's epoch is older. The kernel's tensor
// arguments get a shadow only once a core writes them (they are mostly read by both cores, and a
// read never races with a read), so a read of an argument before the other core's first write to
// it is not seen.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "ir/kernel.h"
#include "sim/machine.h"

namespace nki::sim {

class RaceDetector {
 public:
  explicit RaceDetector(size_t cores) : epoch_(cores, 0) {}

  // Every core of `group` completed a sync together.
  void synced(const std::vector<int>& group);
  // Checks and records the shared-HBM accesses of `inst`, about to run on `core` (machine `m`).
  // Throws a UserError (without location; the dispatcher adds the instruction's) on a race.
  void access(int core, const Instruction& inst, Machine& m);

 private:
  struct Record {
    int core;
    int64_t epoch;
    const Instruction* inst;
  };
  struct Shadow {
    std::vector<uint32_t> write;
    std::vector<std::vector<uint32_t>> read;  // per core
  };
  uint32_t record(int core, const Instruction& inst);
  // A record another core made that this core's access is not ordered after, or nullptr.
  const Record* unordered(uint32_t rec, int core) const;
  [[noreturn]] void report(const Storage& s, int core, bool writes, const Record& other,
                           bool other_writes) const;

  std::vector<int64_t> epoch_;
  std::vector<Record> records_;  // shadows store index + 1 (0: none)
  std::map<std::tuple<int, int64_t, const Instruction*>, uint32_t> record_ids_;
  std::map<const std::vector<uint8_t>*, Shadow> shadows_;
};

}  // namespace nki::sim

// The shared-HBM race checks of an LNC2 launch (see races.h).
#include "sim/races.h"

#include <fmt/format.h>

#include "passes/passes.h"
#include "sim/cores.h"
#include "support/diagnostics.h"

namespace nki::sim {

void RaceDetector::synced(const std::vector<int>& group) {
  if (group.size() < 2) return;  // a core alone (a barrier of one, an exchange with itself) orders nothing
  for (int c : group) ++epoch_[c];
}

uint32_t RaceDetector::record(int core, const Instruction& inst) {
  auto key = std::make_tuple(core, epoch_[core], &inst);
  auto it = record_ids_.find(key);
  if (it != record_ids_.end()) return it->second;
  records_.push_back({core, epoch_[core], &inst});
  const auto id = static_cast<uint32_t>(records_.size());
  record_ids_.emplace(key, id);
  return id;
}

const RaceDetector::Record* RaceDetector::unordered(uint32_t rec, int core) const {
  if (rec == 0) return nullptr;
  const Record& r = records_[rec - 1];
  if (r.core == core || epoch_[core] > r.epoch) return nullptr;
  return &r;
}

void RaceDetector::report(const Storage& s, int core, bool writes, const Record& other,
                          bool other_writes) const {
  throw UserError(fmt::format(
      "race on shared HBM tensor '{}': core {} {} bytes that core {} {} ({}{}) with no core_barrier or "
      "sendrecv "
      "completed by both cores in between, so the result depends on timing; order them, e.g. with "
      "nisa.core_barrier(data={}, cores=(0, 1))",
      s.name, core, writes ? "writes" : "reads", other.core, other_writes ? "writes" : "reads",
      op_name(other.inst->op), other.inst->loc.valid() ? " at " + other.inst->loc.short_str() : "", s.name));
}

void RaceDetector::access(int core, const Instruction& inst, Machine& m) {
  if (inst.op == Opcode::alloc || is_sync(inst.op)) return;
  for (size_t o = 0; o < inst.operands.size(); ++o) {
    const Operand& op = inst.operands[o];
    if (!op.is_tensor() || op.ap.storage == nullptr) continue;
    const Storage& s = *op.ap.storage;
    if (!is_hbm(s.buffer) || !m.is_shared(s)) continue;
    const bool writes = inst.writes(o);  // as the schedule pass reads it
    const std::vector<uint8_t>* bytes = m.hbm_bytes(s).get();
    auto it = shadows_.find(bytes);
    if (it == shadows_.end()) {
      if (s.is_argument && !writes) continue;  // see races.h: arguments are tracked from their first write
      Shadow sh;
      sh.write.assign(bytes->size(), 0);
      sh.read.resize(epoch_.size());  // each core's read records: allocated at its first read
      it = shadows_.emplace(bytes, std::move(sh)).first;
    }
    Shadow& sh = it->second;
    if (!writes && sh.read[core].empty()) sh.read[core].assign(bytes->size(), 0);
    const uint32_t rec = record(core, inst);
    const int64_t es = dtype_size(op.ap.dtype);
    const auto size = static_cast<int64_t>(bytes->size());
    for_each_element(op.ap, [&](int64_t, int64_t e) {
      for (int64_t b = e * es; b < e * es + es; ++b) {
        if (b < 0 || b >= size) return;  // out of bounds: the instruction itself reports it
        if (const Record* w = unordered(sh.write[b], core)) report(s, core, writes, *w, true);
        if (writes) {
          for (const auto& rd : sh.read)
            if (!rd.empty())
              if (const Record* r = unordered(rd[b], core)) report(s, core, true, *r, false);
          sh.write[b] = rec;
        } else {
          sh.read[core][b] = rec;
        }
      }
    });
  }
}

}  // namespace nki::sim

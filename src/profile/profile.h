// The profiler's outputs from a timing result: the summary printed after every run (text, or JSON
// with --json) and a Chrome trace-event JSON timeline (ui.perfetto.dev, chrome://tracing) with one
// track per engine and DMA queue, each instruction a slice linked to its kernel source line.
#pragma once

#include <string>
#include <vector>

#include "ir/kernel.h"
#include "sim/timing/timing.h"

namespace nki::profile {

// Time per kernel source line (file:line), most expensive first. busy_ns is the time during
// which at least one of the line's instructions was in flight (the union of their intervals), so
// it never exceeds the device time even when the line's DMAs run on many queues at once.
struct LineCost {
  std::string source;
  double busy_ns = 0;
  int64_t instructions = 0;
};
std::vector<LineCost> top_lines(const Kernel& k, const timing::TimingResult& t, size_t n);

// Human-readable summary: device time, per-queue busy %, MFU, HBM traffic, top-10 source lines.
std::string summary_text(const Kernel& k, const timing::TimingResult& t);
// The same as a JSON document (one object).
std::string summary_json(const Kernel& k, const timing::TimingResult& t);
// The Chrome trace-event JSON of the whole run. `waits[i]` are the semaphore waits of the schedule.
std::string trace_json(const Kernel& k, const timing::TimingResult& t,
                       const std::vector<std::vector<int>>& waits);

// The cores of a launch (LNC2: core c is nl.program_id() == c). With one core these are the
// functions above; with more, the device time is the latest core's, the summary shows each core,
// and the trace has one process (track group) per core.
struct CoreRun {
  const Kernel* kernel;
  const timing::TimingResult* timing;
  const std::vector<std::vector<int>>* waits;  // the schedule's semaphore waits
};
std::string summary_text(const std::vector<CoreRun>& cores);
std::string summary_json(const std::vector<CoreRun>& cores);
std::string trace_json(const std::vector<CoreRun>& cores);

}  // namespace nki::profile

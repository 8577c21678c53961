// Summary and trace writers (see profile.h).
#include "profile/profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace nki::profile {

namespace {

using nlohmann::json;

std::string source_of(const Instruction& inst) {
  return inst.loc.valid() ? inst.loc.short_str() : "<unknown>";
}

double pct(double part, double whole) {
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

double mfu(const timing::TimingResult& t) {
  return t.total_ns > 0 && t.peak_flops_per_ns > 0
             ? 100.0 * t.matmul_flops / (t.total_ns * t.peak_flops_per_ns)
             : 0;
}

// Busy time of all DMA queues together, as the fraction of the run during which at least one
// transfer was in flight would need an interval union; queues are reported one by one instead
// and as "dma" the busiest.
double busiest_dma(const timing::TimingResult& t) {
  double m = 0;
  for (size_t q = t.first_dma_queue; q < t.queues.size(); ++q) m = std::max(m, t.queue_busy_ns[q]);
  return m;
}

}  // namespace

std::vector<LineCost> top_lines(const Kernel& k, const timing::TimingResult& t, size_t n) {
  std::map<std::string, std::vector<std::pair<double, double>>> intervals;
  for (const auto& it : t.insts)
    if (it.queue >= 0) intervals[source_of(k.body[it.index])].emplace_back(it.start_ns, it.end_ns);
  std::vector<LineCost> v;
  for (auto& [src, spans] : intervals) {
    LineCost c;
    c.source = src;
    c.instructions = static_cast<int64_t>(spans.size());
    // Union of the intervals: overlapping instructions of one line count once.
    std::sort(spans.begin(), spans.end());
    double open = spans[0].first, close = spans[0].second;
    for (const auto& [b, e] : spans) {
      if (b > close) {
        c.busy_ns += close - open;
        open = b;
      }
      close = std::max(close, e);
    }
    c.busy_ns += close - open;
    v.push_back(c);
  }
  std::stable_sort(v.begin(), v.end(),
                   [](const LineCost& a, const LineCost& b) { return a.busy_ns > b.busy_ns; });
  if (v.size() > n) v.resize(n);
  return v;
}

std::string summary_text(const Kernel& k, const timing::TimingResult& t) {
  std::string s = fmt::format("estimated device time: {:.3f} us on {} (timing model, docs/performance.md)\n",
                              t.total_ns / 1000, t.target);
  s += "engine busy:";
  for (size_t q = 0; q < size_t(t.first_dma_queue); ++q)
    s += fmt::format(" {} {:.1f}%", t.queues[q], pct(t.queue_busy_ns[q], t.total_ns));
  s += fmt::format(" | dma engines {:.1f}%, busiest dma queue {:.1f}%\n", pct(t.dma_busy_ns, t.total_ns),
                   pct(busiest_dma(t), t.total_ns));
  s += fmt::format("MFU: {:.2f}% ({:.3g} GFLOP against a {:.1f} TFLOPS {} peak)\n", mfu(t),
                   t.matmul_flops / 1e9, t.peak_flops_per_ns / 1000,
                   t.mx_matmul     ? "mx"
                   : t.fp32_matmul ? "fp32"
                                   : "bf16");
  s += fmt::format("HBM: {:.3f} MB moved, {:.1f} GB/s achieved\n", t.hbm_bytes / 1e6,
                   t.total_ns > 0 ? t.hbm_bytes / t.total_ns : 0);
  if (t.act_table_loads) s += fmt::format("activation table loads: {}\n", t.act_table_loads);
  if (t.executed > static_cast<int64_t>(t.insts.size()))
    s += fmt::format(
        "runtime loops executed {} instructions; the timeline and the lines below show the first {}\n",
        t.executed, t.insts.size());
  auto lines = top_lines(k, t, 10);
  if (!lines.empty()) {
    s += "time by source line (any of its instructions in flight):\n";
    for (const auto& l : lines)
      s += fmt::format("  {:>12.3f} us {:>5.1f}%  {:>7} instr  {}\n", l.busy_ns / 1000,
                       pct(l.busy_ns, t.total_ns), l.instructions, l.source);
  }
  return s;
}

namespace {

json summary_object(const Kernel& k, const timing::TimingResult& t) {
  json j;
  j["target"] = t.target;
  j["device_time_us"] = t.total_ns / 1000;
  json busy = json::object();
  for (size_t q = 0; q < t.queues.size(); ++q) busy[t.queues[q]] = pct(t.queue_busy_ns[q], t.total_ns);
  busy["dma_engines"] = pct(t.dma_busy_ns, t.total_ns);
  j["busy_percent"] = busy;
  j["mfu_percent"] = mfu(t);
  j["matmul_flops"] = t.matmul_flops;
  j["peak_tflops"] = t.peak_flops_per_ns / 1000;
  j["matmul_dtype"] = t.mx_matmul ? "mx" : t.fp32_matmul ? "fp32" : "bf16";
  j["hbm_bytes"] = t.hbm_bytes;
  j["hbm_gb_per_s"] = t.total_ns > 0 ? t.hbm_bytes / t.total_ns : 0;
  j["act_table_loads"] = t.act_table_loads;
  j["instructions_executed"] = t.executed;
  json lines = json::array();
  for (const auto& l : top_lines(k, t, 10))
    lines.push_back({{"source", l.source}, {"busy_us", l.busy_ns / 1000}, {"instructions", l.instructions}});
  j["top_lines"] = lines;
  return j;
}

}  // namespace

std::string summary_json(const Kernel& k, const timing::TimingResult& t) {
  return summary_object(k, t).dump(2) + "\n";
}

namespace {

// The trace events of one core: a process `pid` with one thread per engine and DMA queue.
void add_trace_events(json& events, int pid, const std::string& process, const Kernel& k,
                      const timing::TimingResult& t, const std::vector<std::vector<int>>& waits) {
  events.push_back(
      {{"name", "process_name"}, {"ph", "M"}, {"pid", pid}, {"tid", 0}, {"args", {{"name", process}}}});
  for (size_t q = 0; q < t.queues.size(); ++q) {
    events.push_back({{"name", "thread_name"},
                      {"ph", "M"},
                      {"pid", pid},
                      {"tid", int(q) + 1},
                      {"args", {{"name", t.queues[q]}}}});
    events.push_back({{"name", "thread_sort_index"},
                      {"ph", "M"},
                      {"pid", pid},
                      {"tid", int(q) + 1},
                      {"args", {{"sort_index", int(q)}}}});
  }
  // Per body instruction: how often it ran so far and when its latest instance was done.
  std::vector<int64_t> instance(k.body.size(), 0);
  std::vector<double> done(k.body.size(), -1);
  for (const auto& it : t.insts) {
    const size_t i = static_cast<size_t>(it.index);
    const int64_t n = instance[i]++;
    done[i] = it.done_ns;
    if (it.queue < 0) continue;
    const Instruction& inst = k.body[i];
    json args = {{"index", i},
                 {"instruction", print_instruction(inst, &k)},
                 {"source", source_of(inst)},
                 {"ready_us", it.ready_ns / 1000},
                 {"done_us", it.done_ns / 1000}};
    if (n > 0 || k.num_registers > 0) args["iteration"] = n;
    json w = json::array();
    if (i < waits.size())
      for (int d : waits[i])
        if (done[d] >= 0)
          w.push_back(fmt::format("#{} {} ({}) done at {:.3f} us", d, op_name(k.body[d].op),
                                  engine_name(k.body[d].engine), done[d] / 1000));
    args["waits"] = w;
    if (it.blocker >= 0) args["last_dependency"] = it.blocker;
    if (it.cycles > 0) args["cycles"] = it.cycles;
    if (it.bytes > 0) args["bytes"] = it.bytes, args["transfer_us"] = it.transfer_ns / 1000;
    if (it.table_load_ns > 0) args["act_table_load_us"] = it.table_load_ns / 1000;
    events.push_back({{"name", std::string(op_name(inst.op))},
                      {"cat", std::string(engine_name(inst.engine))},
                      {"ph", "X"},
                      {"pid", pid},
                      {"tid", it.queue + 1},
                      {"ts", it.start_ns / 1000},
                      {"dur", (it.end_ns - it.start_ns) / 1000},
                      {"args", args}});
  }
}

double device_ns(const std::vector<CoreRun>& cores) {
  double ns = 0;
  for (const auto& c : cores) ns = std::max(ns, c.timing->total_ns);
  return ns;
}

}  // namespace

std::string trace_json(const Kernel& k, const timing::TimingResult& t,
                       const std::vector<std::vector<int>>& waits) {
  return trace_json(std::vector<CoreRun>{{&k, &t, &waits}});
}

std::string trace_json(const std::vector<CoreRun>& cores) {
  json events = json::array();
  const timing::TimingResult& t0 = *cores.front().timing;
  const Kernel& k0 = *cores.front().kernel;
  int64_t executed = 0, recorded = 0;
  for (size_t c = 0; c < cores.size(); ++c) {
    std::string process = cores.size() == 1 ? fmt::format("NeuronCore ({}) kernel {}", t0.target, k0.name)
                                            : fmt::format("NeuronCore {} of {} ({}) kernel {}", c,
                                                          cores.size(), t0.target, k0.name);
    add_trace_events(events, int(c) + 1, process, *cores[c].kernel, *cores[c].timing, *cores[c].waits);
    executed += cores[c].timing->executed;
    recorded += static_cast<int64_t>(cores[c].timing->insts.size());
  }
  json other = {{"target", t0.target},
                {"kernel", k0.name},
                {"device_time_us", device_ns(cores) / 1000},
                {"instructions_executed", executed},
                {"instructions_recorded", recorded}};
  if (cores.size() > 1) other["lnc"] = cores.size();
  json doc = {{"traceEvents", events}, {"displayTimeUnit", "ns"}, {"otherData", other}};
  return doc.dump() + "\n";
}

std::string summary_text(const std::vector<CoreRun>& cores) {
  if (cores.size() == 1) return summary_text(*cores[0].kernel, *cores[0].timing);
  std::string s = fmt::format("estimated device time: {:.3f} us on {}, LNC{}: the later of the cores (",
                              device_ns(cores) / 1000, cores[0].timing->target, cores.size());
  for (size_t c = 0; c < cores.size(); ++c)
    s += fmt::format("{}core {} {:.3f} us", c ? ", " : "", c, cores[c].timing->total_ns / 1000);
  s += ")\n";
  for (size_t c = 0; c < cores.size(); ++c) {
    s += fmt::format("--- core {} (nl.program_id() == {}) ---\n", c, c);
    s += summary_text(*cores[c].kernel, *cores[c].timing);
  }
  return s;
}

std::string summary_json(const std::vector<CoreRun>& cores) {
  if (cores.size() == 1) return summary_json(*cores[0].kernel, *cores[0].timing);
  json j;
  j["target"] = cores[0].timing->target;
  j["lnc"] = cores.size();
  j["device_time_us"] = device_ns(cores) / 1000;
  json per = json::array();
  for (const auto& c : cores) per.push_back(summary_object(*c.kernel, *c.timing));
  j["cores"] = per;
  return j.dump(2) + "\n";
}

}  // namespace nki::profile

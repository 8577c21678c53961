// The cooperative scheduler of the cores of a launch, and the pairing of their sync instructions
// (see cores.h).
#include "sim/cores.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "sim/machine.h"
#include "sim/races.h"

namespace nki::sim {

bool is_sync(Opcode op) {
  return op == Opcode::sendrecv || op == Opcode::core_barrier || is_collective(op);
}

bool is_collective(Opcode op) {
  return op == Opcode::collective_all_reduce || op == Opcode::collective_all_gather;
}

UserError located_error(const Instruction& inst, const std::string& message) {
  UserError located(inst.loc, std::string(op_name(inst.op)) + ": " + message);
  if (inst.stack) {
    std::vector<SourceLoc> chain = *inst.stack;
    // The stack may end with the instruction's own location; the chain lists callers only.
    if (!chain.empty() && chain.back().file == inst.loc.file && chain.back().line == inst.loc.line &&
        chain.back().col == inst.loc.col)
      chain.pop_back();
    located.set_call_chain(std::move(chain));
  }
  return located;
}

namespace {

int64_t to_rank(const Instruction& i) {
  return i.attr_int("send_to_rank");
}
int64_t from_rank(const Instruction& i) {
  return i.attr_int("recv_from_rank");
}
int64_t pipe(const Instruction& i) {
  return i.attr_int("pipe_id");
}

std::vector<int> barrier_cores(const Instruction& i) {
  std::vector<int> cores;
  const std::string& s = i.attr_str("cores");
  for (size_t p = 0; p < s.size();) {
    size_t q = s.find(',', p);
    if (q == std::string::npos) q = s.size();
    cores.push_back(std::stoi(s.substr(p, q - p)));
    p = q + 1;
  }
  return cores;
}

const Instruction* waiting(const std::vector<const Instruction*>& at, int64_t core) {
  return core >= 0 && core < static_cast<int64_t>(at.size()) ? at[static_cast<size_t>(core)] : nullptr;
}

// The cores of c's barrier (or collective), if every one of them waits at the same instruction
// over the same cores.
bool barrier_group(const std::vector<const Instruction*>& at, int c, std::vector<int>& group) {
  const std::string& cores = at[c]->attr_str("cores");
  group = barrier_cores(*at[c]);
  for (int o : group) {
    const Instruction* w = waiting(at, o);
    if (!w || w->op != at[c]->op || w->attr_str("cores") != cores) return false;
  }
  return true;
}

// The cores linked to c by sends and receives, if each one's partners wait at a matching sendrecv
// (same pipe_id, sending to it / receiving from it).
bool sendrecv_group(const std::vector<const Instruction*>& at, int c, std::vector<int>& group) {
  group = {c};
  for (size_t k = 0; k < group.size(); ++k) {
    const int m = group[k];
    const Instruction& mine = *at[m];
    const Instruction* to = waiting(at, to_rank(mine));
    const Instruction* from = waiting(at, from_rank(mine));
    if (!to || to->op != Opcode::sendrecv || pipe(*to) != pipe(mine) || from_rank(*to) != m) return false;
    if (!from || from->op != Opcode::sendrecv || pipe(*from) != pipe(mine) || to_rank(*from) != m)
      return false;
    for (int64_t o : {to_rank(mine), from_rank(mine)})
      if (std::find(group.begin(), group.end(), o) == group.end()) group.push_back(static_cast<int>(o));
  }
  std::sort(group.begin(), group.end());
  return true;
}

std::string describe_wait(const Instruction& i) {
  if (i.op == Opcode::core_barrier) return "core_barrier(cores=(" + i.attr_str("cores") + "))";
  if (i.op == Opcode::collective_all_reduce) return "ncc.all_reduce(cores=(" + i.attr_str("cores") + "))";
  if (i.op == Opcode::collective_all_gather) return "ncc.all_gather(cores=(" + i.attr_str("cores") + "))";
  return fmt::format("sendrecv(send_to_rank={}, recv_from_rank={}, pipe_id={})", to_rank(i), from_rank(i),
                     pipe(i));
}

std::string loc_str(const Instruction& i) {
  return i.loc.valid() ? i.loc.short_str() : "?";
}
std::string where(const Instruction& i) {
  return i.loc.valid() ? " at " + i.loc.short_str() : "";
}

// Why core c's sync instruction can never complete: what the core it needs is doing.
[[noreturn]] void deadlock(const std::vector<const Instruction*>& at, int c) {
  const Instruction& mine = *at[c];
  std::vector<int> others;
  if (mine.op == Opcode::core_barrier || is_collective(mine.op)) {
    others = barrier_cores(mine);
  } else {
    others = {static_cast<int>(to_rank(mine)), static_cast<int>(from_rank(mine))};
  }
  std::string why;
  for (int o : others) {
    if (o == c) continue;
    const Instruction* w = waiting(at, o);
    if (!w) {
      why = fmt::format("core {} finished the kernel without reaching a matching {}", o, op_name(mine.op));
    } else {
      why = fmt::format("core {} waits at {}{}", o, describe_wait(*w), where(*w));
    }
    break;
  }
  if (why.empty()) why = "its partners never match it";
  throw located_error(mine, fmt::format("deadlock: core {} waits here at {}, but {}; every core must reach "
                                        "the same sequence of sendrecv/core_barrier/collectives",
                                        c, describe_wait(mine), why));
}

// Executes the sendrecv of every core of `group` at once: each core's src lands in the dst of
// the core it sends to.
void exchange(const std::vector<Simulator*>& cores, const std::vector<const Instruction*>& at,
              const std::vector<int>& group) {
  constexpr Roles R(Opcode::sendrecv);
  std::vector<std::vector<uint8_t>> sent(cores.size());
  std::vector<Walk> src_walk(cores.size());
  for (int m : group) {
    try {
      src_walk[m] = cores[m]->machine().walk(*at[m], R("src"));
      sent[m] = cores[m]->machine().gather(src_walk[m]);
    } catch (const UserError& e) {
      if (e.loc().valid()) throw;
      throw located_error(*at[m], e.message());
    }
  }
  for (int m : group) {
    const int r = static_cast<int>(to_rank(*at[m]));
    const Instruction& recv = *at[r];
    const AccessPattern& s = at[m]->operands[R("src")].ap;
    const AccessPattern& d = recv.operands[R("dst")].ap;
    if (s.num_partitions() != d.num_partitions() || s.elems_per_partition() != d.elems_per_partition() ||
        s.dtype != d.dtype)
      throw located_error(
          recv,
          fmt::format("core {} sends {} {} x {} elements ({}), but core {} receives into {} "
                      "{} x {} elements ({}); the tiles must match",
                      m, dtype_name(s.dtype), s.num_partitions(), s.elems_per_partition(), loc_str(*at[m]), r,
                      dtype_name(d.dtype), d.num_partitions(), d.elems_per_partition(), loc_str(recv)));
    try {
      Machine& rm = cores[r]->machine();
      rm.scatter(rm.walk(recv, R("dst")), sent[m].data());
    } catch (const UserError& e) {
      if (e.loc().valid()) throw;
      throw located_error(recv, e.message());
    }
  }
}

// Runs `fn` on core m's side of a scheduler-executed instruction, locating its errors there.
template <class Fn>
auto on_core(const Instruction& inst, Fn fn) {
  try {
    return fn();
  } catch (const UserError& e) {
    if (e.loc().valid()) throw;
    throw located_error(inst, e.message());
  }
}

// Executes a collective of every core of `group` (in rank order) at once. all_reduce: each dst
// gets op over the cores' srcs, accumulated in fp32 and rounded to the dst dtype on write.
// all_gather: each dst gets the srcs concatenated in rank order (row-major, so along dim 0).
void collective(const std::vector<Simulator*>& cores, const std::vector<const Instruction*>& at,
                const std::vector<int>& group) {
  // all_reduce and all_gather have the same roles.
  constexpr Roles R(Opcode::collective_all_reduce);
  static_assert(R("src") == Roles{Opcode::collective_all_gather}("src") &&
                R("dst") == Roles{Opcode::collective_all_gather}("dst"));
  const Instruction& first = *at[group[0]];
  const bool reduce = first.op == Opcode::collective_all_reduce;
  // Every core's src and dst must have the layout the first core's have.
  const AccessPattern& s0 = first.operands[R("src")].ap;
  const AccessPattern& d0 = first.operands[R("dst")].ap;
  for (int m : group) {
    const AccessPattern& s = at[m]->operands[R("src")].ap;
    const AccessPattern& d = at[m]->operands[R("dst")].ap;
    if (s.num_elements() != s0.num_elements() || s.dtype != s0.dtype ||
        d.num_elements() != d0.num_elements() || d.dtype != d0.dtype)
      throw located_error(
          *at[m], fmt::format("core {} passes src {} ({} elements) and dst {} ({} elements), but "
                              "core {} passes src {} ({}) and dst {} ({}) at {}; every core of the "
                              "group must pass tensors of the same size and dtype",
                              m, dtype_name(s.dtype), s.num_elements(), dtype_name(d.dtype), d.num_elements(),
                              group[0], dtype_name(s0.dtype), s0.num_elements(), dtype_name(d0.dtype),
                              d0.num_elements(), loc_str(first)));
  }
  if (reduce) {
    std::vector<float> acc;
    const AluOp op = first.attr_alu("op");
    for (int m : group)
      if (at[m]->attr_alu("op") != op)
        throw located_error(
            *at[m], fmt::format("core {} reduces with op=nl.{}, but core {} with op=nl.{} at {}; "
                                "every core of the group must pass the same op",
                                m, alu_op_info(at[m]->attr_alu("op")).name, group[0], alu_op_info(op).name,
                                loc_str(first)));
    for (int m : group) {
      Machine& mm = cores[m]->machine();
      std::vector<float> v = on_core(*at[m], [&] { return mm.read_f32(mm.walk(*at[m], R("src"))); });
      if (acc.empty()) {
        acc = std::move(v);
        continue;
      }
      for (size_t k = 0; k < acc.size(); ++k)
        acc[k] = op == AluOp::Add       ? acc[k] + v[k]
                 : op == AluOp::Minimum ? std::min(acc[k], v[k])
                                        : std::max(acc[k], v[k]);
    }
    for (int m : group) {
      Machine& mm = cores[m]->machine();
      on_core(*at[m], [&] {
        mm.write_f32(mm.walk(*at[m], R("dst")), acc.data());
        return 0;
      });
    }
    return;
  }
  auto dim = [](const Instruction& i) { return i.attr_int("collective_dim"); };
  for (int m : group)
    if (dim(*at[m]) != dim(first))
      throw located_error(*at[m],
                          fmt::format("core {} gathers along collective_dim={}, but core {} along "
                                      "collective_dim={} at {}; every core of the group must pass the same "
                                      "collective_dim",
                                      m, dim(*at[m]), group[0], dim(first), loc_str(first)));
  std::vector<std::vector<uint8_t>> parts;
  for (int m : group) {
    Machine& mm = cores[m]->machine();
    parts.push_back(on_core(*at[m], [&] { return mm.gather(mm.walk(*at[m], R("src"))); }));
  }
  std::vector<uint8_t> all;
  if (dim(first) == 1) {
    // Partition p of dst: partition p of every core's src, in rank order.
    const size_t row = static_cast<size_t>(s0.elems_per_partition() * dtype_size(s0.dtype));
    for (int64_t p = 0; p < s0.num_partitions(); ++p)
      for (const auto& b : parts) all.insert(all.end(), b.begin() + p * row, b.begin() + (p + 1) * row);
  } else {
    for (const auto& b : parts) all.insert(all.end(), b.begin(), b.end());
  }
  for (int m : group) {
    Machine& mm = cores[m]->machine();
    on_core(*at[m], [&] {
      mm.scatter(mm.walk(*at[m], R("dst")), all.data());
      return 0;
    });
  }
}

}  // namespace

std::vector<int> sync_group(const std::vector<const Instruction*>& at) {
  std::vector<int> group;
  for (size_t c = 0; c < at.size(); ++c) {
    if (!at[c]) continue;
    const bool ok = at[c]->op != Opcode::sendrecv ? barrier_group(at, static_cast<int>(c), group)
                                                  : sendrecv_group(at, static_cast<int>(c), group);
    if (ok) return group;
  }
  for (size_t c = 0; c < at.size(); ++c)
    if (at[c]) deadlock(at, static_cast<int>(c));
  return {};
}

void run_cores(const std::vector<Simulator*>& cores) {
  RaceDetector races(cores.size());
  if (cores.size() > 1)
    for (size_t c = 0; c < cores.size(); ++c)
      cores[c]->set_observer([&races, c, sim = cores[c]](const Instruction& inst) {
        races.access(static_cast<int>(c), inst, sim->machine());
      });
  std::vector<const Instruction*> at(cores.size());
  for (size_t c = 0; c < cores.size(); ++c) at[c] = cores[c]->run_until_sync();
  while (std::any_of(at.begin(), at.end(), [](const Instruction* i) { return i != nullptr; })) {
    const std::vector<int> group = sync_group(at);
    if (at[group[0]]->op == Opcode::sendrecv) exchange(cores, at, group);
    if (is_collective(at[group[0]]->op)) collective(cores, at, group);
    races.synced(group);
    for (int m : group) {
      cores[m]->finish_sync();
      at[m] = cores[m]->run_until_sync();
    }
  }
  for (Simulator* s : cores) s->set_observer(nullptr);
}

}  // namespace nki::sim

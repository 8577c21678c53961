// The schedule pass: the dependency graph of a kernel body and the semaphore waits it implies.
//
// Every tensor operand is reduced to a footprint: a box of partitions x bytes within a partition at
// the storage's physical SBUF/PSUM placement (so two tensors sharing reused space depend on each
// other, as they would on the device), or a byte range of one HBM tensor. The box is the bounding
// box of the access pattern: interleaved strided views of the same bytes (even and odd columns)
// count as overlapping, which only costs parallelism, never correctness. Reads depend on earlier
// overlapping writes (RAW); writes on earlier overlapping reads (WAR) and writes (WAW). A write
// that covers an earlier access's whole box retires it, since later accesses then order behind
// the write; that keeps the live record lists short and the pass near linear.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "passes/passes.h"

namespace nki {

namespace {

struct Box {
  int64_t p0 = 0, p1 = 1;  // partitions [p0, p1); 0..1 for HBM
  int64_t b0 = 0, b1 = 0;  // bytes [b0, b1) within a partition (HBM: within the tensor)
  bool overlaps(const Box& o) const { return p0 < o.p1 && o.p0 < p1 && b0 < o.b1 && o.b0 < b1; }
  bool covers(const Box& o) const { return p0 <= o.p0 && o.p1 <= p1 && b0 <= o.b0 && o.b1 <= b1; }
};

struct Access {
  Box box;
  int inst;
  Engine engine;
};

// The records of one memory space: SBUF, PSUM, or one HBM tensor.
struct Space {
  std::vector<Access> writes, reads;
};

// Element index range [lo, hi] that `ap` touches, relative to its offset.
std::pair<int64_t, int64_t> span(const std::vector<ApDim>& dims, size_t first) {
  int64_t lo = 0, hi = 0;
  for (size_t d = first; d < dims.size(); ++d) {
    int64_t reach = dims[d].step * (dims[d].num - 1);
    (reach < 0 ? lo : hi) += reach;
  }
  return {lo, hi};
}

Box footprint(const AccessPattern& ap) {
  const Storage& s = *ap.storage;
  const int64_t esz = dtype_size(ap.dtype);
  Box b;
  if (ap.dynamic) {
    // A runtime offset may land anywhere in the tensor: the whole tensor, conservatively.
    if (is_hbm(s.buffer)) {
      b.b1 = s.total_bytes();
    } else {
      b.p0 = s.partition_start.value_or(0);
      b.p1 = b.p0 + s.partitions();
      b.b0 = s.byte_offset.value_or(0);
      b.b1 = b.b0 + s.partition_bytes();
    }
    return b;
  }
  if (is_hbm(s.buffer)) {
    auto [lo, hi] = span(ap.dims, 0);
    b.b0 = (ap.offset + lo) * esz;
    b.b1 = (ap.offset + hi + 1) * esz;
    return b;
  }
  const int64_t F = std::max<int64_t>(1, ap.free_elems_per_partition());
  const int64_t base_p = s.partition_start.value_or(0), base_b = s.byte_offset.value_or(0);
  const int64_t p = ap.offset / F, f = ap.offset % F;
  auto [lo, hi] = span(ap.dims, ap.dims.empty() ? 0 : 1);
  bool regular =
      !ap.dims.empty() && (ap.dims[0].step == F || ap.dims[0].num == 1) && f + lo >= 0 && f + hi < F;
  if (regular) {
    b.p0 = base_p + p;
    b.p1 = b.p0 + ap.dims[0].num;
    b.b0 = base_b + (f + lo) * esz;
    b.b1 = base_b + (f + hi + 1) * esz;
  } else {
    // An irregular pattern (reinterpreting rows): every partition row it may touch, whole.
    auto [alo, ahi] = span(ap.dims, 0);
    b.p0 = base_p + (ap.offset + alo) / F;
    b.p1 = base_p + (ap.offset + ahi) / F + 1;
    b.b0 = base_b;
    b.b1 = base_b + s.partition_bytes();
  }
  return b;
}

int space_key(const Storage& s) {
  if (s.buffer == Buffer::Sbuf) return -1;
  if (s.buffer == Buffer::Psum) return -2;
  return s.id;
}

// The queue a producer runs on, for semaphore accounting: compute engines are in-order queues;
// every DMA transfer signals its own completion.
int64_t queue_key(const Instruction& inst, int index) {
  return inst.engine == Engine::Dma ? 1000 + index : static_cast<int>(inst.engine);
}

void retire(std::vector<Access>& v, const Box& w, int inst) {
  for (size_t j = 0; j < v.size();) {
    if (v[j].inst != inst && w.covers(v[j].box)) {
      v[j] = v.back();
      v.pop_back();
    } else {
      ++j;
    }
  }
}

using Spaces = std::unordered_map<int, Space>;

// Instruction i's memory accesses against the records of earlier ones: appends the instructions
// it depends on to `deps` and records its own accesses.
void access(const Kernel& k, int i, Spaces& spaces, std::vector<int>& deps) {
  const Instruction& inst = k.body[i];
  // Operands of a destination role are written; the rest are read, and so is the offset tensor
  // of a dynamically addressed operand.
  std::vector<std::pair<Space*, Box>> writes;
  std::vector<std::pair<const AccessPattern*, bool>> uses;  // (pattern, written)
  for (size_t o = 0; o < inst.operands.size(); ++o) {
    if (!inst.operands[o].is_tensor()) continue;
    uses.emplace_back(&inst.operands[o].ap, inst.writes(o));
    if (const AccessPattern* idx = dynamic_index(inst.operands[o].ap)) uses.emplace_back(idx, false);
  }
  for (const auto& [ap, written] : uses) {
    Space& sp = spaces[space_key(*ap->storage)];
    Box box = footprint(*ap);
    for (const Access& w : sp.writes)
      if (w.box.overlaps(box)) deps.push_back(w.inst);
    if (written) {
      for (const Access& r : sp.reads)
        if (r.box.overlaps(box)) deps.push_back(r.inst);
      writes.emplace_back(&sp, box);
      continue;
    }
    // A read of the same box by the same in-order engine supersedes the older record.
    bool merged = false;
    if (inst.engine != Engine::Dma)
      for (Access& r : sp.reads)
        if (r.engine == inst.engine && r.box.covers(box) && box.covers(r.box)) {
          r.inst = i;
          merged = true;
          break;
        }
    if (!merged) sp.reads.push_back({box, i, inst.engine});
  }
  for (auto& [sp, box] : writes) {
    retire(sp->writes, box, i);
    retire(sp->reads, box, i);
    sp->writes.push_back({box, i, inst.engine});
  }
}

void sort_unique(std::vector<int>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The loop-carried dependencies of the runtime loop ending at `end`: the body once more, against
// the records the last iteration left, keeps what an instruction finds at or after itself.
void carried_deps(const Kernel& k, int end, const Spaces& after_loop, Schedule& out) {
  Spaces spaces = after_loop;
  const int begin = static_cast<int>(k.body[end].attr_int("begin"));
  for (int j = begin + 1; j < end; ++j) {
    if (k.body[j].op == Opcode::alloc) continue;
    std::vector<int> found;
    access(k, j, spaces, found);
    for (int d : found)
      if (d >= j && d < end) out.carried[j].push_back(d);
    sort_unique(out.carried[j]);
  }
}

}  // namespace

Schedule schedule(const Kernel& k, const Arch&) {
  Schedule out;
  const int n = static_cast<int>(k.body.size());
  out.deps.resize(n);
  out.carried.resize(n);
  out.waits.resize(n);
  Spaces spaces;
  for (int i = 0; i < n; ++i) {
    const Instruction& inst = k.body[i];
    std::vector<int>& deps = out.deps[i];
    for (uint32_t d : inst.deps)
      if (static_cast<int>(d) < i) deps.push_back(static_cast<int>(d));
    if (inst.op == Opcode::loop_end) carried_deps(k, i, spaces, out);
    if (inst.op == Opcode::alloc) continue;  // creates a storage, touches no memory
    access(k, i, spaces, deps);
    sort_unique(deps);
    deps.erase(std::remove(deps.begin(), deps.end(), i), deps.end());
    // One wait per producer queue: the latest producer on it implies the earlier ones.
    std::map<int64_t, int> latest;
    for (int d : deps) {
      int64_t q = queue_key(k.body[d], d);
      if (q == queue_key(inst, i)) continue;
      int& l = latest[q];
      l = std::max(l, d);
    }
    // A producer another waited-for producer already depended on needs no semaphore of its own.
    std::vector<int>& waits = out.waits[i];
    for (auto [q, d] : latest) waits.push_back(d);
    std::sort(waits.begin(), waits.end());
    std::vector<int> kept;
    for (int d : waits) {
      bool implied = false;
      for (int e : waits)
        if (e > d && std::binary_search(out.deps[e].begin(), out.deps[e].end(), d)) implied = true;
      if (!implied) kept.push_back(d);
    }
    waits = std::move(kept);
  }
  return out;
}

std::string print_schedule(const Kernel& k, const Schedule& s) {
  std::string out = print_kernel(k);
  out += "; semaphore waits: #instruction <- the producers on other engines it waits for\n";
  for (size_t i = 0; i < k.body.size(); ++i) {
    if (s.waits[i].empty()) continue;
    const Instruction& inst = k.body[i];
    std::string line = fmt::format(";   #{} {} ({}) <-", i, op_name(inst.op), engine_name(inst.engine));
    for (size_t j = 0; j < s.waits[i].size(); ++j) {
      int d = s.waits[i][j];
      line += fmt::format("{} #{} {} ({})", j ? "," : "", d, op_name(k.body[d].op),
                          engine_name(k.body[d].engine));
    }
    if (inst.loc.valid()) line += "  ; " + inst.loc.short_str();
    out += line + "\n";
  }
  bool any = false;
  for (size_t i = 0; i < k.body.size(); ++i) {
    if (s.carried[i].empty()) continue;
    if (!any)
      out += "; loop-carried: #instruction <- the body instructions of the previous iteration it waits for\n";
    any = true;
    std::string line = fmt::format(";   #{} {} <-", i, op_name(k.body[i].op));
    for (size_t j = 0; j < s.carried[i].size(); ++j)
      line += fmt::format("{} #{} {}", j ? "," : "", s.carried[i][j], op_name(k.body[s.carried[i][j]].op));
    out += line + "\n";
  }
  return out;
}

}  // namespace nki

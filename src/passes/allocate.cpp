// SBUF and PSUM allocation. Every on-chip storage gets a byte offset (the same in each of its
// partitions, starting at partition 0) for the span from its alloc to its last use; space of dead
// storages is reused. The search is next fit: it starts where the previous placement ended and
// wraps around, so a tile allocated in every iteration of an unrolled loop lands in a fresh slot
// while space allows (multi-buffering, as the NKI compiler does for loop tiles); reusing the slot
// just freed would make each iteration wait for the previous one (a WAR dependency in the
// schedule). A PSUM tensor that fits in a bank never straddles two banks. Explicit address=
// placements are kept as given and reserved for the whole kernel.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "passes/passes.h"
#include "support/diagnostics.h"

namespace nki {

namespace {

struct Block {
  int64_t begin, end;  // bytes within a partition
  const Storage* owner;
};

class Region {
 public:
  Region(Buffer buffer, int64_t capacity, int64_t bank, int64_t align)
      : buffer_(buffer), capacity_(capacity), bank_(bank), align_(align) {}

  void reserve(const Storage* s, int64_t begin) { insert(Block{begin, begin + s->partition_bytes(), s}); }

  // Next fit from the cursor, then from the start; returns -1 if nothing fits.
  int64_t place(const Storage* s) {
    int64_t at = place_from(s, cursor_);
    if (at < 0 && cursor_ > 0) at = place_from(s, 0);
    if (at >= 0) cursor_ = at + s->partition_bytes() >= capacity_ ? 0 : at + s->partition_bytes();
    return at;
  }

  // First fit at or after `start`.
  int64_t place_from(const Storage* s, int64_t start) {
    int64_t size = s->partition_bytes();
    int64_t pos = start;
    for (size_t i = 0; i <= blocks_.size(); ++i) {
      int64_t limit = i < blocks_.size() ? blocks_[i].begin : capacity_;
      pos = fit(pos);
      if (bank_ > 0 && size <= bank_ && pos / bank_ != (pos + size - 1) / bank_)
        pos = (pos / bank_ + 1) * bank_;
      if (bank_ > 0 && size > bank_) pos = (pos + bank_ - 1) / bank_ * bank_;
      if (pos + size <= limit) {
        insert(Block{pos, pos + size, s});
        return pos;
      }
      if (i < blocks_.size()) pos = std::max(pos, blocks_[i].end);
    }
    return -1;
  }

  void release(const Storage* s) {
    blocks_.erase(
        std::remove_if(blocks_.begin(), blocks_.end(), [s](const Block& b) { return b.owner == s; }),
        blocks_.end());
  }

  int64_t in_use() const {
    int64_t n = 0;
    for (const auto& b : blocks_) n += b.end - b.begin;
    return n;
  }
  const std::vector<Block>& blocks() const { return blocks_; }
  int64_t capacity() const { return capacity_; }
  Buffer buffer() const { return buffer_; }

 private:
  int64_t fit(int64_t pos) const { return (pos + align_ - 1) / align_ * align_; }
  void insert(Block b) {
    auto it = std::lower_bound(blocks_.begin(), blocks_.end(), b,
                               [](const Block& x, const Block& y) { return x.begin < y.begin; });
    blocks_.insert(it, b);
  }
  Buffer buffer_;
  int64_t capacity_, bank_, align_;
  int64_t cursor_ = 0;  // where the next search starts
  std::vector<Block> blocks_;
};

[[noreturn]] void out_of_memory(const Instruction& inst, const Storage& s, const Region& r) {
  std::vector<Block> live = r.blocks();
  std::sort(live.begin(), live.end(),
            [](const Block& a, const Block& b) { return a.end - a.begin > b.end - b.begin; });
  std::string msg = fmt::format(
      "{} is full: tensor '{}' ({}, {} bytes per partition) does not fit; {} of {} bytes per partition are "
      "in use "
      "by {} live tensors",
      buffer_name(r.buffer()), s.name, s.type_str(), s.partition_bytes(), r.in_use(), r.capacity(),
      live.size());
  msg += live.empty() ? "" : "; the largest:";
  for (size_t i = 0; i < live.size() && i < 5; ++i)
    msg += fmt::format("\n    '{}' {} {} bytes, created at {}", live[i].owner->name,
                       live[i].owner->type_str(), live[i].end - live[i].begin, live[i].owner->loc.str());
  fail_at(inst, msg);
}

// A tensor allocated before a runtime loop and used inside it is read again by the next
// iteration, so it stays live until the loop's end.
void extend_through_runtime_loops(const Kernel& k, std::vector<size_t>& last_use) {
  std::vector<size_t> alloc_at(k.storages.size(), 0);
  std::vector<std::pair<size_t, size_t>> open;  // loops enclosing the current instruction
  for (size_t i = 0; i < k.body.size(); ++i) {
    const Instruction& inst = k.body[i];
    if (inst.op == Opcode::loop_begin) open.emplace_back(i, static_cast<size_t>(inst.attr_int("end")));
    if (inst.op == Opcode::loop_end && !open.empty()) open.pop_back();
    if (inst.op == Opcode::alloc) alloc_at[inst.operands[0].ap.storage->id] = i;
    for (const auto& o : inst.operands) {
      if (!o.is_tensor()) continue;
      for (const AccessPattern* ap : {&o.ap, dynamic_index(o.ap)}) {
        if (ap == nullptr) continue;
        int id = ap->storage->id;
        for (const auto& [begin, end] : open)
          if (alloc_at[id] < begin) last_use[id] = std::max(last_use[id], end);
      }
    }
  }
}

}  // namespace

void allocate(Kernel& k, const Arch& arch) {
  // Last instruction that touches each storage.
  std::vector<size_t> last_use(k.storages.size(), 0);
  for (size_t i = 0; i < k.body.size(); ++i)
    for (const auto& o : k.body[i].operands)
      if (o.is_tensor()) {
        last_use[o.ap.storage->id] = i;
        // The offset tensor of a dynamic pattern is read by the instruction too.
        if (const AccessPattern* idx = dynamic_index(o.ap)) last_use[idx->storage->id] = i;
      }
  extend_through_runtime_loops(k, last_use);

  Region sbuf(Buffer::Sbuf, arch.sbuf_usable_bytes, 0, 4);
  Region psum(Buffer::Psum, arch.psum_partition_bytes, arch.psum_bank_bytes, arch.psum_min_align);
  auto region_of = [&](const Storage& s) -> Region& { return s.buffer == Buffer::Sbuf ? sbuf : psum; };

  for (const auto& sp : k.storages) {
    Storage& s = *sp;
    if (!is_on_chip(s.buffer) || !s.fixed_address) continue;
    int64_t cap = region_of(s).capacity();
    if (*s.partition_start < 0 || *s.partition_start + s.partitions() > arch.num_partitions ||
        *s.byte_offset < 0 || *s.byte_offset + s.partition_bytes() > cap)
      throw UserError(
          s.loc, fmt::format("address=({}, {}) places '{}' ({}) outside {} ({} partitions x {} bytes)",
                             *s.partition_start, *s.byte_offset, s.name, s.type_str(), buffer_name(s.buffer),
                             arch.num_partitions, cap));
    if (s.buffer == Buffer::Psum && *s.byte_offset % arch.psum_bank_bytes != 0)
      throw UserError(s.loc,
                      fmt::format("address=({}, {}): a psum tensor must start at a bank boundary (a multiple "
                                  "of {} bytes)",
                                  *s.partition_start, *s.byte_offset, arch.psum_bank_bytes));
    region_of(s).reserve(&s, *s.byte_offset);
  }

  std::multimap<size_t, const Storage*> releases;  // instruction index -> storages dead after it
  for (size_t i = 0; i < k.body.size(); ++i) {
    const Instruction& inst = k.body[i];
    if (inst.op == Opcode::alloc) {
      Storage& s = const_cast<Storage&>(*inst.operands[0].ap.storage);
      if (is_on_chip(s.buffer) && !s.fixed_address) {
        int64_t at = region_of(s).place(&s);
        if (at < 0) out_of_memory(inst, s, region_of(s));
        s.partition_start = 0;
        s.byte_offset = at;
        releases.emplace(std::max(i, last_use[s.id]), &s);
      }
    }
    for (auto [it, end] = releases.equal_range(i); it != end; ++it)
      region_of(*it->second).release(it->second);
  }
}

}  // namespace nki

// The simulated NeuronCore's state and the small vocabulary every instruction's semantics is
// written in: resolve an access pattern to byte addresses once (a Walk), read its elements as
// fp32 in row-major order, write fp32 values back with rounding to the pattern's dtype, or move
// raw element bytes when no conversion is wanted.
//
// Memories: SBUF is num_partitions x sbuf_partition_bytes bytes, PSUM num_partitions x
// psum_partition_bytes, and each HBM storage has its own byte vector. On-chip element e (in units
// of the pattern's dtype) of a storage lives in partition partition_start + e / F at byte
// byte_offset + (e % F) * size within that partition, F = the storage's partition bytes / size.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"

namespace nki::sim {

enum class MemKind : uint8_t { Sbuf, Psum, Hbm };
struct AddressMap;

// The byte offsets of an access pattern's elements, factored as rows x cols: element k in
// row-major order lives at mem + row_base[k / cols] + col_off[k % cols]. Rows are the pattern's
// outermost dim (the partition dim on chip) whenever the address map allows it, so a [128, 512]
// tile costs 128 + 512 offsets rather than 65536.
struct Walk {
  uint8_t* mem = nullptr;
  const Storage* storage = nullptr;  // the tensor walked (for fault messages)
  MemKind kind = MemKind::Sbuf;
  DType dtype = DType::float32;
  int esize = 4;
  std::vector<int64_t> row_base;
  std::vector<int64_t> col_off;
  bool cols_contiguous = false;  // col_off[c] == col_off[0] + c * esize
  bool contiguous = false;       // every element at mem + offset(0) + k * esize

  int64_t rows() const { return static_cast<int64_t>(row_base.size()); }
  int64_t cols() const { return static_cast<int64_t>(col_off.size()); }
  int64_t size() const { return rows() * cols(); }
  int64_t offset(int64_t k) const { return row_base[k / cols()] + col_off[k % cols()]; }

  // The elements k (row-major indices) of this walk, as a walk of their own.
  Walk subset(const std::vector<int64_t>& ks) const;

  // Calls fn(byte offset, k) for every element, k in row-major order.
  template <typename Fn>
  void for_each_offset(Fn&& fn) const {
    const int64_t n = cols();
    int64_t k = 0;
    for (const int64_t row : row_base)
      for (int64_t c = 0; c < n; ++c, ++k) fn(row + col_off[c], k);
  }
};

class Machine {
 public:
  Machine(const Arch& arch, const Kernel& kernel);

  const Arch& arch() const { return arch_; }
  const Kernel& kernel() const { return kernel_; }

  // Resolves `ap`; `role` names the operand in fault messages. Throws UserError (without a
  // location; the dispatcher adds the instruction's) for any access outside its memory. A
  // dynamically addressed pattern (ap.dynamic) is resolved with the current register and offset
  // tensor values; when `in_bounds` is given, its out-of-bounds elements are flagged 0 there
  // (oob_mode.skip) instead of failing, and must not be touched.
  Walk walk(const AccessPattern& ap, std::string_view role, std::vector<uint8_t>* in_bounds = nullptr);
  // Tensor operand `index` of `inst`, named by its ops.def role.
  Walk walk(const Instruction& inst, int index);

  // Element values as fp32, row-major. Reads are checked for never-written memory when that
  // check is on; `checked` = false is for reads that only carry old contents through (a merge).
  std::vector<float> read_f32(const Walk& w, bool checked = true) const;
  // Writes w.size() values, rounding to w.dtype. Marks PSUM words written.
  void write_f32(const Walk& w, const float* values);
  // Integer values as 32-bit words (see load_bits32), row-major, and the store of each word's
  // low bytes: the bit-vector operators' raw path.
  std::vector<uint32_t> read_bits(const Walk& w) const;
  void write_bits(const Walk& w, const uint32_t* words);
  // Raw element bytes, row-major (w.size() * w.esize bytes).
  std::vector<uint8_t> gather(const Walk& w, bool checked = true) const;
  void scatter(const Walk& w, const uint8_t* bytes);
  // Writes the one element `elem` (w.esize bytes) to every element of `w`.
  void fill(const Walk& w, const uint8_t* elem);

  // --check-uninitialized: from now on a read of SBUF/PSUM/HBM bytes no instruction (or kernel
  // input) wrote fails, naming the tensor and element. Allocating a tensor makes it unwritten.
  void enable_uninitialized_check();
  // The whole of HBM tensor `s` holds data (a kernel input copied in by the host).
  void mark_initialized(const Storage& s);

  // The sequencer's register file, read by scalar_offset=<register> (set by the simulator).
  void set_registers(const std::vector<int32_t>* regs) { regs_ = regs; }

  // PSUM accumulation state, one flag per 4-byte PSUM word: set by every write into PSUM,
  // cleared when a PSUM storage is allocated. nc_matmul(accumulate="auto") reads it.
  bool psum_word_written(int64_t byte_addr) const { return psum_written_[byte_addr / 4] != 0; }
  void clear_psum_flags(const Walk& w);

  // The accumulator registers of an engine, one fp32 per partition lane, zero at start. The
  // Scalar engine's belong to activation (reduce_cmd); the Vector engine's are shared by
  // tensor_scalar_reduce, tensor_scalar_cumulative, select_reduce and range_select.
  std::vector<float>& accumulator(Engine e) { return acc_[static_cast<size_t>(e)]; }

  // Random draws (semantics/common.h random_unit): the seed of the run's stream, and the first
  // of `n` fresh draw indices, handed out in program order so every run draws the same numbers.
  uint64_t random_seed() const { return random_seed_; }
  uint64_t take_draws(uint64_t n) { return (draws_ += n) - n; }
  // The random-number generator state of an engine (sim/random.h): for each partition lane,
  // rng_generators(e) XORWOW generators of kXorwowWords words, lane after lane. seed_rng gives
  // every engine the state that `seed` determines (the run's --seed; 0 when not given), and
  // restarts dropout's stream (random_seed) from the same seed.
  std::vector<uint32_t>& rng_state(Engine e) { return rng_[static_cast<size_t>(e)]; }
  void seed_rng(uint64_t seed);
  // Re-seeds one engine's lanes from `seed` (nisa.set_rng_seed).
  void seed_rng(Engine e, uint64_t seed);

  // Poisons a storage's bytes: the dtype's quiet NaN for floats, the value 4 for integers.
  void poison(const Storage& s);
  std::vector<uint8_t>& hbm(const Storage& s) { return *hbm_[s.id]; }
  const std::vector<uint8_t>& hbm(const Storage& s) const { return *hbm_[s.id]; }
  // LNC2: HBM tensors the cores share. share_hbm makes `s` use `bytes` (another core's storage of
  // the same tensor); its alloc then no longer poisons it, since the other core may have written
  // it already (the launch poisons shared tensors once, before any core runs).
  // With the uninitialized-read check on, the tensor's written-bytes shadow is shared the same way
  // (hbm_shadow; null when the check is off).
  std::shared_ptr<std::vector<uint8_t>> hbm_bytes(const Storage& s) const { return hbm_[s.id]; }
  std::shared_ptr<std::vector<uint8_t>> hbm_shadow(const Storage& s) const {
    return check_uninit_ ? hbm_init_[s.id] : nullptr;
  }
  void share_hbm(const Storage& s, std::shared_ptr<std::vector<uint8_t>> bytes,
                 std::shared_ptr<std::vector<uint8_t>> shadow = nullptr);
  bool is_shared(const Storage& s) const { return shared_[s.id] != 0; }

 private:
  void mark_written(const Walk& w);
  const Storage& checked_storage(const AccessPattern& ap, std::string_view role) const;
  AddressMap address_map(const Storage& s, DType dtype, const std::string& who, Walk& w);
  Walk walk_dynamic(const AccessPattern& ap, std::string_view role, std::vector<uint8_t>* in_bounds);
  int64_t scalar_offset_value(const DynamicOffset& d);

  const Arch& arch_;
  const Kernel& kernel_;
  std::vector<uint8_t> sbuf_;
  std::vector<uint8_t> psum_;
  std::vector<uint8_t> psum_written_;
  std::vector<std::shared_ptr<std::vector<uint8_t>>> hbm_;  // by storage id; empty for on-chip storages
  std::vector<uint8_t> shared_;                             // by storage id: shared with another core
  std::array<std::vector<float>, 7> acc_;                   // by Engine
  uint64_t random_seed_ = 0;
  uint64_t draws_ = 0;
  std::array<std::vector<uint32_t>, 7> rng_;  // by Engine
  const std::vector<int32_t>* regs_ = nullptr;
  // One byte per memory byte (1 = written), only with the uninitialized-read check on.
  bool check_uninit_ = false;
  std::vector<uint8_t> sbuf_init_, psum_init_;
  std::vector<std::shared_ptr<std::vector<uint8_t>>> hbm_init_;  // by storage id (check on)
  std::vector<uint8_t>& shadow(const Walk& w);
  void check_initialized(const Walk& w) const;
};

// One element of `dtype` holding the poison value (see Machine::poison).
std::vector<uint8_t> poison_element(DType dtype);

// Semantics of every instruction, one function per ops.def entry (sim/semantics/<name>.cpp).
#define OP(name, engines, operands, attrs, cost, summary) \
  void exec_##name(Machine& m, const Instruction& inst);
#include "ir/ops.def"
#undef OP

}  // namespace nki::sim

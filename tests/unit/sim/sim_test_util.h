// Helpers for simulator tests: build small kernels by hand (storages with explicit addresses,
// instructions with operands and attributes), poke and peek memory through sim::Machine, and
// plain-loop references to compare against.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"
#include "sim/machine.h"
#include "sim/simulator.h"
#include "support/diagnostics.h"

namespace nki::test {

inline const SourceFile* test_file() {
  static const SourceFile* f = SourceFile::from_string(
      "kernel.py", "def k(a):\n    x = 1\n    nisa.tensor_tensor(dst=t, data1=t, data2=u)\n");
  return f;
}

// A kernel under construction.
struct KernelBuilder {
  Kernel k;

  Storage& sbuf(const std::string& name, DType t, std::vector<int64_t> shape, int partition_start = 0,
                int64_t byte_offset = 0) {
    return on_chip(name, Buffer::Sbuf, t, std::move(shape), partition_start, byte_offset);
  }
  Storage& psum(const std::string& name, DType t, std::vector<int64_t> shape, int partition_start = 0,
                int64_t byte_offset = 0) {
    return on_chip(name, Buffer::Psum, t, std::move(shape), partition_start, byte_offset);
  }
  Storage& input(const std::string& name, DType t, std::vector<int64_t> shape) {
    Storage& s = k.add_storage(name, Buffer::SharedHbm, t, std::move(shape), {});
    s.is_argument = true;
    k.inputs.push_back(&s);
    return s;
  }
  Storage& output(const std::string& name, DType t, std::vector<int64_t> shape) {
    Storage& s = k.add_storage(name, Buffer::SharedHbm, t, std::move(shape), {});
    k.outputs.push_back(&s);
    return s;
  }

  // Appends an instruction; operands in ops.def order, attrs in print order.
  Instruction& add(Opcode op, std::vector<Operand> operands, std::vector<Attr> attrs = {}, int line = 3) {
    Instruction inst;
    inst.op = op;
    inst.operands = std::move(operands);
    for (Attr& a : attrs) inst.set_attr(std::move(a.name), std::move(a.value));  // checked against ops.def
    inst.loc = SourceLoc{test_file(), line, 5};
    k.body.push_back(std::move(inst));
    return k.body.back();
  }

 private:
  Storage& on_chip(const std::string& name, Buffer b, DType t, std::vector<int64_t> shape, int ps,
                   int64_t off) {
    Storage& s = k.add_storage(name, b, t, std::move(shape), {});
    s.partition_start = ps;
    s.byte_offset = off;
    return s;
  }
};

inline Operand T(const Storage& s) {
  return Operand::tensor(AccessPattern::whole(s));
}
inline Operand T(const AccessPattern& ap) {
  return Operand::tensor(ap);
}
inline Operand Imm(double v) {
  return Operand::immediate(v);
}
inline Operand None() {
  return Operand::none();
}

// A raw access pattern over `s`.
inline AccessPattern ap(const Storage& s, int64_t offset, std::vector<ApDim> dims,
                        std::optional<DType> dt = {}) {
  AccessPattern a;
  a.storage = &s;
  a.dtype = dt.value_or(s.dtype);
  a.offset = offset;
  a.dims = std::move(dims);
  return a;
}

inline const Arch& trn2() {
  return get_arch("trn2");
}

// Host arrays.
inline HostArray host(DType t, std::vector<int64_t> shape, const std::vector<float>& values) {
  HostArray a;
  a.dtype = t;
  a.shape = std::move(shape);
  a.data.resize(static_cast<size_t>(a.size() * dtype_size(t)));
  for (int64_t i = 0; i < a.size(); ++i) store_from_f32(t, values[i], a.data.data() + i * dtype_size(t));
  return a;
}
inline std::vector<float> values(const HostArray& a) {
  std::vector<float> v(static_cast<size_t>(a.size()));
  for (int64_t i = 0; i < a.size(); ++i) v[i] = load_as_f32(a.dtype, a.data.data() + i * dtype_size(a.dtype));
  return v;
}

// Deterministic test data: small values with a fractional part, exact in bf16 where needed.
inline std::vector<float> ramp(int64_t n, float scale = 0.25f, float bias = -3.0f) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>((i * 7) % 23) * scale + bias;
  return v;
}

// Direct memory access for tests that drive the Machine without a Simulator.
inline void poke(sim::Machine& m, const AccessPattern& a, const std::vector<float>& v) {
  const sim::Walk w = m.walk(a, "test");
  ASSERT_EQ(static_cast<size_t>(w.size()), v.size());
  m.write_f32(w, v.data());
}
inline std::vector<float> peek(sim::Machine& m, const AccessPattern& a) {
  return m.read_f32(m.walk(a, "test"));
}

// Runs every instruction of the builder's kernel on `m` through the Simulator's dispatch rules.
inline void exec(sim::Machine& m, const Instruction& inst) {
  switch (inst.op) {
#define OP(name, engines, operands, attrs, cost, summary) \
  case Opcode::name:                                      \
    sim::exec_##name(m, inst);                            \
    break;
#include "ir/ops.def"
#undef OP
  }
}

}  // namespace nki::test

// Registers and runtime loops (see sequencer.h).
#include "sim/sequencer.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "support/diagnostics.h"

namespace nki::sim {

Sequencer::Sequencer(const Kernel& k, int64_t max_iterations)
    : kernel_(k),
      regs_(static_cast<size_t>(k.num_registers), 0),
      stop_(k.body.size(), 0),
      max_iterations_(max_iterations) {}

// Runtime loops together may iterate this often before the simulator calls it a runaway loop;
// the environment variable NKI_MAX_LOOP_ITERATIONS overrides it.
int64_t Sequencer::default_max_iterations() {
  if (const char* env = std::getenv("NKI_MAX_LOOP_ITERATIONS")) {
    char* end = nullptr;
    long long v = std::strtoll(env, &end, 10);
    if (*env != 0 && *end == 0 && v > 0) return v;
    throw UserError(std::string("NKI_MAX_LOOP_ITERATIONS must be a positive integer, got '") + env + "'");
  }
  return 10'000'000;
}

bool Sequencer::handles(Opcode op) {
  return op == Opcode::register_move || op == Opcode::register_load || op == Opcode::register_store ||
         op == Opcode::loop_begin || op == Opcode::loop_end;
}

int32_t Sequencer::value(const Instruction& inst, const char* imm, const char* reg) const {
  if (inst.has_attr(reg)) return regs_.at(static_cast<size_t>(inst.attr_int(reg)));
  return static_cast<int32_t>(inst.attr_int(imm));
}

namespace {

// The one element of `w` as a 32-bit integer: integers exactly, floats truncated toward zero.
int32_t load_element(const Walk& w, const uint8_t* p) {
  switch (w.dtype) {
    case DType::int8: return static_cast<int8_t>(p[0]);
    case DType::uint8:
    case DType::bool_: return p[0];
    case DType::int16: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case DType::uint16: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case DType::int32:
    case DType::uint32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default: {
      float f = load_as_f32(w.dtype, p);
      if (!std::isfinite(f) || f >= 2147483648.0f || f < -2147483648.0f)
        throw UserError("the element loaded into a register (" + std::to_string(f) +
                        ") is not a 32-bit integer");
      return static_cast<int32_t>(f);
    }
  }
}

}  // namespace

size_t Sequencer::step(Machine& m, size_t pc) {
  const Instruction& inst = kernel_.body[pc];
  switch (inst.op) {
    case Opcode::register_load: {
      Walk w = m.walk(inst, Roles{Opcode::register_load}("src"));
      std::vector<uint8_t> bytes = m.gather(w);
      int32_t v = load_element(w, bytes.data());
      regs_.at(static_cast<size_t>(inst.attr_int("dst"))) = v;
      loads_.push_back(v);
      return pc + 1;
    }
    case Opcode::register_store: {
      Walk w = m.walk(inst, Roles{Opcode::register_store}("dst"));
      int32_t v = regs_.at(static_cast<size_t>(inst.attr_int("src")));
      std::vector<uint8_t> bytes(static_cast<size_t>(w.esize));
      if (w.dtype == DType::int32 || w.dtype == DType::uint32)
        std::memcpy(bytes.data(), &v, 4);
      else
        store_from_f32(w.dtype, static_cast<float>(v), bytes.data());
      m.scatter(w, bytes.data());
      return pc + 1;
    }
    default: return control(inst, pc);
  }
}

size_t Sequencer::step_control(size_t pc, const std::vector<int32_t>* replay) {
  const Instruction& inst = kernel_.body[pc];
  switch (inst.op) {
    case Opcode::register_load:
      if (replay == nullptr)
        throw UserError(inst.loc,
                        "--timing-only cannot follow this kernel: a register is loaded from memory "
                        "here, and the path through the runtime loops depends on its value; run "
                        "without --timing-only");
      if (replayed_ >= replay->size()) throw InternalError("register_load replay ran out of values");
      regs_.at(static_cast<size_t>(inst.attr_int("dst"))) = (*replay)[replayed_++];
      return pc + 1;
    case Opcode::register_store: return pc + 1;
    default: return control(inst, pc);
  }
}

size_t Sequencer::control(const Instruction& inst, size_t pc) {
  switch (inst.op) {
    case Opcode::register_move:
      regs_.at(static_cast<size_t>(inst.attr_int("dst"))) = value(inst, "imm", "src");
      return pc + 1;
    case Opcode::loop_begin: {
      const auto end = static_cast<size_t>(inst.attr_int("end"));
      bool enter;
      if (inst.attr_str("kind") == "while") {
        enter = regs_.at(static_cast<size_t>(inst.attr_int("cond"))) != 0;
      } else {
        int32_t start = value(inst, "start", "start_reg");
        stop_[pc] = value(inst, "stop", "stop_reg");
        regs_.at(static_cast<size_t>(inst.attr_int("iv"))) = start;
        enter = start < stop_[pc];
      }
      return enter ? pc + 1 : end + 1;
    }
    case Opcode::loop_end: {
      const auto begin = static_cast<size_t>(inst.attr_int("begin"));
      const Instruction& head = kernel_.body[begin];
      bool again;
      if (head.attr_str("kind") == "while") {
        again = regs_.at(static_cast<size_t>(head.attr_int("cond"))) != 0;
      } else {
        int32_t& iv = regs_.at(static_cast<size_t>(head.attr_int("iv")));
        iv += static_cast<int32_t>(head.attr_int("step"));
        again = iv < stop_[begin];
      }
      if (!again) return pc + 1;
      if (++iterations_ > max_iterations_)
        throw UserError(head.loc,
                        "runtime loops ran more than " + std::to_string(max_iterations_) +
                            " iterations, all together, when this " +
                            (head.attr_str("kind") == "while" ? "`while` loop" : "runtime `for` loop") +
                            " went round again; does its condition ever end it? "
                            "(--max-loop-iterations raises the limit)");
      return begin + 1;
    }
    default: throw InternalError("not a sequencer instruction: " + std::string(op_name(inst.op)));
  }
}

}  // namespace nki::sim

// Opcodes and their static properties, generated from ops.def.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nki {

enum class Engine : uint8_t { None = 0, Tensor, Vector, Scalar, GpSimd, Sync, Dma };
enum EngineMask : uint32_t {
  ENG_NONE = 0,
  ENG_TENSOR = 1u << static_cast<int>(Engine::Tensor),
  ENG_VECTOR = 1u << static_cast<int>(Engine::Vector),
  ENG_SCALAR = 1u << static_cast<int>(Engine::Scalar),
  ENG_GPSIMD = 1u << static_cast<int>(Engine::GpSimd),
  ENG_SYNC = 1u << static_cast<int>(Engine::Sync),
  ENG_DMA = 1u << static_cast<int>(Engine::Dma),
};

std::string_view engine_name(Engine e);  // "tensor", "vector", ...
std::optional<Engine> parse_engine(std::string_view name);

enum class Opcode : uint16_t {
#define OP(name, engines, operands, summary) name,
#include "ir/ops.def"
#undef OP
};

// Buffer kinds a memory operand may live in.
enum BufferMask : uint8_t { BUF_SBUF = 1, BUF_PSUM = 2, BUF_HBM = 4 };

struct OperandRole {
  std::string name;       // "dst", "data1", ...
  uint8_t buffers = 0;    // BufferMask bits
  bool optional = false;
};

struct OpInfo {
  Opcode opcode;
  std::string_view name;
  uint32_t engines;                 // EngineMask bits
  std::vector<OperandRole> operands;
  std::string_view summary;
};

const OpInfo& op_info(Opcode op);
std::string_view op_name(Opcode op);
std::optional<Opcode> parse_opcode(std::string_view name);
// Index of operand role `role` of `op`, or -1.
int operand_index(Opcode op, std::string_view role);
const std::vector<OpInfo>& all_ops();

}  // namespace nki

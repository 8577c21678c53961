// Operator names of nki.language used as op= values: ALU operators (nki-api.md §8.1) and
// activation functions (§8.2), and which of them the instructions accept today.
#pragma once

#include <string>
#include <vector>

namespace nki::lang {

// Every operator name nl exposes as an op value, without the "nl." prefix.
const std::vector<std::string>& all_op_names();
// ALU operators tensor_tensor / tensor_scalar accept.
bool is_supported_alu_op(const std::string& name);
const std::vector<std::string>& supported_alu_ops();
// Activation functions nisa.activation accepts.
bool is_supported_activation(const std::string& name);
const std::vector<std::string>& supported_activations();

}  // namespace nki::lang

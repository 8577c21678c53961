// Rules of the Vector/GpSimd reductions, scans, selections, statistics and generators
// (nki-api.md §7.5-§7.7): which operators each accepts, operand shapes (trailing reduction
// axes, [P,1] operands, one-row partition reductions, 6/2-value statistics), dtypes (integer
// predicates, matching copy dtypes) and the accumulator commands.
#include "passes/verify_checker.h"

namespace nki::verifier {

namespace {

std::string nl_name(AluOp op) {
  return "nl." + std::string(alu_op_info(op).name);
}

bool is_comparison(AluOp op) {
  return op == AluOp::Equal || op == AluOp::NotEqual || op == AluOp::Less || op == AluOp::LessEqual ||
         op == AluOp::Greater || op == AluOp::GreaterEqual;
}

// The [[step,num],...] attribute's nums.
std::vector<int64_t> pattern_nums(const std::string& s) {
  const std::vector<int64_t> all = parse_int_list(s);
  std::vector<int64_t> nums;
  for (size_t i = 1; i < all.size(); i += 2) nums.push_back(all[i]);
  return nums;
}

}  // namespace

void Checker::arithmetic_ops(std::initializer_list<const char*> attrs) const {
  for (const char* a : attrs) {
    const std::optional<AluOp> o = alu_attr(a);
    if (!o) continue;
    const AluKind k = alu_op_info(*o).kind;
    if (k == AluKind::Bitvec || *o == AluOp::Average)
      fail(fmt::format("{}={} is not an arithmetic operator", a, nl_name(*o)));
  }
}

void Checker::check_tensor_reduce() const {
  constexpr Roles R(Opcode::tensor_reduce);
  const AccessPattern& d = operand(R("data")).ap;
  const AluOp o = inst.attr_alu("op");
  if (!alu_op_info(o).reducible) fail(fmt::format("op={} is not a reduction operator", nl_name(o)));
  const int64_t rank = static_cast<int64_t>(d.dims.size());
  std::vector<int64_t> axes;
  const std::string s = inst.attr_str("axis");
  for (size_t i = 0; i < s.size();) {
    size_t end = 0;
    axes.push_back(std::stoll(s.substr(i), &end));
    i += end + 1;
  }
  std::sort(axes.begin(), axes.end());
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] != rank - static_cast<int64_t>(axes.size()) + static_cast<int64_t>(i) || axes[i] < 1)
      fail(fmt::format("axis=({}) must be trailing free axes of data (rank {}), ending at axis {}", s, rank,
                       rank - 1));
  int64_t group = 1;
  for (int64_t a : axes) group *= d.dims[static_cast<size_t>(a)].num;
  const AccessPattern& out = operand(R("dst")).ap;
  if (out.num_partitions() != d.num_partitions() ||
      out.elems_per_partition() * group != d.elems_per_partition())
    fail(fmt::format("dst covers {} partitions x {} elements; reducing data {} over axis ({}) gives {} x {}",
                     out.num_partitions(), out.elems_per_partition(), shape_str(d.shape()), s,
                     d.num_partitions(), d.elems_per_partition() / std::max<int64_t>(group, 1)));
  if (is_bitvec(o)) {
    integer_dtypes({R("dst"), R("data")},
                   fmt::format("bit-vector operator {} needs integer dtypes", nl_name(o)));
    if (inst.attr_bool("negate")) fail("negate applies to arithmetic operators only");
  }
}

void Checker::check_scalar_tensor_tensor() const {
  constexpr Roles R(Opcode::scalar_tensor_tensor);
  same_tile(R("dst"), R("data"));
  same_tile(R("data"), R("operand1"));
  scalar_operand(R("operand0"), R("data"));
  not_both_psum(R("data"), R("operand1"));
  arithmetic_ops({"op0", "op1"});
}

void Checker::check_tensor_tensor_scan() const {
  constexpr Roles R(Opcode::tensor_tensor_scan);
  same_tile(R("data0"), R("data1"));
  same_tile(R("dst"), R("data0"));
  scalar_operand(R("initial"), R("data0"));
  not_both_psum(R("data0"), R("data1"));
  arithmetic_ops({"op0", "op1"});
}

void Checker::check_reciprocal() const {
  constexpr Roles R(Opcode::reciprocal);
  same_tile(R("dst"), R("data"));
}

// The pattern of iota / affine_select generates exactly dst's elements per partition.
void Checker::check_affine(size_t dst) const {
  const std::vector<int64_t> nums = pattern_nums(inst.attr_str("pattern"));
  if (nums.empty() || nums.size() > 4)
    fail(fmt::format("pattern has {} [step, num] pairs; 1 to 4 are allowed", nums.size()));
  int64_t per = 1;
  for (int64_t n : nums) per *= n;
  if (per != operand(dst).ap.elems_per_partition())
    fail(fmt::format("pattern generates {} values per partition but dst has {} elements per partition", per,
                     operand(dst).ap.elems_per_partition()));
}

void Checker::check_iota() const {
  constexpr Roles R(Opcode::iota);
  check_affine(R("dst"));
}

void Checker::check_affine_select() const {
  constexpr Roles R(Opcode::affine_select);
  same_tile(R("dst"), R("on_true_tile"));
  check_affine(R("dst"));
  const AluOp cmp = inst.attr_alu("cmp_op");
  if (!is_comparison(cmp)) fail(fmt::format("cmp_op={} is not a comparison operator", nl_name(cmp)));
}

void Checker::check_tensor_copy_predicated() const {
  constexpr Roles R(Opcode::tensor_copy_predicated);
  same_tile(R("dst"), R("predicate"));
  const DType p = dtype(R("predicate"));
  if (p != DType::uint8 && p != DType::uint16 && p != DType::uint32)
    fail(fmt::format("predicate is {}; it must be uint8, uint16 or uint32", dtype_name(p)));
  if (is_tensor(R("src"))) {
    same_tile(R("dst"), R("src"));
    not_both_psum(R("src"), R("predicate"));
    if (dtype(R("src")) != dtype(R("dst")))
      fail(fmt::format("src is {} and dst is {}; they must have the same dtype", dtype_name(dtype(R("src"))),
                       dtype_name(dtype(R("dst")))));
  }
}

void Checker::check_tensor_scalar_reduce() const {
  constexpr Roles R(Opcode::tensor_scalar_reduce);
  same_tile(R("dst"), R("data"));
  scalar_operand(R("operand0"), R("data"));
  vector_operand(R("reduce_res"), R("data"));
  arithmetic_ops({"op0"});
  const AluOp r = inst.attr_alu("reduce_op");
  if (r != AluOp::Add && r != AluOp::Multiply && r != AluOp::Maximum && r != AluOp::Minimum)
    fail(fmt::format("reduce_op must be nl.add, nl.multiply, nl.maximum or nl.minimum, got {}", nl_name(r)));
  const std::string cmd = cmd_name();
  if (cmd != "reset_reduce" && cmd != "reduce" && cmd != "load_reduce")
    fail(fmt::format("reduce_cmd={} is not supported (reset_reduce, reduce or load_reduce)", cmd));
  if ((cmd == "load_reduce") != inst.has_attr("reduce_init"))
    fail("reduce_init must be given exactly when reduce_cmd=load_reduce");
}

void Checker::check_tensor_partition_reduce() const {
  constexpr Roles R(Opcode::tensor_partition_reduce);
  const AluOp o = inst.attr_alu("op");
  if (o != AluOp::Add && o != AluOp::Average && o != AluOp::Maximum && o != AluOp::BitwiseOr &&
      o != AluOp::BitwiseAnd)
    fail(
        fmt::format("op={} is not a partition reduction (nl.add, nl.average, nl.maximum, nl.bitwise_or, "
                    "nl.bitwise_and)",
                    nl_name(o)));
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("data")).ap;
  if (d.num_partitions() != 1 || d.elems_per_partition() != s.elems_per_partition())
    fail(fmt::format("dst must be one partition of {} elements, got {} partitions x {} elements",
                     s.elems_per_partition(), d.num_partitions(), d.elems_per_partition()));
  if (is_bitvec(o))
    integer_dtypes({R("dst"), R("data")},
                   fmt::format("bit-vector operator {} needs integer dtypes", nl_name(o)));
}

void Checker::check_bn_stats() const {
  constexpr Roles R(Opcode::bn_stats);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("data")).ap;
  if (s.elems_per_partition() > arch.bn_stats_fmax)
    fail(fmt::format("data has {} elements per partition; the maximum is {} (nl.tile_size.bn_stats_fmax)",
                     s.elems_per_partition(), arch.bn_stats_fmax));
  if (d.num_partitions() != s.num_partitions() || d.elems_per_partition() != 6)
    fail(fmt::format("dst must be [{},6], got {} partitions x {} elements", s.num_partitions(),
                     d.num_partitions(), d.elems_per_partition()));
}

void Checker::check_bn_aggr() const {
  constexpr Roles R(Opcode::bn_aggr);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("data")).ap;
  if (s.elems_per_partition() % 3 != 0)
    fail(fmt::format("data has {} elements per partition; bn_stats triples need a multiple of 3",
                     s.elems_per_partition()));
  if (d.num_partitions() != s.num_partitions() || d.elems_per_partition() != 2)
    fail(fmt::format("dst must be [{},2], got {} partitions x {} elements", s.num_partitions(),
                     d.num_partitions(), d.elems_per_partition()));
}

}  // namespace nki::verifier

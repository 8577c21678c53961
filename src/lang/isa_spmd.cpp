// nki.isa instructions between the NeuronCores of an LNC2 launch (kernel[2]): sendrecv (an SBUF
// tile exchange) and core_barrier (a semaphore barrier), and the dma_engine enum sendrecv takes.
// Which cores exist is known here (the launch degree, nl.num_programs()), so the ranks and cores
// arguments are checked against it; the hardware rules are in passes/verify_spmd.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "lang/isa_common.h"

namespace nki::lang::isa {

namespace {

// A core number of this launch: an integer in [0, num_programs).
int64_t core_arg(Interp& in, const ArgBinder& b, const std::string& what, const Value& v) {
  int64_t c = to_int(in, v, b.fname() + "() argument '" + what + "'", b.loc());
  const int n = in.options.num_programs;
  if (c < 0 || c >= n)
    in.fail(b.loc(), fmt::format("{}(): {}={} names no core of this launch: kernel[{}] has {} (launch with "
                                 "kernel[2] for two cores)",
                                 b.fname(), what, c, n, n == 1 ? "core 0 only" : "cores 0 and 1"));
  return c;
}

}  // namespace

void define_spmd_instructions(const Define& def, std::unordered_map<std::string, Value>& attrs) {
  attrs["dma_engine"] = make_enum("dma_engine", {{"dma", 1}, {"gpsimd_dma", 2}});

  def("sendrecv", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.sendrecv",
                {"src", "dst", "send_to_rank", "recv_from_rank", "pipe_id",
                 "dma_engine=", "use_gpsimd_dma=", "name="});
    Operand src = tensor_operand(in, b, "src"), dst = tensor_operand(in, b, "dst");
    int64_t to = core_arg(in, b, "send_to_rank", b.req("send_to_rank"));
    int64_t from = core_arg(in, b, "recv_from_rank", b.req("recv_from_rank"));
    int64_t pipe = to_int(in, b.req("pipe_id"), "nisa.sendrecv() argument 'pipe_id'", a.loc);
    if (pipe < 0) in.fail(a.loc, fmt::format("nisa.sendrecv(): pipe_id must be >= 0, got {}", pipe));
    std::string engine = enum_arg(in, b, "dma_engine", "dma_engine");
    if (flag(in, b, "use_gpsimd_dma")) engine = "gpsimd_dma";  // the pre-0.3 spelling
    Instruction& inst = in.emit(Opcode::sendrecv, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}});
    inst.set_attr("send_to_rank", to);
    inst.set_attr("recv_from_rank", from);
    inst.set_attr("pipe_id", pipe);
    if (engine == "gpsimd_dma") inst.set_attr("dma_engine", engine);
    inst.engine = Engine::Dma;
    return finish(in, b, inst, false);
  });

  def("core_barrier", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.core_barrier", {"data", "cores", "engine=", "name="});
    Operand data = tensor_operand(in, b, "data");
    const Value& cv = b.req("cores");
    std::vector<int64_t> cores;
    if (cv.kind == VKind::Tuple || cv.kind == VKind::List) {
      for (const Value& x : cv.as<SeqObj>().items) cores.push_back(core_arg(in, b, "cores", x));
    } else {
      cores.push_back(core_arg(in, b, "cores", cv));  // cores=(0) is the integer 0
    }
    std::vector<int64_t> sorted = cores;
    std::sort(sorted.begin(), sorted.end());
    if (sorted.empty() || std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      in.fail(a.loc, "nisa.core_barrier(): cores must list each core once, e.g. cores=(0, 1)");
    const int self = in.options.program_id;
    if (!std::binary_search(sorted.begin(), sorted.end(), int64_t{self}))
      in.fail(a.loc,
              fmt::format("nisa.core_barrier(): cores does not include this core ({}); a core can only "
                          "wait at a barrier it takes part in",
                          self));
    std::string list;
    for (size_t i = 0; i < sorted.size(); ++i) list += (i ? "," : "") + std::to_string(sorted[i]);
    Instruction& inst = in.emit(Opcode::core_barrier, a.loc);
    bind_operands(inst, {{"data", data}});
    inst.set_attr("cores", list);
    inst.engine = Engine::GpSimd;  // the documented default (engine=engine.gpsimd); engine= overrides it
    return finish(in, b, inst, true);
  });
}

}  // namespace nki::lang::isa

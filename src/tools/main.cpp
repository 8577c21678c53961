// The `nki` command: run, compile, check and profile kernels and print target configurations;
// after a run, the timing model's summary (text or --json) and optionally a Chrome trace
// (--profile; `nki profile` is a run that always writes one).
// Exit codes: 0 success, 1 a user error (a diagnostic on stderr), 2 a usage error, 3 an internal error.
#include <fmt/format.h>
#include <pybind11/embed.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <ostream>

#include "arch/arch.h"
#include "driver/arg_spec.h"
#include "driver/driver.h"
#include "profile/profile.h"
#include "pyhost/pyhost.h"
#include "support/diagnostics.h"
#include "support/npy.h"
#include "support/output_files.h"
#include "support/shape.h"

namespace {

using namespace nki;

struct KernelRef {
  std::string path, fn;
};

struct Options {
  std::string target = "trn2";
  std::vector<std::string> arch_sets;
  bool print_after_all = false;
  int64_t max_instructions = 0, max_compile_steps = 0, max_loop_iterations = 0;
  int max_call_depth = 0;
  std::string max_hbm;  // a size: 16GiB, 512MiB, 1000000 (bytes)
  int64_t max_hbm_bytes = kDefaultMaxHbmBytes;
  std::string out_dir, profile_path;
  std::vector<std::string> npz;
  bool json = false, timing_only = false, check_uninitialized = false;
  uint64_t seed = 0;
  int lnc = 1;
};

CompileOptions compile_options(const Options& o) {
  CompileOptions opts;
  opts.target = o.target;
  opts.arch_sets = o.arch_sets;
  opts.lnc = o.lnc;
  if (o.max_instructions > 0) opts.max_instructions = o.max_instructions;
  if (o.max_call_depth > 0) opts.max_call_depth = o.max_call_depth;
  if (o.max_compile_steps > 0) opts.max_compile_steps = o.max_compile_steps;
  opts.max_hbm_bytes = o.max_hbm_bytes;
  if (o.print_after_all)
    opts.after_pass = [](const std::string& pass, const std::string& text) {
      std::cout << "; *** IR after " << pass << " ***\n" << text;
    };
  return opts;
}

// A size in bytes: digits with an optional unit (k, M, G, T as powers of 1024; KiB, MB, ... alike).
// -1 when it is not one.
int64_t parse_size(const std::string& s) {
  size_t i = 0;
  int64_t v = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (v > (INT64_MAX - 9) / 10) return -1;
    v = v * 10 + (s[i++] - '0');
  }
  if (i == 0) return -1;
  std::string unit = s.substr(i);
  for (const char* suffix : {"iB", "B"})
    if (unit.size() > std::strlen(suffix) && unit.ends_with(suffix))
      unit.resize(unit.size() - std::strlen(suffix));
  static const std::map<std::string, int> shifts = {{"", 0},   {"B", 0},  {"k", 10}, {"K", 10},
                                                    {"M", 20}, {"G", 30}, {"T", 40}};
  auto it = shifts.find(unit);
  if (it == shifts.end() || v > (INT64_MAX >> it->second)) return -1;
  return v << it->second;
}

KernelRef parse_kernel_ref(const std::string& s) {
  size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size())
    throw UserError("expected FILE:FUNCTION (e.g. kernels/matmul.py:matmul), got '" + s + "'");
  return {s.substr(0, colon), s.substr(colon + 1)};
}

// CPython, embedded and started on first use: kernel files are Python modules. A build tree
// (build/nki next to python/nki) uses its own package; an installed nki finds the installed one
// on Python's path.
void start_python() {
  static std::unique_ptr<pybind11::scoped_interpreter> interpreter;
  if (interpreter) return;
  interpreter = std::make_unique<pybind11::scoped_interpreter>();
  std::error_code ec;
  auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  if (!ec) pyhost::add_package_dir((exe.parent_path().parent_path() / "python").string());
}

// One --arg: a tensor spec or a literal (driver/arg_spec.h); a tuple, list or dict literal is
// read by Python (ast.literal_eval) and converted as nki.simulate converts a Python argument.
NamedArg parse_cli_arg(const std::string& spec, int64_t max_bytes) {
  size_t eq = spec.find('=');
  std::string text = eq == std::string::npos ? "" : spec.substr(eq + 1);
  if (text.empty() || (text[0] != '(' && text[0] != '[' && text[0] != '{'))
    return parse_arg_spec(spec, max_bytes);
  namespace py = pybind11;
  start_python();
  NamedArg a;
  a.name = spec.substr(0, eq);
  try {
    a.value.v = pyhost::host_object(py::module_::import("ast").attr("literal_eval")(text));
  } catch (py::error_already_set& e) {
    throw UserError("--arg " + a.name + ": cannot read '" + text + "' as a Python literal (" +
                    py::str(e.value()).cast<std::string>() + ")");
  }
  return a;
}

// The --arg specs, then the arrays of each --npz archive not already given by --arg.
std::vector<NamedArg> parse_args(const std::vector<std::string>& specs, const std::vector<std::string>& npz,
                                 int64_t max_bytes) {
  std::vector<NamedArg> args;
  for (const auto& s : specs) args.push_back(parse_cli_arg(s, max_bytes));
  for (const auto& path : npz)
    for (NamedArg& a : npz_args(path))
      if (std::none_of(args.begin(), args.end(), [&](const NamedArg& b) { return b.name == a.name; }))
        args.push_back(std::move(a));
  return args;
}

// Compiles function `ref.fn` of kernel file `ref.path`: CPython imports the file as a module, as
// `python` would; nki compiles the function from there.
CompiledKernel compile_ref(const KernelRef& ref, const std::vector<NamedArg>& args, const Options& o) {
  start_python();
  pyhost::PyHost host(pyhost::import_kernel(ref.path, ref.fn));
  return compile_kernel(host, args, compile_options(o));
}

// One line per output: name, type, a few statistics, and where it was written. The statistics of
// a packed MX dtype are over its 4 values per element.
std::string summarize(const std::string& name, const HostArray& a, const std::string& path) {
  double mn = INFINITY, mx = -INFINITY, sum = 0;
  int64_t nan = 0;
  const int sz = dtype_size(a.dtype);
  const int per = is_packed_mx(a.dtype) ? 4 : 1;
  for (int64_t i = 0; i < a.size(); ++i) {
    for (int q = 0; q < per; ++q) {
      const uint8_t* p = a.data.data() + i * sz;
      double v = per == 4 ? load_packed_mx(a.dtype, p, q) : load_as_f32(a.dtype, p);
      if (std::isnan(v)) {
        ++nan;
        continue;
      }
      mn = std::min(mn, v);
      mx = std::max(mx, v);
      sum += v;
    }
  }
  int64_t n = a.size() * per - nan;
  std::string line =
      fmt::format("{}: {}[{}] min={:.6g} max={:.6g} mean={:.6g}", name, dtype_name(a.dtype),
                  shape_str(a.shape, ShapeForm::Spec), n ? mn : NAN, n ? mx : NAN, n ? sum / n : NAN);
  if (nan) line += fmt::format(" nan={}", nan);
  if (!path.empty()) line += " -> " + path;
  return line;
}

int cmd_run(const std::string& ref_s, const std::vector<std::string>& specs, const Options& o) {
  KernelRef ref = parse_kernel_ref(ref_s);
  auto args = parse_args(specs, o.npz, o.max_hbm_bytes);
  CompiledKernel ck = compile_ref(ref, args, o);
  RunOptions ro;
  ro.functional = !o.timing_only;
  ro.seed = o.seed;
  ro.check_uninitialized = o.check_uninitialized;
  ro.max_loop_iterations = o.max_loop_iterations;
  RunResult rr = run_kernel(ck, args, ro);
  const auto& outs = rr.outputs;
  if (!o.out_dir.empty() && !o.timing_only) {
    std::error_code ec;
    std::filesystem::create_directories(o.out_dir, ec);
    if (ec) throw UserError("--out: cannot create directory '" + o.out_dir + "': " + ec.message());
  }
  // Every file (outputs, trace) is staged under a temporary name and renamed into place only when
  // all were written: a failure leaves none of them half-written.
  OutputFiles files;
  std::string text;
  for (size_t i = 0; i < outs.size(); ++i) {
    std::string path;
    if (!o.out_dir.empty()) {
      path = (std::filesystem::path(o.out_dir) / (ck.output_names[i] + ".npy")).string();
      files.stage(path, [&](std::ostream& out) { write_npy(out, outs[i]); });
    }
    text += summarize(ck.output_names[i], outs[i], path) + "\n";
  }
  if (outs.empty() && !o.timing_only) text += ref.fn + ": no outputs\n";
  const std::vector<profile::CoreRun> cores = core_runs(ck, rr);
  if (!o.profile_path.empty()) {
    const std::string trace = profile::trace_json(cores);
    files.stage(o.profile_path, [&](std::ostream& out) { out << trace; });
    if (!o.json) text += "trace: " + o.profile_path + " (open in ui.perfetto.dev or chrome://tracing)\n";
  }
  files.commit();
  // --json: stdout is one JSON document, the summary; the output lines are left out.
  if (o.json)
    std::cout << profile::summary_json(cores);
  else
    std::cout << text << profile::summary_text(cores);
  return 0;
}

int cmd_compile(const std::string& ref_s, const std::vector<std::string>& specs, const Options& o,
                bool print_ir) {
  KernelRef ref = parse_kernel_ref(ref_s);
  auto args = parse_args(specs, o.npz, o.max_hbm_bytes);
  CompiledKernel ck = compile_ref(ref, args, o);
  if (print_ir && !o.print_after_all) std::cout << print_cores(ck);
  return 0;
}

// The output paths of a run, checked before anything is compiled: "" if they can be written, else
// the usage error's message. --out is created if missing (so the nearest existing folder above
// it must be writable); the trace file's folder must exist.
std::string output_path_problem(const std::string& sub, const Options& o, const std::string& trace_option) {
  if (!o.out_dir.empty() && !o.timing_only) {
    const std::string why = output_dir_problem(o.out_dir);
    if (!why.empty()) return "nki " + sub + ": --out: cannot write outputs to '" + o.out_dir + "': " + why;
  }
  if (!o.profile_path.empty()) {
    const std::string why = output_file_problem(o.profile_path);
    if (!why.empty())
      return "nki " + sub + ": " + trace_option + ": cannot write '" + o.profile_path + "': " + why;
  }
  return "";
}

int cmd_arch(const Options& o) {
  Arch a = with_overrides(get_arch(o.target), o.arch_sets);
  std::cout << "target " << a.name << "\n";
  for (const auto& v : a.values())
    std::cout << fmt::format("  {:<26}{:>12} {:<11}{}\n", v.key, fmt::format("{:g}", v.value), v.unit,
                             v.description);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"nki: run, check, compile and profile NKI kernels on a simulated NeuronCore"};
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 an error in the kernel or its arguments (diagnostic on stderr),\n"
      "2 a command-line usage error, 3 an internal error of nki. See docs/cli.md.");
  Options o;
  std::string kernel, emit = "ir";
  std::vector<std::string> specs;
  auto add_target = [&](CLI::App* c) {
    c->add_option("--target", o.target, "trn1, trn2 or trn3 (aliases gen2, gen3, gen4)")
        ->capture_default_str()
        ->transform(
            CLI::Transformer(std::map<std::string, std::string>{
                                 {"gen2", "trn1"}, {"gen3", "trn2"}, {"gen4", "trn3"}, {"inf2", "trn1"}})
                .description(""))
        ->check(CLI::IsMember({"trn1", "trn2", "trn3"}));
    c->add_option("--arch-set", o.arch_sets,
                  "KEY=VALUE: override a value of the target's config (see `nki arch`)");
  };
  auto add_kernel_opts = [&](CLI::App* c) {
    c->add_option("kernel", kernel, "FILE:FUNCTION of the kernel (e.g. kernels/matmul.py:matmul)")
        ->required();
    c->add_option("--arg", specs,
                  "NAME=SPEC: PATH.npy[:DTYPE], PATH.npz:KEY[:DTYPE], random:SHAPE:DTYPE[:SEED], "
                  "zeros:SHAPE:DTYPE, ones:SHAPE:DTYPE, or a literal (int, float, True, False, None, 'str')");
    c->add_option("--npz", o.npz,
                  "PATH.npz: every array of the archive as the argument named by its key "
                  "(an --arg of the same name wins)");
    add_target(c);
    c->add_flag("--print-after-all", o.print_after_all,
                "print the IR after each pass (instead of the final IR)");
    c->add_option("--lnc", o.lnc,
                  "logical NeuronCore degree, as kernel[LNC]: 1, or 2 for two cores (trn2, trn3)")
        ->capture_default_str();
    c->add_option("--max-instructions", o.max_instructions,
                  "stop with an error when the kernel unrolls to more instructions (default 5000000)")
        ->check(CLI::PositiveNumber);
    c->add_option("--max-call-depth", o.max_call_depth,
                  "stop with an error when compile-time calls nest deeper (default 200)")
        ->check(CLI::PositiveNumber);
    c->add_option("--max-compile-steps", o.max_compile_steps,
                  "stop with an error after this much compile-time work: loop iterations, calls and elements "
                  "of built lists and strings (default 10000000)")
        ->check(CLI::PositiveNumber);
    c->add_option("--max-hbm", o.max_hbm,
                  "SIZE: the most bytes the kernel's HBM tensors (arguments, outputs, allocations) may take "
                  "together, e.g. 64GiB (default 16GiB)")
        ->check([](const std::string& s) {
          return parse_size(s) > 0 ? std::string()
                                   : "expected a size such as 16GiB, 512MiB or 1000000, got '" + s + "'";
        });
  };
  auto add_run_opts = [&](CLI::App* c) {
    add_kernel_opts(c);
    c->add_option("--out", o.out_dir,
                  "directory for the outputs (<name>.npy; bfloat16 is written as float32)");
    c->add_flag("--json", o.json,
                "print the timing summary as JSON (instead of the output lines and text summary)");
    c->add_flag("--timing-only", o.timing_only, "estimate the device time only; skip executing the numbers");
    c->add_option("--seed", o.seed, "seed of the engines' random-number generators (nisa.rng, rand2, ...)")
        ->capture_default_str();
    c->add_option("--max-loop-iterations", o.max_loop_iterations,
                  "stop with an error when the runtime loops have run this many iterations in all "
                  "(default 10000000, or $NKI_MAX_LOOP_ITERATIONS)")
        ->check(CLI::PositiveNumber);
    c->add_flag(
        "--check-uninitialized", o.check_uninitialized,
        "fail on the first read of SBUF/PSUM/HBM memory that nothing wrote, naming the line and tensor");
  };
  CLI::App* run =
      app.add_subcommand("run", "compile and simulate a kernel, print its outputs and timing summary");
  add_run_opts(run);
  run->add_option("--profile", o.profile_path, "write a Chrome trace-event JSON timeline (ui.perfetto.dev)");
  CLI::App* prof =
      app.add_subcommand("profile", "run a kernel and write its timeline (Chrome trace) and timing summary");
  add_run_opts(prof);
  prof->add_option("--trace", o.profile_path, "the trace file to write (default: FUNCTION.trace.json)");
  CLI::App* compile = app.add_subcommand("compile", "compile a kernel and print its IR");
  add_kernel_opts(compile);
  compile->add_option("--emit", emit, "what to print: ir")
      ->check(CLI::IsMember({"ir"}))
      ->capture_default_str();
  CLI::App* check = app.add_subcommand("check", "compile a kernel, report errors only");
  add_kernel_opts(check);
  CLI::App* arch = app.add_subcommand("arch", "print the configuration of a target");
  add_target(arch);

  // Usage errors say what was expected; CLI11's own text is kept for the rest.
  const std::string first = argc > 1 ? argv[1] : "";
  const auto known = [&app](const std::string& name) {
    try {
      return app.get_subcommand_ptr(name) != nullptr;
    } catch (const CLI::OptionNotFound&) {
      return false;
    }
  };
  if (!first.empty() && first[0] != '-' && !known(first)) {
    std::cerr << "nki: unknown subcommand '" << first << "' (expected run, profile, compile, check or arch)\n"
              << "Run with --help for more information.\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RequiredError& e) {
    if (std::string(e.what()).find("kernel") == std::string::npos) return app.exit(e) == 0 ? 0 : 2;
    std::cerr << "nki " << first
              << ": missing the kernel: expected FILE:FUNCTION (e.g. kernels/matmul.py:matmul)\n"
              << "Run with --help for more information.\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!o.max_hbm.empty()) o.max_hbm_bytes = parse_size(o.max_hbm);
  try {
    if (*run || *prof) {
      if (*prof && o.profile_path.empty()) o.profile_path = parse_kernel_ref(kernel).fn + ".trace.json";
      const std::string problem =
          output_path_problem(*prof ? "profile" : "run", o, *prof ? "--trace" : "--profile");
      if (!problem.empty()) {
        std::cerr << problem << "\nRun with --help for more information.\n";
        return 2;
      }
      return cmd_run(kernel, specs, o);
    }
    if (*compile) return cmd_compile(kernel, specs, o, true);
    if (*check) return cmd_compile(kernel, specs, o, false);
    if (*arch) return cmd_arch(o);
  } catch (const UserError& e) {
    std::cerr << e.format();
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "nki: internal error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}

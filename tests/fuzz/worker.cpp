// The fuzzer's worker processes (worker.h): the child's compile loop and the parent's watch.
#include "worker.h"

#include <fcntl.h>
#include <poll.h>
#include <pybind11/embed.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "driver/arg_spec.h"
#include "driver/driver.h"
#include "pyhost/pyhost.h"
#include "support/diagnostics.h"

namespace nki::fuzz {

namespace fs = std::filesystem;
namespace py = pybind11;

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::accepted: return "accepted";
    case Outcome::user_error: return "user-error";
    case Outcome::unlocated: return "unlocated";
    case Outcome::internal: return "internal";
    case Outcome::crash: return "crash";
    case Outcome::hang: return "hang";
    case Outcome::python_hang: return "python-hang";
    case Outcome::exited: return "exited";
  }
  return "?";
}

bool is_bug(Outcome o) {
  return o == Outcome::unlocated || o == Outcome::internal || o == Outcome::crash || o == Outcome::hang;
}

std::string Case::text() const {
  std::string s = "fn " + fn + "\n";
  for (const auto& a : args) s += "arg " + a + "\n";
  if (target != "trn2") s += "target " + target + "\n";
  if (lnc != 1) s += "lnc " + std::to_string(lnc) + "\n";
  if (max_instructions) s += "max-instructions " + std::to_string(max_instructions) + "\n";
  if (!dir.empty()) s += "dir " + dir + "\n";
  return s;
}

Case Case::parse(const std::string& text) {
  Case c;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t sp = line.find(' ');
    if (sp == std::string::npos) continue;
    std::string key = line.substr(0, sp), value = line.substr(sp + 1);
    if (key == "fn") c.fn = value;
    else if (key == "arg") c.args.push_back(value);
    else if (key == "target") c.target = value;
    else if (key == "lnc") c.lnc = std::stoi(value);
    else if (key == "max-instructions") c.max_instructions = std::stoll(value);
    else if (key == "dir") c.dir = value;
  }
  return c;
}

namespace {

// Frames on the pipes: a field count, then each field as its length and bytes.
bool write_all(int fd, const void* data, size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t k = ::write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<size_t>(k);
  }
  return true;
}

bool read_all(int fd, void* data, size_t n) {
  char* p = static_cast<char*>(data);
  while (n > 0) {
    ssize_t k = ::read(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<size_t>(k);
  }
  return true;
}

bool write_frame(int fd, const std::vector<std::string>& fields) {
  uint32_t n = static_cast<uint32_t>(fields.size());
  if (!write_all(fd, &n, sizeof n)) return false;
  for (const auto& f : fields) {
    uint32_t len = static_cast<uint32_t>(f.size());
    if (!write_all(fd, &len, sizeof len) || !write_all(fd, f.data(), f.size())) return false;
  }
  return true;
}

bool read_frame(int fd, std::vector<std::string>& fields) {
  uint32_t n = 0;
  if (!read_all(fd, &n, sizeof n) || n > 16) return false;
  fields.assign(n, "");
  for (auto& f : fields) {
    uint32_t len = 0;
    if (!read_all(fd, &len, sizeof len) || len > (1u << 30)) return false;
    f.resize(len);
    if (len && !read_all(fd, f.data(), len)) return false;
  }
  return true;
}

std::string first_line(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

// One input, in the child: import the file, compile its kernel function, classify the end.
Result compile_one(const std::string& root, const Budgets& b, const Case& c, const std::string& source,
                   const fs::path& path, volatile int* phase) {
  py::module_ sys = py::module_::import("sys");
  const fs::path dir = fs::path(root) / c.dir;
  std::error_code ec;
  fs::current_path(dir, ec);
  py::list sys_path = sys.attr("path");
  if (!sys_path.contains(py::str(dir.string()))) sys_path.append(dir.string());
  std::ofstream(path, std::ios::binary) << source;

  Result r{Outcome::accepted, ""};
  std::vector<NamedArg> args;
  try {
    for (const auto& spec : c.args) args.push_back(parse_arg_spec(spec, b.max_hbm_bytes));
  } catch (const UserError& e) {  // the seed's own arguments (a test of --arg errors): no file to point at
    r = {Outcome::user_error, first_line(e.message())};
  }
  if (r.outcome == Outcome::accepted) try {
    *phase = 1;
    py::object fn = pyhost::import_kernel(path.string(), c.fn);
    *phase = 2;
    pyhost::PyHost host(fn);
    CompileOptions o;
    o.target = c.target;
    o.lnc = c.lnc;
    o.max_instructions = c.max_instructions ? c.max_instructions : b.max_instructions;
    o.max_compile_steps = b.max_compile_steps;
    o.max_call_depth = b.max_call_depth;
    o.max_hbm_bytes = b.max_hbm_bytes;
    o.print = [](const std::string&) {};
    compile_kernel(host, args, o);
  } catch (const UserError& e) {
    // A mutation that renamed or removed the kernel function: the command line names a function
    // the file lacks, which has no place in the file.
    const bool no_function = e.message().find("has no kernel function") != std::string::npos;
    r = {e.loc().valid() || no_function ? Outcome::user_error : Outcome::unlocated, first_line(e.message())};
  } catch (py::error_already_set& e) {
    r = {Outcome::internal, "a Python exception escaped: " + first_line(e.what())};
  } catch (const std::exception& e) {
    r = {Outcome::internal, first_line(e.what())};
  } catch (...) {
    r = {Outcome::internal, "an exception of unknown type"};
  }
  *phase = 0;
  // Forget the module, so inputs do not see each other.
  try {
    py::dict modules = sys.attr("modules");
    std::string name = path.stem().string();
    if (modules.contains(name)) PyDict_DelItemString(modules.ptr(), name.c_str());
    py::dict trees = py::module_::import("nki._host").attr("_TREES");
    std::string abs = fs::absolute(path).string();
    if (trees.contains(abs)) PyDict_DelItemString(trees.ptr(), abs.c_str());
  } catch (py::error_already_set&) {
  }
  fs::remove(path, ec);
  return r;
}

[[noreturn]] void child_main(const std::string& root, const std::string& python, const Budgets& b, int in_fd,
                             int out_fd, volatile int* phase) {
  for (int fd = 3; fd < 1024; ++fd)
    if (fd != in_fd && fd != out_fd) ::close(fd);
  int null = ::open("/dev/null", O_RDWR);
  ::dup2(null, 0);
  ::dup2(null, 1);
  ::dup2(null, 2);
  ::setenv("OPENBLAS_NUM_THREADS", "1", 1);
  ::setenv("OMP_NUM_THREADS", "1", 1);
#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer reserves terabytes of shadow address space
  rlimit lim{static_cast<rlim_t>(b.memory_limit), static_cast<rlim_t>(b.memory_limit)};
  ::setrlimit(RLIMIT_AS, &lim);
#endif
  py::scoped_interpreter interpreter;
  pyhost::add_package_dir(python);
  py::module_::import("sys").attr("dont_write_bytecode") = true;
  py::module_::import("nki");
  const fs::path tmp = fs::temp_directory_path() / ("nki_fuzz_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  write_frame(out_fd, {"ready"});
  for (int n = 0;; ++n) {
    std::vector<std::string> req;
    if (!read_frame(in_fd, req) || req.size() != 2) break;
    Result r = compile_one(root, b, Case::parse(req[0]), req[1], tmp / ("fz_" + std::to_string(n) + ".py"), phase);
    if (!write_frame(out_fd, {std::to_string(static_cast<int>(r.outcome)), r.message})) break;
  }
  std::error_code ec;
  fs::remove_all(tmp, ec);
  ::_exit(0);
}

}  // namespace

Worker::~Worker() {
  stop();
  if (phase_) ::munmap(const_cast<int*>(phase_), 4096);
}

void Worker::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    // Its temporary folder: the child cannot remove it once killed.
    std::error_code ec;
    fs::remove_all(fs::temp_directory_path() / ("nki_fuzz_" + std::to_string(pid_)), ec);
  }
  if (to_ >= 0) ::close(to_);
  if (from_ >= 0) ::close(from_);
  pid_ = -1;
  to_ = from_ = -1;
  busy_ = false;
  served_ = 0;
}

void Worker::start() {
  if (!phase_) {
    void* p = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::runtime_error("mmap failed");
    phase_ = static_cast<volatile int*>(p);
  }
  int req[2], rep[2];
  if (::pipe(req) != 0 || ::pipe(rep) != 0) throw std::runtime_error("pipe failed");
  *phase_ = 0;
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) child_main(root_, python_, budgets_, req[0], rep[1], phase_);
  ::close(req[0]);
  ::close(rep[1]);
  pid_ = pid;
  to_ = req[1];
  from_ = rep[0];
  pollfd p{from_, POLLIN, 0};
  std::vector<std::string> ready;
  if (::poll(&p, 1, 120'000) != 1 || !read_frame(from_, ready) || ready.empty() || ready[0] != "ready") {
    stop();
    throw std::runtime_error("the fuzz worker did not start (is the build's python/nki there?)");
  }
}

void Worker::send(const Case& c, const std::string& source, std::chrono::milliseconds timeout) {
  if (pid_ < 0) start();
  busy_ = true;
  ++served_;
  if (!write_frame(to_, {c.text(), source})) {
    deadline_ = std::chrono::steady_clock::now();  // it is dead: collect() says how
    return;
  }
  deadline_ = std::chrono::steady_clock::now() + timeout;
}

Result Worker::died() {
  int status = 0;
  const int phase = *phase_;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  stop();
  if (WIFSIGNALED(status))
    return {Outcome::crash, std::string("signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) +
                                ")" + (phase == 1 ? " while Python imported the module" : "")};
  const std::string how = "exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  // The module's Python may end the process (os._exit); nki's code must not.
  if (phase == 1) return {Outcome::exited, how + " while Python imported the module"};
  return {Outcome::crash, how + " while nki compiled"};
}

Result Worker::collect() {
  pollfd p{from_, POLLIN, 0};
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, left.count()))) == 0) {
    const int phase = *phase_;
    stop();
    if (phase == 1) return {Outcome::python_hang, "the module's Python did not finish importing in time"};
    return {Outcome::hang, "nki did not finish compiling in time"};
  }
  std::vector<std::string> rep;
  if (!read_frame(from_, rep) || rep.size() != 2) return died();
  busy_ = false;
  return {static_cast<Outcome>(std::stoi(rep[0])), rep[1]};
}

Result Worker::run(const Case& c, const std::string& source, std::chrono::milliseconds timeout) {
  send(c, source, timeout);
  return collect();
}

}  // namespace nki::fuzz

// The fuzzer's worker processes: each is a forked child that embeds CPython once and then
// compiles one input after another as the `nki` command would (Python imports the file; nki
// parses, specializes and runs the passes on the kernel function), reporting how each ended. The
// parent watches it: a child that dies is a crash, one that does not answer in time a hang.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace nki::fuzz {

// What to compile: the kernel function and its arguments, as a `# RUN:` line gives them.
struct Case {
  std::string fn;
  std::vector<std::string> args;  // --arg NAME=SPEC
  std::string target = "trn2";
  int lnc = 1;
  int64_t max_instructions = 0;  // 0: the fuzzer's budget
  std::string dir;               // the seed's folder, relative to the source root: on sys.path, and the cwd
  // One "key value" line per field (the .case files of tests/fuzz/regressions).
  std::string text() const;
  static Case parse(const std::string& text);
};

enum class Outcome {
  accepted,     // compiled
  user_error,   // a UserError with a file:line:col location
  unlocated,    // a UserError without a location
  internal,     // an InternalError, NKI_CHECK, or any other exception: a bug
  crash,        // the worker died of a signal: a bug
  hang,         // nki did not finish within the time budget: a bug
  python_hang,  // the module's own top-level Python did not finish importing (not nki's code)
  exited,       // the module's top-level Python ended the process (os._exit)
};
constexpr int kOutcomes = 8;
const char* outcome_name(Outcome o);
bool is_bug(Outcome o);

struct Result {
  Outcome outcome;
  std::string message;  // the error's text (first line), the signal, ...
};

// Budgets the worker compiles with: small, so a runaway input stops fast.
struct Budgets {
  int64_t max_instructions = 100'000;
  int64_t max_compile_steps = 1'000'000;
  int max_call_depth = 200;
  int64_t max_hbm_bytes = int64_t{1} << 32;
  int64_t memory_limit = int64_t{4} << 30;  // the worker's address space (RLIMIT_AS; none under ASan)
};

class Worker {
 public:
  // `root`: the source tree (seed folders are relative to it); `python`: the folder of the nki
  // package the children import (the build's, with its extension).
  Worker(std::string root, std::string python, Budgets budgets)
      : root_(std::move(root)), python_(std::move(python)), budgets_(budgets) {}
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Compiles `source` as `c` describes, waiting at most `timeout`. Starts (or restarts) the child
  // as needed.
  Result run(const Case& c, const std::string& source, std::chrono::milliseconds timeout);
  // Starts the request without waiting (run = send + wait).
  void send(const Case& c, const std::string& source, std::chrono::milliseconds timeout);
  // The reply fd while a request is out (for poll), -1 otherwise.
  int reply_fd() const { return busy_ ? from_ : -1; }
  bool busy() const { return busy_; }
  std::chrono::steady_clock::time_point deadline() const { return deadline_; }
  // The outcome of the request out: after reply_fd() is readable, or at the deadline.
  Result collect();
  // Inputs served by this child; the caller restarts it every so many to bound its state.
  int served() const { return served_; }
  void stop();

 private:
  void start();
  Result died();

  std::string root_;
  std::string python_;
  Budgets budgets_;
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  volatile int* phase_ = nullptr;  // shared with the child: 1 importing, 2 compiling
  bool busy_ = false;
  int served_ = 0;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace nki::fuzz

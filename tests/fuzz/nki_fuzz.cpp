// nki_fuzz: the fuzzer of nki's front end, specializer and passes (tests/fuzz/README.md).
//
//   nki_fuzz [--inputs N] [--seed S] [--jobs J] [--save DIR] ...   mutate the repository's kernels
//   nki_fuzz --replay DIR                                          replay saved inputs
//
// Seeds are the kernel files of kernels/ and tests/ (with the function and arguments of their
// `# RUN:` line, or each top-level function with tensor arguments). Every input is a seed with a
// few mutations (mutate.h), compiled in a worker process (worker.h) as the `nki` command would.
// Outcomes: accepted, user error (located), and the bugs — an unlocated user error, an internal
// error, a crash, a hang. Each bug's input is saved with its .case file; the exit code is 1 when
// there was any.
#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include "mutate.h"
#include "worker.h"

namespace {

using namespace nki::fuzz;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Seed {
  std::string file;  // relative to the root
  std::string text;
  Case c;
};

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Whitespace-separated words with '...' and "..." quoting, as the harness's shlex split.
std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) out.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) out.push_back(cur);
  return out;
}

// The seeds of one file: its `# RUN:` line's kernel, or every public top-level function.
std::vector<Seed> seeds_of(const fs::path& root, const fs::path& file) {
  const std::string text = read_file(file);
  const std::string rel = fs::relative(file, root).string();
  const std::string dir = fs::relative(file.parent_path(), root).string();
  std::vector<Seed> out;
  static const std::regex run_re(R"(^\s*#\s*RUN:(.*)$)");
  static const std::regex def_re(R"(^def ([A-Za-z]\w*)\((.*)\)\s*(->.*)?:\s*$)");
  std::vector<std::string> run;
  std::istringstream in(text);
  std::string line;
  std::vector<std::pair<std::string, std::string>> defs;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, run_re))
      for (auto& w : split_words(m[1].str())) run.push_back(w);
    else if (std::regex_match(line, m, def_re))
      defs.emplace_back(m[1].str(), m[2].str());
  }
  // Error tests of the command line (a bad --arg, --target or --lnc: no caret, or a usage exit
  // code) are no seeds: their error is in the case, not in the file.
  static const std::regex cli_error_re(R"((^|\n)\s*#\s*(CARET:\s*no|EXIT:\s*[02-9]))");
  if (std::regex_search(text, cli_error_re)) return out;
  if (!run.empty()) {
    static const std::vector<std::string> kernel_cmds = {"run", "check", "compile", "profile"};
    if (std::find(kernel_cmds.begin(), kernel_cmds.end(), run[0]) == kernel_cmds.end() || run.size() < 2 ||
        run[1].find(':') != std::string::npos)
      return out;
    Seed s{rel, text, {}};
    s.c.fn = run[1];
    s.c.dir = dir;
    for (size_t i = 2; i + 1 < run.size(); ++i) {
      if (run[i] == "--arg") s.c.args.push_back(run[++i]);
      else if (run[i] == "--target") s.c.target = run[++i];
      else if (run[i] == "--lnc") s.c.lnc = std::stoi(run[++i]);
      else if (run[i] == "--max-instructions") s.c.max_instructions = std::stoll(run[++i]);
    }
    out.push_back(std::move(s));
    return out;
  }
  for (const auto& [name, params] : defs) {
    if (name.rfind("reference", 0) == 0 || name.rfind("test", 0) == 0) continue;
    Seed s{rel, text, {}};
    s.c.fn = name;
    s.c.dir = dir;
    std::istringstream ps(params);
    std::string p;
    while (std::getline(ps, p, ',')) {
      p = p.substr(0, p.find(':'));
      p.erase(0, p.find_first_not_of(' '));
      p.erase(p.find_last_not_of(' ') + 1);
      if (p.empty() || p[0] == '*' || p.find('=') != std::string::npos || p == "/") continue;
      s.c.args.push_back(p + "=zeros:128x512:float32");
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Seed> find_seeds(const fs::path& root, const std::string& only) {
  std::vector<fs::path> files;
  for (const char* d : {"kernels", "tests/golden", "tests/errors", "tests/kernels", "tests/isa", "tests/python"}) {
    if (!fs::is_directory(root / d)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / d)) {
      const std::string name = e.path().filename().string();
      if (!e.is_regular_file() || e.path().extension() != ".py" || name.rfind("test_", 0) == 0 ||
          name == "conftest.py" || name == "__init__.py")
        continue;
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Seed> seeds;
  for (const auto& f : files) {
    if (!only.empty() && f.string().find(only) == std::string::npos) continue;
    try {
      for (Seed& s : seeds_of(root, f)) seeds.push_back(std::move(s));
    } catch (const std::exception&) {  // a RUN line the fuzzer cannot take (--lnc x): not a seed
    }
  }
  return seeds;
}

struct Options {
  fs::path root = NKI_SOURCE_DIR;
  fs::path python;  // the nki package's folder; root/python when not given
  int64_t inputs = 1000;
  uint64_t seed = 1;
  int jobs = 1;
  int timeout_ms = 10'000;
  double max_seconds = 0;
  int recycle = 4000;
  fs::path save = "fuzz-found";
  std::string replay, only;
  bool verbose = false;
  Budgets budgets;
};

[[noreturn]] void usage() {
  std::cerr << "usage: nki_fuzz [--inputs N] [--seed S] [--jobs J] [--timeout-ms MS] [--max-seconds S]\n"
               "                [--save DIR] [--only SUBSTRING] [--recycle N] [--root DIR] [--python DIR] [-v]\n"
               "       nki_fuzz --replay DIR [--root DIR] [--python DIR]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--inputs") o.inputs = std::stoll(value());
    else if (a == "--seed") o.seed = std::stoull(value());
    else if (a == "--jobs") o.jobs = std::max(1, std::stoi(value()));
    else if (a == "--timeout-ms") o.timeout_ms = std::stoi(value());
    else if (a == "--max-seconds") o.max_seconds = std::stod(value());
    else if (a == "--recycle") o.recycle = std::max(1, std::stoi(value()));
    else if (a == "--save") o.save = value();
    else if (a == "--replay") o.replay = value();
    else if (a == "--only") o.only = value();
    else if (a == "--root") o.root = value();
    else if (a == "--python") o.python = value();
    else if (a == "-v" || a == "--verbose") o.verbose = true;
    else usage();
  }
  if (o.python.empty()) o.python = o.root / "python";
  return o;
}

// A bug's kind, for counting and saving a few examples of each: the outcome and the message with
// numbers and quoted names blurred.
std::string signature(const Result& r) {
  static const std::regex digits("[0-9]+"), quoted("'[^']*'");
  return std::string(outcome_name(r.outcome)) + ": " +
         std::regex_replace(std::regex_replace(r.message, quoted, "'_'"), digits, "N");
}

void save_input(const fs::path& dir, const std::string& name, const Case& c, const std::string& source) {
  fs::create_directories(dir);
  std::ofstream(dir / (name + ".py"), std::ios::binary) << source;
  std::ofstream(dir / (name + ".case")) << c.text();
}

int replay(const Options& o) {
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(o.replay))
    if (e.path().extension() == ".case") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  Worker w(o.root.string(), o.python.string(), o.budgets);
  int bad = 0;
  for (const auto& p : cases) {
    fs::path src = p;
    src.replace_extension(".py");
    Result r = w.run(Case::parse(read_file(p)), read_file(src), std::chrono::milliseconds(o.timeout_ms));
    const bool ok = r.outcome == Outcome::accepted || r.outcome == Outcome::user_error;
    bad += !ok;
    std::cout << (ok ? "ok   " : "FAIL ") << p.stem().string() << ": " << outcome_name(r.outcome)
              << (r.message.empty() ? "" : ": " + r.message) << "\n";
  }
  std::cout << cases.size() << " regression inputs, " << bad << " not clean\n";
  return bad ? 1 : 0;
}

int fuzz(const Options& o) {
  std::vector<Seed> seeds = find_seeds(o.root, o.only);
  if (seeds.empty()) {
    std::cerr << "nki_fuzz: no seed kernels under " << o.root << "\n";
    return 2;
  }
  TokenPool pool;
  for (const Seed& s : seeds) pool.add(s.text);
  std::cerr << "nki_fuzz: " << seeds.size() << " seeds, " << o.inputs << " inputs, seed " << o.seed << ", "
            << o.jobs << " job(s)\n";

  Rng rng(o.seed);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int j = 0; j < o.jobs; ++j) workers.push_back(std::make_unique<Worker>(o.root.string(), o.python.string(), o.budgets));
  struct InFlight {
    int64_t index = -1;
    const Seed* seed = nullptr;
    std::string text;
  };
  std::vector<InFlight> flight(workers.size());
  std::array<int64_t, kOutcomes> counts{};
  std::map<std::string, int64_t> bugs;  // signature -> count
  int64_t next = 0, done = 0;
  const auto t0 = Clock::now();
  auto last_report = t0;
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  auto report = [&](std::ostream& out) {
    const double s = elapsed();
    out << "nki_fuzz: " << done << " inputs in " << std::fixed;
    out.precision(1);
    out << s << " s (" << (s > 0 ? done / s : 0) << " inputs/s):";
    for (int k = 0; k < kOutcomes; ++k) out << " " << outcome_name(static_cast<Outcome>(k)) << "=" << counts[k];
    out << "\n";
  };
  auto finish = [&](size_t j, const Result& r) {
    ++done;
    ++counts[static_cast<int>(r.outcome)];
    const InFlight& f = flight[j];
    if (is_bug(r.outcome)) {
      const std::string sig = signature(r);
      if (bugs[sig]++ < 3) {
        const std::string name = std::string(outcome_name(r.outcome)) + "-" + std::to_string(o.seed) + "-" +
                                 std::to_string(f.index);
        save_input(o.save, name, f.seed->c, f.text);
        std::cerr << "nki_fuzz: " << outcome_name(r.outcome) << " on input " << f.index << " (" << f.seed->file << ":"
                  << f.seed->c.fn << "): " << r.message << " -> " << (o.save / (name + ".py")).string() << "\n";
      }
    } else if (o.verbose) {
      std::cerr << f.index << " " << outcome_name(r.outcome) << ": " << r.message << "\n";
    }
    if (workers[j]->served() >= o.recycle) workers[j]->stop();
  };
  bool out_of_time = false;
  while (done < next || (next < o.inputs && !out_of_time)) {
    for (size_t j = 0; j < workers.size(); ++j) {
      if (workers[j]->busy() || next >= o.inputs || out_of_time) continue;
      const Seed& s = seeds[std::uniform_int_distribution<size_t>(0, seeds.size() - 1)(rng)];
      flight[j] = {next++, &s, mutate(s.text, pool, rng)};
      workers[j]->send(s.c, flight[j].text, std::chrono::milliseconds(o.timeout_ms));
    }
    std::vector<pollfd> fds;
    std::vector<size_t> owner;
    auto soonest = Clock::time_point::max();
    for (size_t j = 0; j < workers.size(); ++j) {
      if (!workers[j]->busy()) continue;
      fds.push_back({workers[j]->reply_fd(), POLLIN, 0});
      owner.push_back(j);
      soonest = std::min(soonest, workers[j]->deadline());
    }
    if (fds.empty()) break;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(soonest - Clock::now()).count();
    ::poll(fds.data(), fds.size(), static_cast<int>(std::clamp<int64_t>(wait, 0, 1000)));
    for (size_t k = 0; k < fds.size(); ++k) {
      Worker& w = *workers[owner[k]];
      if (fds[k].revents != 0 || Clock::now() >= w.deadline()) finish(owner[k], w.collect());
    }
    if (o.max_seconds > 0 && elapsed() > o.max_seconds && !out_of_time) {
      out_of_time = true;
      std::cerr << "nki_fuzz: stopping at the time cap (" << o.max_seconds << " s)\n";
    }
    if (std::chrono::duration<double>(Clock::now() - last_report).count() > 30) {
      report(std::cerr);
      last_report = Clock::now();
    }
  }
  report(std::cout);
  for (const auto& [sig, n] : bugs) std::cout << "  " << n << " x " << sig << "\n";
  return bugs.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  Options o = parse_options(argc, argv);
  try {
    return o.replay.empty() ? fuzz(o) : replay(o);
  } catch (const std::exception& e) {
    std::cerr << "nki_fuzz: " << e.what() << "\n";
    return 2;
  }
}

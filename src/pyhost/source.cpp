// The source of Python functions: where CPython says a function's code is (nki._host.locate), read
// and parsed by nki's own front end. Files and parsed functions are cached for the process on the
// file's mtime, so repeated compilations parse nothing, and an edited file is read again.
#include "pyhost/source.h"

#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>

#include "frontend/parser.h"
#include "support/diagnostics.h"

namespace nki::pyhost {

namespace {

std::mutex g_mutex;

// The text of `path` as it was at `mtime_ns` (SourceFiles are never freed: locations point there).
const SourceFile* source_file(const std::string& path, int64_t mtime_ns) {
  static std::map<std::string, std::pair<int64_t, const SourceFile*>> files;
  auto it = files.find(path);
  if (it != files.end() && it->second.first == mtime_ns) return it->second.second;
  const SourceFile* f = SourceFile::load(display_path(path));
  files[path] = {mtime_ns, f};
  return f;
}

struct Parsed {
  std::unique_ptr<ast::Module> module;  // a def
  ast::ExprPtr lambda;                  // a lambda
};

}  // namespace

std::string display_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path rel = fs::proximate(path, fs::current_path(ec), ec);
  if (ec || rel.empty() || *rel.begin() == "..") return path;
  return rel.string();
}

std::optional<FunctionSource> function_source(py::handle code, Reads& reads) {
  // Leaked on purpose: a static py::object would be released after the interpreter is gone.
  static py::object* locate = new py::object(py::module_::import("nki._host").attr("locate"));
  py::object where;
  try {
    where = (*locate)(code);
  } catch (py::error_already_set& e) {
    // CPython compiled the module, but its ast module cannot parse it again (an expression nested
    // deeper than ast's recursion limit, say): an error at the function's def.
    namespace fs = std::filesystem;
    const std::string file = py::str(code.attr("co_filename")).cast<std::string>();
    const int line = code.attr("co_firstlineno").cast<int>();
    std::error_code ec;
    SourceLoc loc;
    if (fs::is_regular_file(file, ec))
      loc = SourceLoc{SourceFile::load(display_path(fs::absolute(file).string())), line, 1};
    const std::string type = py::str(py::type::handle_of(e.value()).attr("__name__")).cast<std::string>();
    throw UserError(loc, "nki cannot read the source of this function: Python's ast.parse raised " + type +
                             ": " + py::str(e.value()).cast<std::string>());
  }
  if (where.is_none()) return std::nullopt;
  auto t = where.cast<py::tuple>();
  const std::string kind = t[0].cast<std::string>();
  const std::string path = t[1].cast<std::string>();
  const int64_t mtime = t[t.size() - 1].cast<int64_t>();
  reads.files[path] = mtime;
  // The parsed function, by file version and position.
  static std::map<std::tuple<std::string, int64_t, int, int>, Parsed> parsed;
  std::lock_guard<std::mutex> lock(g_mutex);
  const SourceFile* file = source_file(path, mtime);
  FunctionSource out;
  if (kind == "def") {
    int first = t[2].cast<int>(), last = t[3].cast<int>();
    Parsed& p = parsed[{path, mtime, first, -1}];
    if (!p.module) p.module = parse_statement_at(file, first, last);
    NKI_CHECK(p.module->body.size() == 1 && p.module->body[0]->kind == ast::StmtKind::FunctionDef,
              "CPython's def at " + path + ":" + std::to_string(first) + " is not one def for nki's parser");
    out.def = p.module->body[0].get();
    return out;
  }
  int line = t[2].cast<int>(), col = t[3].cast<int>();
  Parsed& p = parsed[{path, mtime, line, col}];
  if (!p.lambda)
    p.lambda = parse_expression_at(file, SourceLoc{file, line, col + 1},
                                   SourceLoc{file, t[4].cast<int>(), t[5].cast<int>() + 1});
  NKI_CHECK(p.lambda->kind == ast::ExprKind::Lambda,
            "CPython's lambda at " + path + ":" + std::to_string(line) + " is not a lambda for nki's parser");
  out.lambda = p.lambda.get();
  return out;
}

}  // namespace nki::pyhost

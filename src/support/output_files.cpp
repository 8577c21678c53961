// All-or-nothing output files (temporary name + rename) and the writability checks of output
// paths; see output_files.h.
#include "support/output_files.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "support/diagnostics.h"

namespace nki {

namespace fs = std::filesystem;

namespace {

// A name in the same folder (so the rename is atomic, never a copy across file systems),
// hidden, and unique to this process and file.
std::string temp_name(const std::string& path) {
  static int counter = 0;
  const fs::path p(path);
  const std::string name =
      "." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return (p.parent_path() / name).string();
}

}  // namespace

OutputFiles::~OutputFiles() {
  for (const Staged& s : staged_) std::remove(s.temp.c_str());
}

void OutputFiles::stage(const std::string& path, const std::function<void(std::ostream&)>& write) {
  const std::string temp = temp_name(path);
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  if (!out) throw UserError("cannot write '" + path + "': cannot create a file in its folder");
  staged_.push_back({temp, path});  // from here on, the destructor removes it on failure
  write(out);
  out.flush();
  out.close();
  if (!out) throw UserError("cannot write '" + path + "': write failed (disk full?)");
}

void OutputFiles::commit() {
  while (!staged_.empty()) {
    const Staged s = staged_.front();
    std::error_code ec;
    fs::rename(s.temp, s.path, ec);
    if (ec) throw UserError("cannot write '" + s.path + "': " + ec.message());  // the rest are removed
    staged_.erase(staged_.begin());
  }
}

namespace {

std::string folder_problem(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "'" + dir.string() + "' is not a folder";
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return "the folder '" + dir.string() + "' is not writable";
  return "";
}

}  // namespace

std::string output_dir_problem(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(dir), ec).lexically_normal();
  if (ec) return ec.message();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();  // "out/" -> "out"
  // The folder itself if it exists, else the nearest existing ancestor: it must be a folder we
  // may create entries in.
  while (!fs::exists(p, ec) && p.has_parent_path() && p.parent_path() != p) p = p.parent_path();
  return folder_problem(p);
}

std::string output_file_problem(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) return "'" + path + "' is a folder";
  // Renaming over a device or a pipe would replace it: only regular files are overwritten.
  if (fs::exists(p, ec) && !fs::is_regular_file(p, ec))
    return "'" + path + "' exists and is not a regular file";
  if (!p.has_filename()) return "'" + path + "' names a folder, not a file";
  const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::exists(parent, ec)) return "the folder '" + parent.string() + "' does not exist";
  return folder_problem(parent);
}

}  // namespace nki

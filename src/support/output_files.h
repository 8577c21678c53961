// Files the `nki` command writes (outputs, traces), written so that a failure never leaves a
// half-written file under the final name: each is written to a hidden temporary file in the same
// folder and renamed over its final name only when every file of the batch was written. And the
// checks that tell, before any work, whether a path can be written at all.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace nki {

// A batch of files written all or nothing. stage() writes one to its temporary name (throwing
// UserError naming the final path if that fails); commit() renames them all into place. Files
// still staged when the batch is destroyed (an exception, no commit) are removed.
class OutputFiles {
 public:
  OutputFiles() = default;
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;
  ~OutputFiles();

  void stage(const std::string& path, const std::function<void(std::ostream&)>& write);
  void commit();

 private:
  struct Staged {
    std::string temp, path;
  };
  std::vector<Staged> staged_;
};

// Why `dir` cannot be used as an output folder (created if missing, with its parents), or "" if
// it can: a file where a folder should be, or a folder without write permission.
std::string output_dir_problem(const std::string& dir);
// Why the file `path` cannot be written, or "" if it can: its folder does not exist (it is not
// created), is not a folder, or cannot be written; or `path` is a folder or another kind of
// non-regular file (a device, a pipe), which the rename would replace.
std::string output_file_problem(const std::string& path);

}  // namespace nki

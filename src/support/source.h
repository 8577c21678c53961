// Source files and locations: every AST node, IR instruction and diagnostic points into a
// SourceFile through a SourceLoc, so any message can show file:line:col and the line itself.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nki {

// The text of one file, with a line index. Files are owned by the process-wide registry and
// never freed, so a SourceLoc may hold a plain pointer and stay valid for the program's life.
class SourceFile {
 public:
  // Reads `path`; throws UserError (no location) if it cannot be read.
  static const SourceFile* load(const std::string& path);
  // Registers in-memory text under a display name (tests, Python-provided source).
  static const SourceFile* from_string(std::string name, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The text of 1-based line `line`, without its newline; empty if out of range.
  std::string_view line(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  SourceFile(std::string path, std::string text);
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

// A position in a source file. Lines and columns are 1-based; line 0 means "no location".
struct SourceLoc {
  const SourceFile* file = nullptr;
  int32_t line = 0;
  int32_t col = 0;

  bool valid() const { return file != nullptr && line > 0; }
  // "path:line:col" (or "<unknown>").
  std::string str() const;
  // "file.py:12" with the file's base name, as the IR text shows it.
  std::string short_str() const;
};

// The chain of inlined calls an instruction or error came from: outermost call site first,
// the location itself last. Shared between the many instructions one call emits.
using CallStack = std::shared_ptr<const std::vector<SourceLoc>>;

}  // namespace nki

// Source file registry and locations.
#include "support/source.h"

#include <fstream>
#include <mutex>
#include <sstream>

#include "support/diagnostics.h"

namespace nki {

namespace {
std::mutex g_mutex;
std::vector<std::unique_ptr<SourceFile>>& registry() {
  static std::vector<std::unique_ptr<SourceFile>> files;
  return files;
}
}  // namespace

namespace {
// Line ends as CPython reads source: "\r\n" and a lone "\r" are "\n" (a file with old Mac line
// ends, or a stray carriage return, then has the lines, columns and string contents CPython sees).
std::string universal_newlines(std::string text) {
  if (text.find('\r') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r')
      out += text[i];
    else if (i + 1 >= text.size() || text[i + 1] != '\n')
      out += '\n';
  }
  return out;
}
}  // namespace

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(universal_newlines(std::move(text))) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n' && i + 1 < text_.size()) line_starts_.push_back(i + 1);
}

const SourceFile* SourceFile::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("cannot read file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return from_string(path, ss.str());
}

const SourceFile* SourceFile::from_string(std::string name, std::string text) {
  std::lock_guard<std::mutex> lock(g_mutex);
  registry().push_back(std::unique_ptr<SourceFile>(new SourceFile(std::move(name), std::move(text))));
  return registry().back().get();
}

std::string_view SourceFile::line(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t start = line_starts_[line - 1];
  size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  return std::string_view(text_).substr(start, end - start);
}

std::string SourceLoc::str() const {
  if (!valid()) return "<unknown>";
  return file->path() + ":" + std::to_string(line) + ":" + std::to_string(col);
}

std::string SourceLoc::short_str() const {
  if (!valid()) return "<unknown>";
  const std::string& p = file->path();
  size_t slash = p.find_last_of('/');
  return (slash == std::string::npos ? p : p.substr(slash + 1)) + ":" + std::to_string(line);
}

}  // namespace nki

// Formatting of user-facing diagnostics: location, message, source line, caret, call chain.
#include "support/diagnostics.h"

namespace nki {

std::string format_diagnostic(const SourceLoc& loc, const std::string& kind, const std::string& message) {
  if (!loc.valid()) return kind + ": " + message + "\n";
  std::string out = loc.str() + ": " + kind + ": " + message + "\n";
  std::string_view line = loc.file->line(loc.line);
  if (!line.empty()) {
    out += "    ";
    out += line;
    out += "\n    ";
    // Keep tabs so the caret lines up under the same column in a terminal.
    for (int i = 1; i < loc.col && i <= static_cast<int>(line.size()); ++i)
      out += line[i - 1] == '\t' ? '\t' : ' ';
    out += "^\n";
  }
  return out;
}

const char* error_class_name(ErrorClass c) {
  switch (c) {
    case ErrorClass::general: return "general";
    case ErrorClass::syntax: return "syntax";
    case ErrorClass::type: return "type";
    case ErrorClass::assertion: return "assertion";
    case ErrorClass::validation: return "validation";
    case ErrorClass::runtime: return "runtime";
  }
  return "general";
}

std::string UserError::format() const {
  std::string out = format_diagnostic(loc_, kind_, message_);
  // Innermost call first, as a reader walks back from the failing line to the kernel.
  for (auto it = call_chain_.rbegin(); it != call_chain_.rend(); ++it)
    out += format_diagnostic(*it, "note", "called from here");
  return out;
}

}  // namespace nki

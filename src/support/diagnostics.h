// Errors. A UserError is the user's problem (bad kernel, bad argument, violated hardware rule)
// and carries the location and call chain to show; an InternalError is our bug. Nothing on a
// user-input path may assert or crash: it throws UserError.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "support/source.h"

namespace nki {

// What kind of user error this is, for hosts that map errors to their own types (the Python
// package raises SyntaxError, TypeError, AssertionError, nki.isa.NkiValidationError, ...).
// The message text does not depend on it.
enum class ErrorClass {
  general,     // any other problem in the kernel or its arguments
  syntax,      // the file does not parse (lexer, parser)
  type,        // a call with wrong arguments: count, unexpected keyword, missing, wrong type
  assertion,   // a kernel `assert` failed
  validation,  // a hardware rule of the target is violated (verifier, allocation)
  runtime,     // a fault while simulating (out-of-bounds access, ...)
};
const char* error_class_name(ErrorClass c);

class UserError : public std::runtime_error {
 public:
  explicit UserError(std::string message) : std::runtime_error(message), message_(std::move(message)) {}
  UserError(SourceLoc loc, std::string message)
      : std::runtime_error(message), message_(std::move(message)), loc_(loc) {}

  const std::string& message() const { return message_; }
  const SourceLoc& loc() const { return loc_; }
  // Call sites through which the error location was reached, outermost first (the kernel's
  // line first, the helper's line last). Filled in as the error unwinds through inlined calls.
  const std::vector<SourceLoc>& call_chain() const { return call_chain_; }
  void set_loc_if_missing(SourceLoc loc) {
    if (!loc_.valid()) loc_ = loc;
  }
  void set_call_chain(std::vector<SourceLoc> chain) { call_chain_ = std::move(chain); }
  // Kind label printed after the location: "error" by default.
  void set_kind(std::string kind) { kind_ = std::move(kind); }
  const std::string& kind() const { return kind_; }
  ErrorClass error_class() const { return class_; }
  void set_error_class(ErrorClass c) { class_ = c; }

  // The full one-screen message:
  //   path:line:col: error: message
  //       source line
  //       ^
  //   path:line:col: note: called from here     (for each inlined call, innermost first)
  std::string format() const;

 private:
  std::string message_;
  SourceLoc loc_;
  std::vector<SourceLoc> call_chain_;
  std::string kind_ = "error";
  ErrorClass class_ = ErrorClass::general;
};

class InternalError : public std::logic_error {
 public:
  explicit InternalError(const std::string& message) : std::logic_error("internal error: " + message) {}
};

// Throws InternalError when `cond` is false. For invariants of our own code only.
#define NKI_CHECK(cond, msg)                                                                           \
  do {                                                                                                 \
    if (!(cond))                                                                                       \
      throw ::nki::InternalError(std::string(__FILE__ ":") + std::to_string(__LINE__) + ": " + (msg)); \
  } while (0)

// Formats "path:line:col: <kind>: message" plus the source line and a caret under `loc.col`.
std::string format_diagnostic(const SourceLoc& loc, const std::string& kind, const std::string& message);

}  // namespace nki

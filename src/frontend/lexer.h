// The tokenizer: Python tokens with INDENT/DEDENT, implicit line joining inside brackets,
// backslash continuation, comments, string prefixes (r, b, f, and combinations), triple quotes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/source.h"

namespace nki {

enum class Tok : uint8_t {
  Name, Int, Float, String, FString,  // FString: the raw body of an f-string, parsed by the parser
  Op,                                  // operators and delimiters; text holds the spelling
  Newline, Indent, Dedent, End,
};

struct Token {
  Tok kind;
  std::string text;   // Name: identifier; Op: "+", "**=", "(", ...; String/FString: decoded value
  int64_t int_value = 0;
  double float_value = 0;
  SourceLoc loc;
  // For FString: loc of the first character of the body (after the quote), so expressions
  // inside can be located exactly.
  SourceLoc body_loc;
};

// Tokenizes the whole file. Throws UserError on bad characters, unterminated strings,
// inconsistent dedents, or unbalanced brackets.
std::vector<Token> tokenize(const SourceFile* file);

}  // namespace nki

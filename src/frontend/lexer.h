// The tokenizer: Python tokens with INDENT/DEDENT, implicit line joining inside brackets,
// backslash continuation, comments, string prefixes (r, b, f, and combinations), triple quotes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/source.h"

namespace nki {

enum class Tok : uint8_t {
  Name,
  Int,
  Float,
  String,
  FString,  // FString: the raw body of an f-string, parsed by the parser
  Op,       // operators and delimiters; text holds the spelling
  Newline,
  Indent,
  Dedent,
  End,
};

struct Token {
  Tok kind;
  std::string text;  // Name: identifier; Op: "+", "**=", "(", ...; String/FString: decoded value
  int64_t int_value = 0;
  double float_value = 0;
  SourceLoc loc;
  // For FString: loc of the first character of the body (after the quote), so expressions
  // inside can be located exactly.
  SourceLoc body_loc;
  // For String/FString: the literal had a b (bytes) or r (raw) prefix. A raw FString's literal
  // parts are not escape-decoded by the parser.
  bool is_bytes = false;
  bool is_raw = false;
};

// Tokenizes the whole file. Throws UserError on bad characters, unterminated strings,
// inconsistent dedents, or unbalanced brackets.
std::vector<Token> tokenize(const SourceFile* file);

// Tokenizes lines `first`..`last` (1-based, inclusive) of `file`: one statement of a module, e.g.
// a nested function's def. The first line's indentation is the base level (no INDENT for it);
// locations are exact file positions.
std::vector<Token> tokenize_lines(const SourceFile* file, int first, int last);

// Tokenizes `text`, a piece of `file` that starts at `start` (the expression inside an f-string
// replacement field), as if it were inside brackets: newlines are ignored and no
// NEWLINE/INDENT/DEDENT is produced. Ends with an End token. Locations are exact file positions.
std::vector<Token> tokenize_fragment(const SourceFile* file, std::string_view text, SourceLoc start);

// Decodes backslash escapes of a non-raw string body (`raw` starts at `start`): \n \t \\ \' \"
// \xHH, octal \ooo, \uHHHH and \UHHHHHHHH (encoded as UTF-8 unless `is_bytes`), line
// continuation. Unknown escapes are kept as written, like Python. \r\n becomes \n.
std::string decode_escapes(std::string_view raw, SourceLoc start, bool is_bytes);

// Python's hard keywords (if, def, None, ...): never names.
bool is_keyword(std::string_view word);

}  // namespace nki

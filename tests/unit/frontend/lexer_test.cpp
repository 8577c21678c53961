// Tokenizer tests: token kinds and values, INDENT/DEDENT, line joining, numbers, strings.
#include <gtest/gtest.h>

#include "frontend_test_util.h"

namespace nki::test {
namespace {

TEST(Lexer, SimpleStatement) {
  EXPECT_EQ(token_list("x = 1\n"), "NAME:x OP:= INT:1 NEWLINE END");
  EXPECT_EQ(token_list("x = 1"), "NAME:x OP:= INT:1 NEWLINE END");  // no final newline
  EXPECT_EQ(token_list(""), "END");
  EXPECT_EQ(token_list("\n\n# only a comment\n   \n"), "END");
}

TEST(Lexer, IndentDedent) {
  EXPECT_EQ(token_list("if a:\n  b\nc\n"),
            "NAME:if NAME:a OP:: NEWLINE INDENT NAME:b NEWLINE DEDENT NAME:c NEWLINE END");
  // Nested blocks closing at once, and at the end of file.
  EXPECT_EQ(token_list("a:\n b:\n  c\nd\n"),
            "NAME:a OP:: NEWLINE INDENT NAME:b OP:: NEWLINE INDENT NAME:c NEWLINE DEDENT DEDENT NAME:d "
            "NEWLINE END");
  EXPECT_EQ(token_list("a:\n b:\n  c"),
            "NAME:a OP:: NEWLINE INDENT NAME:b OP:: NEWLINE INDENT NAME:c NEWLINE DEDENT DEDENT END");
}

TEST(Lexer, BlankAndCommentLinesKeepIndentation) {
  EXPECT_EQ(token_list("a:\n  b\n\n# c\n      # deeper comment\n  d  # trailing\n"),
            "NAME:a OP:: NEWLINE INDENT NAME:b NEWLINE NAME:d NEWLINE DEDENT END");
}

TEST(Lexer, TabsCountToMultiplesOfEight) {
  // A tab then a space is column 9; eight spaces then a tab is column 16... both consistently.
  EXPECT_EQ(token_list("a:\n\tb\n\tc\n"),
            "NAME:a OP:: NEWLINE INDENT NAME:b NEWLINE NAME:c NEWLINE DEDENT END");
  EXPECT_EQ(error_of("if a:\n\tb\n        c\n"), "3:9: inconsistent use of tabs and spaces in indentation");
}

// Line ends are CPython's universal newlines: "\r\n" and a lone "\r" both end a line, so lines,
// columns and string contents are the ones CPython reports.
TEST(Lexer, CrLfAndLoneCrLineEnds) {
  EXPECT_EQ(token_list("if a:\r\n  b\r\n"), "NAME:if NAME:a OP:: NEWLINE INDENT NAME:b NEWLINE DEDENT END");
  EXPECT_EQ(token_list("if a:\r  b\rc"),
            "NAME:if NAME:a OP:: NEWLINE INDENT NAME:b NEWLINE DEDENT NAME:c NEWLINE END");
  const SourceFile* f = source("x = 1\ry = 2\r\nz = 3");
  EXPECT_EQ(f->line_count(), 3);
  EXPECT_EQ(f->line(2), "y = 2");
  EXPECT_EQ(tokenize(f)[4].loc.line, 2);  // y
  EXPECT_EQ(tokenize(source("'''a\rb'''"))[0].text, "a\nb");
  EXPECT_EQ(tokenize(source("r'a\\\rb'"))[0].text, "a\\\nb");
}

TEST(Lexer, ImplicitAndExplicitLineJoining) {
  EXPECT_EQ(token_list("f(a,\n    b)\n"), "NAME:f OP:( NAME:a OP:, NAME:b OP:) NEWLINE END");
  EXPECT_EQ(token_list("x = [1,  # one\n\n  2]\n"), "NAME:x OP:= OP:[ INT:1 OP:, INT:2 OP:] NEWLINE END");
  EXPECT_EQ(token_list("x = 1 + \\\n    2\n"), "NAME:x OP:= INT:1 OP:+ INT:2 NEWLINE END");
  EXPECT_EQ(token_list("d = {\n'a':\n1}\n"), "NAME:d OP:= OP:{ STR:a OP:: INT:1 OP:} NEWLINE END");
}

TEST(Lexer, Operators) {
  EXPECT_EQ(
      token_list("a **= b //= c >>= d <<= e -> f := g @ h @= ..."),
      "NAME:a OP:**= NAME:b OP://= NAME:c OP:>>= NAME:d OP:<<= NAME:e OP:-> NAME:f OP::= NAME:g OP:@ NAME:h "
      "OP:@= OP:... NEWLINE END");
  EXPECT_EQ(token_list("a<=b!=c==d>=e<f>g%h^i|j&k~l"),
            "NAME:a OP:<= NAME:b OP:!= NAME:c OP:== NAME:d OP:>= NAME:e OP:< NAME:f OP:> NAME:g OP:% NAME:h "
            "OP:^ NAME:i OP:| NAME:j OP:& NAME:k OP:~ NAME:l NEWLINE END");
  EXPECT_EQ(token_list("a.b;c"), "NAME:a OP:. NAME:b OP:; NAME:c NEWLINE END");
}

TEST(Lexer, Integers) {
  EXPECT_EQ(token_list("0 7 1_000 0x_fF 0XFF 0o17 0b1010 0B1_1 000"),
            "INT:0 INT:7 INT:1000 INT:255 INT:255 INT:15 INT:10 INT:3 INT:0 NEWLINE END");
  EXPECT_EQ(token_list("9223372036854775807"), "INT:9223372036854775807 NEWLINE END");
  EXPECT_EQ(error_of("x = 9223372036854775808\n"), "1:5: integer literal too large");
  EXPECT_EQ(error_of("x = 0x\n"), "1:5: invalid hexadecimal literal");
  EXPECT_EQ(error_of("x = 0b102\n"), "1:5: invalid binary literal");
  EXPECT_EQ(error_of("x = 1__0\n"), "1:5: invalid decimal literal");
  EXPECT_EQ(error_of("x = 10_\n"), "1:5: invalid decimal literal");
  EXPECT_EQ(error_of("x = 12abc\n"), "1:5: invalid decimal literal");
  EXPECT_EQ(error_of("x = 3j\n"), "1:5: complex literals are not supported");
}

TEST(Lexer, Floats) {
  auto toks = tokenize(source("1.0 1e-3 .5 5. 1_0.2_5 2E+2 1.5e3"));
  std::vector<double> want = {1.0, 1e-3, 0.5, 5.0, 10.25, 200.0, 1500.0};
  ASSERT_EQ(toks.size(), want.size() + 2);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(toks[i].kind, Tok::Float) << i;
    EXPECT_DOUBLE_EQ(toks[i].float_value, want[i]) << i;
  }
  // `1.e` is not an exponent, and `x.5` is not how attributes work: these are errors.
  EXPECT_EQ(error_of("x = 1e\n"), "1:5: invalid decimal literal");
}

TEST(Lexer, StringsAndEscapes) {
  EXPECT_EQ(token_list(R"('a' "b" '''c
d''' """e""")"),
            "STR:a STR:b STR:c\nd STR:e NEWLINE END");
  auto toks = tokenize(source(R"X("\n\t\\\'\"\x41\101\u00e9\U0001F600\q" r"\n\q" R'\'' u'x')X"));
  EXPECT_EQ(toks[0].text, "\n\t\\'\"AA\xC3\xA9\xF0\x9F\x98\x80\\q");
  EXPECT_EQ(toks[1].text, "\\n\\q");
  EXPECT_TRUE(toks[1].is_raw);
  EXPECT_EQ(toks[2].text, "\\'");
  EXPECT_EQ(toks[3].text, "x");
  // Backslash-newline inside a string continues it.
  EXPECT_EQ(tokenize(source("'a\\\nb'"))[0].text, "ab");
  EXPECT_EQ(tokenize(source("'''a\r\nb'''"))[0].text, "a\nb");
}

TEST(Lexer, StringPrefixes) {
  auto toks = tokenize(source("b'x' rb'\\n' Br'y' f'{a}' RF'\\{b}' fr'c' F\"d\""));
  EXPECT_EQ(toks[0].kind, Tok::String);
  EXPECT_TRUE(toks[0].is_bytes);
  EXPECT_EQ(toks[1].text, "\\n");
  EXPECT_TRUE(toks[1].is_bytes && toks[1].is_raw);
  EXPECT_TRUE(toks[2].is_bytes && toks[2].is_raw);
  EXPECT_EQ(toks[3].kind, Tok::FString);
  EXPECT_EQ(toks[3].text, "{a}");  // f-string bodies stay raw for the parser
  EXPECT_EQ(toks[4].kind, Tok::FString);
  EXPECT_TRUE(toks[4].is_raw);
  EXPECT_EQ(toks[4].text, "\\{b}");
  EXPECT_EQ(toks[5].kind, Tok::FString);
  EXPECT_EQ(toks[6].kind, Tok::FString);
  // A name that merely looks like a prefix is a name.
  EXPECT_EQ(token_list("rb + fx"), "NAME:rb OP:+ NAME:fx NEWLINE END");
}

TEST(Lexer, FStringBodyLocation) {
  auto toks = tokenize(source("x = f'''{a}'''"));
  EXPECT_EQ(toks[2].loc.col, 5);
  EXPECT_EQ(toks[2].body_loc.col, 9);
}

TEST(Lexer, TokenLocations) {
  auto toks = tokenize(source("def f(x):\n    return x  # c\n"));
  // def f ( x ) : NEWLINE INDENT return x NEWLINE DEDENT END
  ASSERT_EQ(toks.size(), 13u);
  EXPECT_EQ(toks[1].loc.line, 1);
  EXPECT_EQ(toks[1].loc.col, 5);
  EXPECT_EQ(toks[6].kind, Tok::Newline);
  EXPECT_EQ(toks[6].loc.col, 10);
  EXPECT_EQ(toks[7].kind, Tok::Indent);
  EXPECT_EQ(toks[7].loc.line, 2);
  EXPECT_EQ(toks[7].loc.col, 5);
  EXPECT_EQ(toks[9].loc.col, 12);
}

TEST(Lexer, UnicodeIdentifiersAndBadCharacters) {
  EXPECT_EQ(token_list("\xCF\x80 = 3"), "NAME:\xCF\x80 OP:= INT:3 NEWLINE END");  // π
  EXPECT_EQ(error_of("x = a \xE2\x86\x92 b\n"), "1:7: invalid character '\xE2\x86\x92' (U+2192)");
  EXPECT_EQ(error_of("x = a ? b\n"), "1:7: unexpected character '?'");
  EXPECT_EQ(error_of("x = a ! b\n"), "1:7: unexpected character '!'");
  EXPECT_EQ(error_of("x = `a`\n"), "1:5: unexpected character '`'");
}

TEST(Lexer, Errors) {
  EXPECT_EQ(error_of("x = 'abc\ny = 1\n"), "1:5: unterminated string literal (detected at line 1)");
  EXPECT_EQ(error_of("x = 1\ns = \"\"\"abc\n\n"),
            "2:5: unterminated triple-quoted string literal (detected at line 4)");
  EXPECT_EQ(error_of("x = (1,\n 2\n"), "1:5: '(' was never closed");
  EXPECT_EQ(error_of("x = [1, 2)\n"), "1:10: closing parenthesis ')' does not match opening parenthesis '['");
  EXPECT_EQ(error_of("x = [1,\n 2)\n"),
            "2:3: closing parenthesis ')' does not match opening parenthesis '[' on line 1");
  EXPECT_EQ(error_of("x = 1]\n"), "1:6: unmatched ']'");
  EXPECT_EQ(error_of("x = 1 \\ 2\n"), "1:7: unexpected character after line continuation character");
  EXPECT_EQ(error_of("x = 1 \\"), "1:7: unexpected EOF after line continuation character");
  EXPECT_EQ(error_of("if a:\n    b\n  c\n"), "3:3: unindent does not match any outer indentation level");
  EXPECT_EQ(error_of("x = '\\x4'\n"), "1:6: truncated \\xXX escape");
  EXPECT_EQ(error_of("x = 'ab\\u12'\n"), "1:8: truncated \\uXXXX escape");
  EXPECT_EQ(error_of("x = '\\N{DASH}'\n"), "1:6: \\N{...} escapes are not supported");
  EXPECT_EQ(error_of("x = 1\x01\n"), "1:6: invalid non-printable character U+0001");
}

}  // namespace
}  // namespace nki::test

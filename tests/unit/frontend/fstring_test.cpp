// f-strings and string concatenation: literal parts, fields with conversions and nested format
// specs, self-documenting `=`, escapes, and the exact locations of expressions inside fields.
#include <gtest/gtest.h>

#include "frontend_test_util.h"

namespace nki::test {
namespace {

TEST(FString, Parts) {
  struct Case {
    const char* source;
    const char* dump;
  } cases[] = {
      {"f''", "(fstr)"},
      {"f'abc'", "(fstr 'abc')"},
      {"f'a{x}b'", "(fstr 'a' (fmt x) 'b')"},
      {"f'{x}{y}'", "(fstr (fmt x) (fmt y))"},
      {"f'{x!r} {y!s} {z!a}'", "(fstr (fmt x !r) ' ' (fmt y !s) ' ' (fmt z !a))"},
      {"f'{x:>10}'", "(fstr (fmt x (fstr '>10')))"},
      {"f'{x!r:^5}'", "(fstr (fmt x !r (fstr '^5')))"},
      {"f'{x:{w}.{p}f}'", "(fstr (fmt x (fstr (fmt w) '.' (fmt p) 'f')))"},
      {"f'{x:}'", "(fstr (fmt x (fstr)))"},
      {"f'{{a}} {{{b}}}'", "(fstr '{a} {' (fmt b) '}')"},
      {"f'{x=}'", "(fstr 'x=' (fmt x !r))"},
      {"f'{x = }'", "(fstr 'x = ' (fmt x !r))"},
      {"f'{x=!s}'", "(fstr 'x=' (fmt x !s))"},
      {"f'{x=:.2f}'", "(fstr 'x=' (fmt x (fstr '.2f')))"},
      {"f'{a[\"k\"]}'", "(fstr (fmt (sub a 'k')))"},
      {"f'{a != b} {a == b} {a <= b} {a >= b}'",
       "(fstr (fmt (cmp a != b)) ' ' (fmt (cmp a == b)) ' ' (fmt (cmp a <= b)) ' ' (fmt (cmp a >= b)))"},
      {"f'{ {\"b\": 1}[\"b\"] }'", "(fstr (fmt (sub (dict ('b' 1)) 'b')))"},
      {"f'{a, b}'", "(fstr (fmt (tuple a b)))"},
      {"f'{x[1:2]}'", "(fstr (fmt (sub x (slice 1 2 _))))"},
      {"f'{(lambda y: y)(1)}'", "(fstr (fmt (call (lambda (y) y) 1)))"},
      {"f'{f\"{x}\"}'", "(fstr (fmt (fstr (fmt x))))"},
      {"f'\\n{x}\\t\\x41'", "(fstr '\\n' (fmt x) '\\tA')"},
      {"rf'\\n{x}'", "(fstr '\\\\n' (fmt x))"},
      {"f'''{\nx\n}'''", "(fstr (fmt x))"},
      {"f'{\"}\"}'", "(fstr (fmt '}'))"},
  };
  for (const auto& c : cases) EXPECT_EQ(dump_expr(c.source), c.dump) << "source: " << c.source;
}

TEST(FString, Concatenation) {
  EXPECT_EQ(dump_expr("'a' f'{b}' 'c'"), "(fstr 'a' (fmt b) 'c')");
  EXPECT_EQ(dump_expr("f'a' 'b' f'c'"), "(fstr 'abc')");
  EXPECT_EQ(dump_expr("f'{a}' f'{b}'"), "(fstr (fmt a) (fmt b))");
  EXPECT_EQ(dump_expr("('x = '\n f'{x}'\n ' end')"), "(fstr 'x = ' (fmt x) ' end')");
  EXPECT_EQ(dump_expr("'a' 'b'"), "'ab'");
}

TEST(FString, FieldConventions) {
  auto m = parse("s = f'{v!r:{w}}'\n");
  const ast::Expr& f = *m->body[0]->value;
  ASSERT_EQ(f.kind, ast::ExprKind::FString);
  ASSERT_EQ(f.elts.size(), 1u);
  const ast::Expr& field = *f.elts[0];
  ASSERT_EQ(field.kind, ast::ExprKind::FormattedValue);
  EXPECT_EQ(field.conversion, 'r');
  EXPECT_EQ(field.a->id, "v");
  ASSERT_TRUE(field.b);
  EXPECT_EQ(field.b->kind, ast::ExprKind::FString);
  ASSERT_EQ(field.b->elts.size(), 1u);
  EXPECT_EQ(field.b->elts[0]->a->id, "w");
}

TEST(FString, Locations) {
  auto m = parse("x = f'ab{yy + 1}'\n");
  const ast::Expr& f = *m->body[0]->value;
  EXPECT_EQ(f.loc.col, 5);
  EXPECT_EQ(f.elts[0]->loc.col, 7);  // 'ab'
  EXPECT_EQ(f.elts[1]->loc.col, 9);  // {
  const ast::Expr& sum = *f.elts[1]->a;
  EXPECT_EQ(sum.loc.col, 10);     // yy
  EXPECT_EQ(sum.b->loc.col, 15);  // 1

  auto n = parse("x = 1\ny = f'''a\n  {b:{c}}'''\n");
  const ast::Expr& g = *n->body[1]->value;
  const ast::Expr& field = *g.elts[1];
  EXPECT_EQ(field.loc.line, 3);
  EXPECT_EQ(field.loc.col, 3);
  EXPECT_EQ(field.a->loc.line, 3);
  EXPECT_EQ(field.a->loc.col, 4);
  EXPECT_EQ(field.b->elts[0]->a->loc.col, 7);  // c
}

TEST(FString, Errors) {
  EXPECT_EQ(error_of("s = f'{x!z}'\n"),
            "1:10: f-string: invalid conversion character 'z': expected 's', 'r', or 'a'");
  EXPECT_EQ(error_of("s = f'{x!}'\n"), "1:9: f-string: missing conversion character");
  EXPECT_EQ(error_of("s = f'a}b'\n"), "1:8: f-string: single '}' is not allowed");
  EXPECT_EQ(error_of("s = f'{}'\n"), "1:7: f-string: empty expression not allowed");
  EXPECT_EQ(error_of("s = f'{ }'\n"), "1:7: f-string: empty expression not allowed");
  EXPECT_EQ(error_of("s = f'{x'\n"), "1:7: f-string: expecting '}'");
  EXPECT_EQ(error_of("s = f'{x!r'\n"), "1:11: f-string: expecting '}'");
  EXPECT_EQ(error_of("s = f'{a b}'\n"), "1:10: invalid syntax");
  EXPECT_EQ(error_of("s = f'{x)}'\n"), "1:9: f-string: unmatched ')'");
  EXPECT_EQ(error_of("s = f'{x #}'\n"), "1:10: f-string expression part cannot include '#'");
  EXPECT_EQ(error_of("s = f'{a[\"k]}'\n"), "1:10: f-string: unterminated string");
  EXPECT_EQ(error_of("s = 'a' b'b'\n"), "1:9: cannot mix bytes and nonbytes literals");
  EXPECT_EQ(error_of("s = b'b'\n"), "1:5: bytes literals are not supported");
}

}  // namespace
}  // namespace nki::test

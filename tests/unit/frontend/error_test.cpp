// Syntax errors: each message and its line:col. Every bad input must be a UserError at the
// offending token, never a crash.
#include <gtest/gtest.h>

#include "frontend_test_util.h"

namespace nki::test {
namespace {

struct Case {
  const char* source;
  const char* error;
};

TEST(Errors, Blocks) {
  Case cases[] = {
      {"if x:\nfoo()\n", "2:1: expected an indented block after 'if' statement on line 1"},
      {"x = 1\n\nif x:\n\n  # c\ny\n", "6:1: expected an indented block after 'if' statement on line 3"},
      {"if x:\n  a\nelif y:\nb\n", "4:1: expected an indented block after 'elif' statement on line 3"},
      {"if x:\n  a\nelse:\nb\n", "4:1: expected an indented block after 'else' statement on line 3"},
      {"def f():\nreturn\n", "2:1: expected an indented block after function definition on line 1"},
      {"class C:\n", "2:1: expected an indented block after class definition on line 1"},
      {"for i in r:\nx\n", "2:1: expected an indented block after 'for' statement on line 1"},
      {"while x:\nx\n", "2:1: expected an indented block after 'while' statement on line 1"},
      {"with x:\nx\n", "2:1: expected an indented block after 'with' statement on line 1"},
      {"try:\nx\n", "2:1: expected an indented block after 'try' statement on line 1"},
      {"try:\n  x\nexcept:\nx\n", "4:1: expected an indented block after 'except' statement on line 3"},
      {"try:\n  x\nfinally:\nx\n", "4:1: expected an indented block after 'finally' statement on line 3"},
      {"try:\n  x\ny = 1\n", "3:1: expected 'except' or 'finally' block"},
      {"x = 1\n  y = 2\n", "2:3: unexpected indent"},
      {"  x = 1\n", "1:3: unexpected indent"},
      {"if x:\n    a\n  b\n", "3:3: unindent does not match any outer indentation level"},
      {"if x\n  a\n", "1:5: expected ':'"},
      {"def f()\n  a\n", "1:8: expected ':'"},
      {"for x in y\n  a\n", "1:11: expected ':'"},
      {"while x = 1:\n  a\n", "1:9: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
      {"else:\n  a\n", "1:1: invalid syntax"},
      {"@dec\nx = 1\n", "2:1: expected 'def' or 'class' after decorator"},
      {"def f(:)\n  a\n", "1:7: invalid syntax"},
      {"def 1(): pass\n", "1:5: invalid syntax"},
      {"def f: pass\n", "1:6: expected '('"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.source), c.error) << "source: " << c.source;
}

TEST(Errors, Targets) {
  Case cases[] = {
      {"f() = 1\n", "1:1: cannot assign to function call"},
      {"x = f() = 1\n", "1:5: cannot assign to function call"},
      {"1 = x\n", "1:1: cannot assign to literal"},
      {"None = 1\n", "1:1: cannot assign to None"},
      {"True = 1\n", "1:1: cannot assign to True"},
      {"a + b = 1\n", "1:1: cannot assign to expression"},
      {"a, f() = 1, 2\n", "1:4: cannot assign to function call"},
      {"(a, [b, 1]) = x\n", "1:9: cannot assign to literal"},
      {"a < b = 1\n", "1:1: cannot assign to comparison"},
      {"x if y else z = 1\n", "1:1: cannot assign to conditional expression"},
      {"lambda: 1 = x\n", "1:1: cannot assign to lambda"},
      {"[x for x in y] = 1\n", "1:1: cannot assign to list comprehension"},
      {"{} = 1\n", "1:1: cannot assign to dict literal"},
      {"f'' = 1\n", "1:1: cannot assign to f-string expression"},
      {"*a = x\n", "1:1: starred assignment target must be in a list or tuple"},
      {"*a, *b = x\n", "1:5: multiple starred expressions in assignment"},
      {"a, b += 1\n", "1:1: 'tuple' is an illegal expression for augmented assignment"},
      {"f() += 1\n", "1:1: 'function call' is an illegal expression for augmented assignment"},
      {"a, b: int = 1\n", "1:1: only single target (not tuple) can be annotated"},
      {"[a]: int\n", "1:1: only single target (not list) can be annotated"},
      {"f(): int\n", "1:1: illegal target for annotation"},
      {"for f() in x: pass\n", "1:5: cannot assign to function call"},
      {"with a as f(): pass\n", "1:11: cannot assign to function call"},
      {"del f()\n", "1:5: cannot delete function call"},
      {"del *a, b\n", "1:5: invalid syntax"},
      {"[x for 1 in y]\n", "1:8: cannot assign to literal"},
      {"*a\n", "1:1: can't use starred expression here"},
      {"x = (*a)\n", "1:6: cannot use starred expression here"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.source), c.error) << "source: " << c.source;
}

TEST(Errors, CallsAndParameters) {
  Case cases[] = {
      {"f(a=1, b)\n", "1:8: positional argument follows keyword argument"},
      {"f(**k, b)\n", "1:8: positional argument follows keyword argument unpacking"},
      {"f(**k, *a)\n", "1:8: iterable argument unpacking follows keyword argument unpacking"},
      {"f(a=1, a=2)\n", "1:8: keyword argument repeated: a"},
      {"f(a.b=1)\n", "1:3: expression cannot contain assignment, perhaps you meant \"==\"?"},
      {"f(x for x in y, 1)\n", "1:3: Generator expression must be parenthesized"},
      {"f(1, x for x in y)\n", "1:6: Generator expression must be parenthesized"},
      {"class C(x for x in y): pass\n", "1:9: Generator expression must be parenthesized"},
      {"f(a b)\n", "1:5: invalid syntax"},
      {"def f(a=1, b): pass\n", "1:12: parameter without a default follows parameter with a default"},
      {"def f(a, a): pass\n", "1:10: duplicate argument 'a' in function definition"},
      {"def f(a, /, b): pass\n", "1:10: positional-only parameters ('/') are not supported"},
      {"def f(*): pass\n", "1:7: named arguments must follow bare *"},
      {"def f(*, **k): pass\n", "1:7: named arguments must follow bare *"},
      {"def f(*a, *b): pass\n", "1:11: * argument may appear only once"},
      {"def f(**k, a): pass\n", "1:12: arguments cannot follow var-keyword argument"},
      {"def f(*a=1): pass\n", "1:9: var-positional argument cannot have default value"},
      {"def f(**a=1): pass\n", "1:10: var-keyword argument cannot have default value"},
      {"lambda x: int: x\n", "1:1: illegal target for annotation"},
      {"f(lambda x: int: x)\n", "1:16: invalid syntax"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.source), c.error) << "source: " << c.source;
}

TEST(Errors, Expressions) {
  Case cases[] = {
      {"x = 1 +\n", "1:8: invalid syntax"},
      {"x = (1 +)\n", "1:9: invalid syntax"},
      {"x y\n", "1:3: invalid syntax"},
      {"x = a if b\n", "1:11: expected 'else' after 'if' expression"},
      {"x = {1, 2}\n", "1:5: set literals are not supported"},
      {"x = {a for a in b}\n", "1:5: set comprehensions are not supported"},
      {"x = {*a}\n", "1:5: set literals are not supported"},
      {"x = {'a': 1, 2}\n", "1:15: expected ':'"},
      {"if (n := 10): pass\n", "1:7: assignment expressions (':=') are not supported"},
      {"x = yield 1\n", "1:5: 'yield' is not supported"},
      {"x = await f()\n", "1:5: 'await' is not supported"},
      {"async def f(): pass\n", "1:1: 'async' is not supported"},
      {"x = a[]\n", "1:7: invalid syntax"},
      {"x = a.1\n", "1:6: invalid syntax"},
      {"x = a.if\n", "1:7: invalid syntax"},
      {"x = class\n", "1:5: invalid syntax"},
      {"x = [*a for a in b]\n", "1:6: iterable unpacking cannot be used in comprehension"},
      {"x = not\n", "1:8: invalid syntax"},
      {"x = 1 if\n", "1:9: invalid syntax"},
      {"x = [1 2]\n", "1:8: invalid syntax"},
      {"print 'x'\n", "1:7: invalid syntax"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.source), c.error) << "source: " << c.source;
}

TEST(Errors, StatementsInWrongPlaces) {
  Case cases[] = {
      {"return 1\n", "1:1: 'return' outside function"},
      {"class C:\n  return 1\n", "2:3: 'return' outside function"},
      {"break\n", "1:1: 'break' outside loop"},
      {"continue\n", "1:1: 'continue' not properly in loop"},
      {"for x in y:\n  def f():\n    break\n", "3:5: 'break' outside loop"},
      {"nonlocal x\n", "1:1: nonlocal declaration not allowed at module level"},
      {"from x import a,\n", "1:16: trailing comma not allowed without surrounding parentheses"},
      {"from import a\n", "1:6: invalid syntax"},
      {"import a.\n", "1:10: invalid syntax"},
      {"x = 1;;\n", "1:7: invalid syntax"},
      {"try:\n  x\nexcept* E:\n  y\n", "3:7: 'except*' is not supported"},
      {"assert\n", "1:7: invalid syntax"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.source), c.error) << "source: " << c.source;
}

TEST(Errors, LoopsAllowBreakInNestedBlocks) {
  EXPECT_EQ(error_of("def f():\n  while x:\n    if y:\n      break\n    continue\n  return\n"), "no error");
  EXPECT_EQ(error_of("def f():\n  class C:\n    def g(self):\n      return 1\n"), "no error");
}

// Absurd nesting is an error, not a stack overflow (here or in passes that recurse over the tree).
TEST(Errors, NestingLimits) {
  auto rep = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  EXPECT_EQ(error_of("x = " + rep("(", 100) + "1" + rep(")", 100) + "\n"), "no error");
  EXPECT_EQ(error_of("x = " + rep("[", 250) + rep("]", 250) + "\n"), "1:205: too many nested parentheses");
  EXPECT_EQ(error_of("x = 1" + rep(" + 1", 5000) + "\n"), "1:3993: expression or block nesting too deep");
  EXPECT_EQ(error_of("x = " + rep("-", 5000) + "1\n"), "1:1003: expression or block nesting too deep");
  EXPECT_EQ(error_of("x = a" + rep(".b", 5000) + "\n"), "1:1998: expression or block nesting too deep");
  std::string blocks;
  for (int i = 0; i < 120; ++i) blocks += std::string(i, ' ') + "if x:\n";
  blocks += std::string(120, ' ') + "pass\n";
  EXPECT_EQ(error_of(blocks), "102:102: too many levels of indentation");
}

// Truncations of a valid kernel at every byte must all fail cleanly (or parse), never crash.
TEST(Errors, EveryPrefixFailsCleanly) {
  const std::string text =
      "@nki.jit(mode='x')\n"
      "def k(a, b: int = 2, *r, c, **kw) -> None:\n"
      "    '''doc'''\n"
      "    x = [i ** -2 for i in range(4) if i] + {'a': (1, 2.5e-3)}['a'][0:1, ::2]\n"
      "    s = f'{x!r:>{w}} {y=}' 'tail'\n"
      "    with a as b:\n"
      "        for i, j in z:\n"
      "            if not i and j is not None: continue\n"
      "            elif i: break\n"
      "    return lambda q=1: q if q else -q\n";
  for (size_t n = 0; n <= text.size(); ++n) {
    try {
      parse(text.substr(0, n));
    } catch (const UserError& e) {
      EXPECT_TRUE(e.loc().valid()) << "prefix " << n << ": " << e.message();
    }
  }
}

}  // namespace
}  // namespace nki::test

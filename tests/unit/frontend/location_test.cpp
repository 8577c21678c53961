// Source locations: every node's loc is its first token (see the conventions in ast.h).
#include <gtest/gtest.h>

#include "frontend_test_util.h"

namespace nki::test {
namespace {

#define EXPECT_LOC(node, l, c)       \
  do {                               \
    EXPECT_EQ((node).loc.line, l);   \
    EXPECT_EQ((node).loc.col, c);    \
    EXPECT_TRUE((node).loc.valid()); \
  } while (0)

TEST(Locations, FunctionAndExpressions) {
  auto m = parse(
      "@nki.jit\n"
      "def f(a, b=1, *r, **kw):\n"
      "    x = (a + b) * c\n"
      "    y = foo.bar(1)[2]\n"
      "    return -x\n");
  const ast::Stmt& def = *m->body[0];
  EXPECT_LOC(def, 2, 1);
  EXPECT_LOC(*def.decorators[0], 1, 2);
  EXPECT_LOC(def.params[0], 2, 7);
  EXPECT_LOC(def.params[1], 2, 10);
  EXPECT_LOC(def.params[2], 2, 15);  // the '*'
  EXPECT_LOC(def.params[3], 2, 19);  // the '**'

  const ast::Stmt& assign = *def.body[0];
  EXPECT_LOC(assign, 3, 5);
  EXPECT_LOC(*assign.targets[0], 3, 5);
  const ast::Expr& mult = *assign.value;
  EXPECT_LOC(mult, 3, 9);      // starts at '(' of the left operand
  EXPECT_LOC(*mult.a, 3, 10);  // a + b
  EXPECT_LOC(*mult.a->b, 3, 14);
  EXPECT_LOC(*mult.b, 3, 19);

  const ast::Expr& sub = *def.body[1]->value;
  EXPECT_LOC(sub, 4, 9);
  EXPECT_LOC(*sub.a, 4, 9);     // the call: start of the whole call expression
  EXPECT_LOC(*sub.a->a, 4, 9);  // foo.bar
  EXPECT_LOC(*sub.a->elts[0], 4, 17);
  EXPECT_LOC(*sub.b, 4, 20);

  const ast::Stmt& ret = *def.body[2];
  EXPECT_LOC(ret, 5, 5);
  EXPECT_LOC(*ret.value, 5, 12);
  EXPECT_LOC(*ret.value->a, 5, 13);
}

TEST(Locations, CallsTuplesSlices) {
  auto m = parse(
      "f(k=1, **d)\n"
      "x = 1, 2\n"
      "y = (1, 2)\n"
      "z = a[1:2, :3]\n"
      "w = p < q and r\n");
  const ast::Expr& call = *m->body[0]->value;
  EXPECT_LOC(call.keywords[0], 1, 3);
  EXPECT_LOC(call.keywords[1], 1, 8);
  EXPECT_LOC(*m->body[1]->value, 2, 5);
  EXPECT_LOC(*m->body[2]->value, 3, 5);
  const ast::Expr& index = *m->body[3]->value->b;
  EXPECT_LOC(index, 4, 7);
  EXPECT_LOC(*index.elts[0], 4, 7);
  EXPECT_LOC(*index.elts[1], 4, 12);
  const ast::Expr& boolop = *m->body[4]->value;
  EXPECT_LOC(boolop, 5, 5);
  EXPECT_LOC(*boolop.elts[0], 5, 5);
  EXPECT_LOC(*boolop.elts[1], 5, 15);
}

TEST(Locations, Statements) {
  auto m = parse(
      "import a.b as c\n"
      "from x import (y,\n"
      "    z)\n"
      "if a:\n"
      "    pass\n"
      "elif b:\n"
      "    for i in r:\n"
      "        continue\n"
      "class K:\n"
      "    pass\n");
  EXPECT_LOC(*m->body[0], 1, 1);
  EXPECT_LOC(m->body[0]->names[0], 1, 8);
  EXPECT_LOC(m->body[1]->names[1], 3, 5);
  const ast::Stmt& if_stmt = *m->body[2];
  EXPECT_LOC(if_stmt, 4, 1);
  const ast::Stmt& elif = *if_stmt.orelse[0];
  EXPECT_LOC(elif, 6, 1);
  EXPECT_LOC(*elif.test, 6, 6);
  EXPECT_LOC(*elif.body[0], 7, 5);
  EXPECT_LOC(*elif.body[0]->body[0], 8, 9);
  EXPECT_LOC(*m->body[3], 9, 1);
  EXPECT_EQ(m->body[0]->loc.file, m->file);
}

TEST(Locations, ErrorFormat) {
  try {
    parse("x = 1\ny = (2 +\n     )\n");
    FAIL() << "expected an error";
  } catch (const UserError& e) {
    EXPECT_EQ(e.format(), "test.py:3:6: error: invalid syntax\n         )\n         ^\n");
  }
}

}  // namespace
}  // namespace nki::test

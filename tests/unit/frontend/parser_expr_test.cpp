// Expression parsing: Python's precedence and associativity as a table of source → dump, then
// atoms, displays, calls, subscripts, comprehensions and lambdas.
#include <gtest/gtest.h>

#include "frontend_test_util.h"

namespace nki::test {
namespace {

struct Case {
  const char* source;
  const char* dump;
};

void check_table(const std::vector<Case>& cases) {
  for (const Case& c : cases) EXPECT_EQ(dump_expr(c.source), c.dump) << "source: " << c.source;
}

TEST(ParserExpr, Precedence) {
  check_table({
      {"a + b * c", "(+ a (* b c))"},
      {"a * b + c", "(+ (* a b) c)"},
      {"a - b - c", "(- (- a b) c)"},
      {"a / b // c % d @ e", "(@ (% (// (/ a b) c) d) e)"},
      {"a ** b ** c", "(** a (** b c))"},
      {"-2 ** 2", "(u- (** 2 2))"},
      {"2 ** -1", "(** 2 (u- 1))"},
      {"-a * b", "(* (u- a) b)"},
      {"~a + +b", "(+ (~ a) (u+ b))"},
      {"- - a", "(u- (u- a))"},
      {"a << b + c", "(<< a (+ b c))"},
      {"a & b << c", "(& a (<< b c))"},
      {"a ^ b & c", "(^ a (& b c))"},
      {"a | b ^ c", "(| a (^ b c))"},
      {"a | b < c", "(cmp (| a b) < c)"},
      {"a < b <= c == d != e > f >= g", "(cmp a < b <= c == d != e > f >= g)"},
      {"a in b not in c is d is not e", "(cmp a in b not in c is d is not e)"},
      {"not a == b", "(not (cmp a == b))"},
      {"not not a", "(not (not a))"},
      {"a and not b", "(and a (not b))"},
      {"a or b and c", "(or a (and b c))"},
      {"a and b or c and d", "(or (and a b) (and c d))"},
      {"a or b or c", "(or a b c)"},
      {"a and b and c", "(and a b c)"},
      {"x if a or b else y", "(if (or a b) x y)"},
      {"x if a else y if b else z", "(if a x (if b y z))"},
      {"lambda: a if b else c", "(lambda () (if b a c))"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"a.b.c", "(. (. a b) c)"},
      {"-a.b ** 2", "(u- (** (. a b) 2))"},
      {"a[b](c).d", "(. (call (sub a b) c) d)"},
      {"not a in b", "(not (cmp a in b))"},
      {"a + b if c else d", "(if c (+ a b) d)"},
  });
}

TEST(ParserExpr, Atoms) {
  check_table({
      {"x", "x"},
      {"42", "42"},
      {"0x10", "16"},
      {"1.5", "1.5"},
      {"1e-05", "1e-05"},
      {"2.0", "2.0"},
      {"True", "True"},
      {"False", "False"},
      {"None", "None"},
      {"...", "..."},
      {"'a' \"b\" '''c'''", "'abc'"},
      {"'it\\'s\\n'", "'it\\'s\\n'"},
      {"()", "(tuple)"},
      {"(1,)", "(tuple 1)"},
      {"(1, 2,)", "(tuple 1 2)"},
      {"1, 2", "(tuple 1 2)"},
      {"1,", "(tuple 1)"},
      {"(a)", "a"},
      {"((a, b), c)", "(tuple (tuple a b) c)"},
      {"[]", "(list)"},
      {"[1, [2], *r,]", "(list 1 (list 2) (* r))"},
      {"(*a, b)", "(tuple (* a) b)"},
      {"{}", "(dict)"},
      {"{'a': 1, **d, 'b': 2,}", "(dict ('a' 1) (** d) ('b' 2))"},
  });
}

TEST(ParserExpr, Calls) {
  check_table({
      {"f()", "(call f)"},
      {"f(a, b)", "(call f a b)"},
      {"f(a, k=1, *r, **kw)", "(call f a (* r) (kw k 1) (kw ** kw))"},
      {"f(*a, *b)", "(call f (* a) (* b))"},
      {"f(a,)", "(call f a)"},
      {"nl.ndarray((128, 512), dtype=nl.float32)",
       "(call (. nl ndarray) (tuple 128 512) (kw dtype (. nl float32)))"},
      {"f(x for x in y)", "(call f (genexp x (for x y)))"},
      {"sum(x * 2 for x in range(3) if x)", "(call sum (genexp (* x 2) (for x (call range 3) (if x))))"},
      {"f(a)(b)", "(call (call f a) b)"},
      {"f(a == 1)", "(call f (cmp a == 1))"},
      {"f(lambda x: x)", "(call f (lambda (x) x))"},
  });
}

TEST(ParserExpr, Subscripts) {
  check_table({
      {"a[1]", "(sub a 1)"},
      {"a[i, j]", "(sub a (tuple i j))"},
      {"a[i,]", "(sub a (tuple i))"},
      {"a[:]", "(sub a (slice _ _ _))"},
      {"a[::]", "(sub a (slice _ _ _))"},
      {"a[1:]", "(sub a (slice 1 _ _))"},
      {"a[:2]", "(sub a (slice _ 2 _))"},
      {"a[::2]", "(sub a (slice _ _ 2))"},
      {"a[1:2:3]", "(sub a (slice 1 2 3))"},
      {"a[1:2, ::2]", "(sub a (tuple (slice 1 2 _) (slice _ _ 2)))"},
      {"a[..., 0]", "(sub a (tuple ... 0))"},
      {"a[i * 128:(i + 1) * 128, j]", "(sub a (tuple (slice (* i 128) (* (+ i 1) 128) _) j))"},
      {"a[None, :]", "(sub a (tuple None (slice _ _ _)))"},
      {"a[b][c]", "(sub (sub a b) c)"},
      {"a[*idx]", "(sub a (* idx))"},
  });
}

TEST(ParserExpr, Comprehensions) {
  check_table({
      {"[x for x in y]", "(listcomp x (for x y))"},
      {"[x for x in y if a if b for z in x]", "(listcomp x (for x y (if a) (if b)) (for z x))"},
      {"[i for i, j in p]", "(listcomp i (for (tuple i j) p))"},
      {"[a if c else b for x in y]", "(listcomp (if c a b) (for x y))"},
      {"{k: v for k, v in d.items()}", "(dictcomp k v (for (tuple k v) (call (. d items))))"},
      {"(x for x in y)", "(genexp x (for x y))"},
      {"[x for x in a or b]", "(listcomp x (for x (or a b)))"},
  });
}

TEST(ParserExpr, Lambdas) {
  check_table({
      {"lambda: 0", "(lambda () 0)"},
      {"lambda x: x", "(lambda (x) x)"},
      {"lambda x, y=2: x", "(lambda (x (y = 2)) x)"},
      {"lambda *a, k, **kw: a", "(lambda (*a k **kw) a)"},
      {"lambda *, k: k", "(lambda (* k) k)"},
      {"lambda x: lambda y: x + y", "(lambda (x) (lambda (y) (+ x y)))"},
  });
}

TEST(ParserExpr, ConstantValues) {
  auto m = parse("x = (1, 2.5, 'a', True, None, ...)\n");
  const ast::Expr& t = *m->body[0]->value;
  ASSERT_EQ(t.elts.size(), 6u);
  EXPECT_EQ(t.elts[0]->const_kind, ast::ConstKind::Int);
  EXPECT_EQ(t.elts[0]->int_value, 1);
  EXPECT_EQ(t.elts[1]->const_kind, ast::ConstKind::Float);
  EXPECT_DOUBLE_EQ(t.elts[1]->float_value, 2.5);
  EXPECT_EQ(t.elts[2]->const_kind, ast::ConstKind::Str);
  EXPECT_EQ(t.elts[2]->str_value, "a");
  EXPECT_EQ(t.elts[3]->const_kind, ast::ConstKind::Bool);
  EXPECT_TRUE(t.elts[3]->bool_value);
  EXPECT_EQ(t.elts[4]->const_kind, ast::ConstKind::None);
  EXPECT_EQ(t.elts[5]->const_kind, ast::ConstKind::Ellipsis);
}

TEST(ParserExpr, FieldConventions) {
  auto m = parse("f(a, *b, k=c)[i].attr < d < e\n");
  const ast::Expr& cmp = *m->body[0]->value;
  ASSERT_EQ(cmp.kind, ast::ExprKind::Compare);
  ASSERT_EQ(cmp.elts.size(), 2u);
  EXPECT_EQ(cmp.cmp_ops, (std::vector<ast::CmpOp>{ast::CmpOp::Lt, ast::CmpOp::Lt}));
  const ast::Expr& attr = *cmp.a;
  ASSERT_EQ(attr.kind, ast::ExprKind::Attribute);
  EXPECT_EQ(attr.id, "attr");
  const ast::Expr& sub = *attr.a;
  ASSERT_EQ(sub.kind, ast::ExprKind::Subscript);
  EXPECT_EQ(sub.b->id, "i");
  const ast::Expr& call = *sub.a;
  ASSERT_EQ(call.kind, ast::ExprKind::Call);
  EXPECT_EQ(call.a->id, "f");
  ASSERT_EQ(call.elts.size(), 2u);
  EXPECT_EQ(call.elts[1]->kind, ast::ExprKind::Starred);
  ASSERT_EQ(call.keywords.size(), 1u);
  EXPECT_EQ(call.keywords[0].name, "k");
  EXPECT_EQ(call.keywords[0].value->id, "c");
}

TEST(ParserExpr, OperatorSymbols) {
  EXPECT_STREQ(ast::binary_op_symbol(ast::BinaryOp::FloorDiv), "//");
  EXPECT_STREQ(ast::binary_op_symbol(ast::BinaryOp::MatMult), "@");
  EXPECT_STREQ(ast::cmp_op_symbol(ast::CmpOp::IsNot), "is not");
  EXPECT_STREQ(ast::cmp_op_symbol(ast::CmpOp::NotIn), "not in");
}

}  // namespace
}  // namespace nki::test

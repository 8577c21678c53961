// Statement parsing: every statement kind, compared against the dump (see ast.h for its format).
#include <gtest/gtest.h>

#include "frontend_test_util.h"

namespace nki::test {
namespace {

TEST(ParserStmt, Imports) {
  EXPECT_EQ(dump_module("import numpy as np\n"
                        "import nki, nki.language as nl\n"
                        "from nki.isa import tensor_copy as tc, dma_copy\n"
                        "from . import util\n"
                        "from ..pkg import (a, b as c,)\n"
                        "from ...deep.mod import x\n"
                        "from x import *\n"),
            "Import numpy as np\n"
            "Import nki, nki.language as nl\n"
            "ImportFrom nki.isa import tensor_copy as tc, dma_copy\n"
            "ImportFrom . import util\n"
            "ImportFrom ..pkg import a, b as c\n"
            "ImportFrom ...deep.mod import x\n"
            "ImportFrom x import *\n");
  auto m = parse("from ..pkg.sub import a\n");
  EXPECT_EQ(m->body[0]->level, 2);
  EXPECT_EQ(m->body[0]->module, "pkg.sub");
  EXPECT_EQ(m->body[0]->names[0].name, "a");
}

TEST(ParserStmt, FunctionDef) {
  EXPECT_EQ(dump_module("@nki.jit\n"
                        "@nki.jit(mode='x')\n"
                        "def f(a, b: int, c=1, d: float = 2.0, *args, e, f=3, **kw) -> nl.ndarray:\n"
                        "    return a\n"),
            "@(. nki jit)\n"
            "@(call (. nki jit) (kw mode 'x'))\n"
            "FunctionDef f (a (b : int) (c = 1) (d : float = 2.0) *args e (f = 3) **kw) -> (. nl ndarray)\n"
            "  Return a\n");
  EXPECT_EQ(dump_module("def g(a, *, b, c=1): pass\n"), "FunctionDef g (a * b (c = 1))\n  Pass\n");
  EXPECT_EQ(dump_module("def h(\n    a,\n    b,\n):\n  return\n"), "FunctionDef h (a b)\n  Return\n");
  auto m = parse("def f(a, *, b, **kw): pass\n");
  const auto& params = m->body[0]->params;
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[1].kind, ast::Param::Kind::KwOnlyMarker);
  EXPECT_EQ(params[1].name, "");
  EXPECT_EQ(params[3].kind, ast::Param::Kind::KwArgs);
  EXPECT_EQ(params[3].name, "kw");
}

TEST(ParserStmt, Docstrings) {
  auto m = parse(
      "'''Module doc.'''\n"
      "def f():\n"
      "    \"\"\"Function doc.\n\n    More.\"\"\"\n"
      "    return 1\n"
      "class C:\n"
      "    'Class doc.'\n"
      "def g():\n"
      "    f'not a docstring'\n");
  EXPECT_EQ(m->docstring, "Module doc.");
  ASSERT_EQ(m->body.size(), 3u);
  EXPECT_EQ(m->body[0]->docstring, "Function doc.\n\n    More.");
  ASSERT_EQ(m->body[0]->body.size(), 1u);  // the docstring statement is dropped
  EXPECT_EQ(m->body[1]->docstring, "Class doc.");
  EXPECT_TRUE(m->body[1]->body.empty());
  EXPECT_EQ(m->body[2]->docstring, "");
  EXPECT_EQ(m->body[2]->body.size(), 1u);
  // Only the first statement is a docstring.
  auto n = parse("x = 1\n'not doc'\n");
  EXPECT_EQ(n->docstring, "");
  EXPECT_EQ(n->body.size(), 2u);
}

TEST(ParserStmt, ClassDef) {
  EXPECT_EQ(dump_module("@dataclass\n"
                        "class P(Base, nki.NKIObject, metaclass=M):\n"
                        "    x: int = 1\n"
                        "    def m(self):\n"
                        "        return self.x\n"
                        "class Q: pass\n"
                        "class R(): pass\n"),
            "@dataclass\n"
            "ClassDef P (Base (. nki NKIObject) (kw metaclass M))\n"
            "  AnnAssign x : int = 1\n"
            "  FunctionDef m (self)\n"
            "    Return (. self x)\n"
            "ClassDef Q ()\n"
            "  Pass\n"
            "ClassDef R ()\n"
            "  Pass\n");
}

TEST(ParserStmt, Assignments) {
  EXPECT_EQ(dump_module("a = 1\n"
                        "a = b = c\n"
                        "a, b = b, a\n"
                        "(a, b), c = x\n"
                        "[a, b] = x\n"
                        "a, *rest = x\n"
                        "*a, b = x\n"
                        "x[i, 0:2] = y\n"
                        "o.attr = 3\n"
                        "a, = x\n"
                        "f(x).y[0] = 1\n"),
            "Assign a = 1\n"
            "Assign a = b = c\n"
            "Assign (tuple a b) = (tuple b a)\n"
            "Assign (tuple (tuple a b) c) = x\n"
            "Assign (list a b) = x\n"
            "Assign (tuple a (* rest)) = x\n"
            "Assign (tuple (* a) b) = x\n"
            "Assign (sub x (tuple i (slice 0 2 _))) = y\n"
            "Assign (. o attr) = 3\n"
            "Assign (tuple a) = x\n"
            "Assign (sub (. (call f x) y) 0) = 1\n");
  auto m = parse("a = b = 1\n");
  ASSERT_EQ(m->body[0]->targets.size(), 2u);
  EXPECT_EQ(m->body[0]->targets[0]->id, "a");
  EXPECT_EQ(m->body[0]->targets[1]->id, "b");
  EXPECT_EQ(m->body[0]->value->int_value, 1);
}

TEST(ParserStmt, AugmentedAndAnnotated) {
  EXPECT_EQ(dump_module("a += 1\na -= 1\na *= 1\na @= 1\na /= 1\na //= 1\na %= 1\na **= 1\n"
                        "a <<= 1\na >>= 1\na |= 1\na ^= 1\na &= 1\nx[i] += 2\nx.y *= 3\n"),
            "AugAssign a += 1\nAugAssign a -= 1\nAugAssign a *= 1\nAugAssign a @= 1\nAugAssign a /= 1\n"
            "AugAssign a //= 1\nAugAssign a %= 1\nAugAssign a **= 1\nAugAssign a <<= 1\nAugAssign a >>= 1\n"
            "AugAssign a |= 1\nAugAssign a ^= 1\nAugAssign a &= 1\nAugAssign (sub x i) += 2\n"
            "AugAssign (. x y) *= 3\n");
  EXPECT_EQ(dump_module("n: int\nm: nl.tile = f()\nself.x: int = 0\nt: tuple = 1, 2\n"),
            "AnnAssign n : int\nAnnAssign m : (. nl tile) = (call f)\nAnnAssign (. self x) : int = 0\n"
            "AnnAssign t : tuple = (tuple 1 2)\n");
}

TEST(ParserStmt, SimpleStatements) {
  EXPECT_EQ(dump_module("def f():\n"
                        "    assert x\n"
                        "    assert x > 0, 'msg'\n"
                        "    global g\n"
                        "    nonlocal a, b\n"
                        "    del x, y[0], z.w\n"
                        "    raise\n"
                        "    raise ValueError('x')\n"
                        "    raise E from e\n"
                        "    return 1, 2\n"
                        "    pass; x = 1; f();\n"),
            "FunctionDef f ()\n"
            "  Assert x\n"
            "  Assert (cmp x > 0), 'msg'\n"
            "  Global g\n"
            "  Nonlocal a b\n"
            "  Delete x (sub y 0) (. z w)\n"
            "  Raise\n"
            "  Raise (call ValueError 'x')\n"
            "  Raise E from e\n"
            "  Return (tuple 1 2)\n"
            "  Pass\n"
            "  Assign x = 1\n"
            "  Expr (call f)\n");
}

TEST(ParserStmt, IfElifElse) {
  EXPECT_EQ(dump_module("if a:\n  x\nelif b:\n  y\nelif c: z\nelse:\n  w\n"),
            "If a\n"
            "  Expr x\n"
            "else\n"
            "  If b\n"
            "    Expr y\n"
            "  else\n"
            "    If c\n"
            "      Expr z\n"
            "    else\n"
            "      Expr w\n");
  EXPECT_EQ(dump_module("if a: x; y\n"), "If a\n  Expr x\n  Expr y\n");
}

TEST(ParserStmt, Loops) {
  EXPECT_EQ(dump_module("for i in nl.affine_range(4):\n"
                        "    if i: continue\n"
                        "    break\n"
                        "else:\n"
                        "    done()\n"
                        "for i, (j, k) in pairs: pass\n"
                        "for x in a, *b: pass\n"
                        "while n > 0:\n"
                        "    n -= 1\n"
                        "else:\n"
                        "    pass\n"),
            "For i in (call (. nl affine_range) 4)\n"
            "  If i\n"
            "    Continue\n"
            "  Break\n"
            "else\n"
            "  Expr (call done)\n"
            "For (tuple i (tuple j k)) in pairs\n"
            "  Pass\n"
            "For x in (tuple a (* b))\n"
            "  Pass\n"
            "While (cmp n > 0)\n"
            "  AugAssign n -= 1\n"
            "else\n"
            "  Pass\n");
}

TEST(ParserStmt, WithAndTry) {
  EXPECT_EQ(dump_module("with a as b, c, d() as (e, f):\n  pass\n"),
            "With a as b, c, (call d) as (tuple e f)\n  Pass\n");
  EXPECT_EQ(dump_module("try:\n  x\nexcept ValueError as e:\n  y\nexcept:\n  z\nelse:\n  w\nfinally:\n  v\n"),
            "Try\n  Expr x\n");
  EXPECT_EQ(dump_module("try:\n  x\nfinally:\n  v\n"), "Try\n  Expr x\n");
}

TEST(ParserStmt, NestedBlocksAndComments) {
  EXPECT_EQ(dump_module("# header\n"
                        "def f(a):\n"
                        "\n"
                        "    # comment\n"
                        "    for i in range(2):\n"
                        "        if i:\n"
                        "            a = a + \\\n"
                        "                1\n"
                        "  # badly indented comment is fine\n"
                        "        b = [1,\n"
                        "2]\n"
                        "    return a\n"
                        "x = f(1)\n"),
            "FunctionDef f (a)\n"
            "  For i in (call range 2)\n"
            "    If i\n"
            "      Assign a = (+ a 1)\n"
            "    Assign b = (list 1 2)\n"
            "  Return a\n"
            "Assign x = (call f 1)\n");
}

TEST(ParserStmt, KernelFromDesign) {
  EXPECT_EQ(dump_module("import nki\n"
                        "import nki.language as nl\n"
                        "import nki.isa as nisa\n"
                        "\n"
                        "@nki.jit\n"
                        "def add(a, b):\n"
                        "    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)\n"
                        "    nisa.tensor_tensor(dst=out, data1=a, data2=b, op=nl.add)\n"
                        "    return out\n"),
            "Import nki\n"
            "Import nki.language as nl\n"
            "Import nki.isa as nisa\n"
            "@(. nki jit)\n"
            "FunctionDef add (a b)\n"
            "  Assign out = (call (. nl ndarray) (. a shape) (kw dtype (. a dtype)) (kw buffer (. nl "
            "shared_hbm)))\n"
            "  Expr (call (. nisa tensor_tensor) (kw dst out) (kw data1 a) (kw data2 b) (kw op (. nl add)))\n"
            "  Return out\n");
}

}  // namespace
}  // namespace nki::test

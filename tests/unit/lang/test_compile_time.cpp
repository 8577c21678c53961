// Compile-time evaluation: Python semantics of values, operators, containers, control flow,
// functions and f-strings, observed through compile-time print().
#include "lang_test_util.h"

namespace nki::test {
namespace {

const char* kPrelude =
    "from dataclasses import dataclass\nfrom enum import Enum\nimport nki\nimport nki.language as nl\n\ndef "
    "k():\n";

// Runs `body` as the body of a kernel without arguments; returns what it printed.
std::string run(const std::string& body) {
  std::string printed;
  specialize_source(std::string(kPrelude) + body, "k", {}, &printed);
  return printed;
}

std::string error_of(const std::string& body) {
  return specialize_error(std::string(kPrelude) + body, "k", {});
}

TEST(CompileTime, IntegerArithmetic) {
  EXPECT_EQ(run("    print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 7 / 2, 1 << 4, -16 >> 2, 6 & 3, 6 | 3, 6 "
                "^ 3, ~5)\n"),
            "3 -4 1 2 1024 3.5 16 -4 2 7 5 -6\n");
  EXPECT_EQ(run("    print(-2 ** 2, (1 + 2) * 3, 2 * 3 ** 2, True + True)\n"), "-4 9 18 2\n");
}

TEST(CompileTime, FloatsAre32Bit) {
  EXPECT_EQ(run("    print(0.1, 1.0 / 3, 2.0 ** 0.5, 1e20 * 1e20, 7.5 // 2, -7.5 % 2, 1 + 0.5)\n"),
            "0.1 0.33333334 1.4142135 inf 3.0 0.5 1.5\n");
}

TEST(CompileTime, IntegerOverflowIsAnError) {
  EXPECT_EQ(error_of("    x = 2 ** 31\n"), "integer overflow: 2147483648 does not fit in a 32-bit int");
  EXPECT_EQ(error_of("    x = 65536 * 65536\n"), "integer overflow: 4294967296 does not fit in a 32-bit int");
  EXPECT_EQ(error_of("    x = 1 // 0\n"), "integer division by zero");
}

TEST(CompileTime, ComparisonsAndLogic) {
  EXPECT_EQ(run("    print(1 < 2 < 3, 1 < 3 < 2, 2 == 2.0, 'a' < 'b', (1, 2) < (1, 3), 3 in [1, 2, 3], 'x' "
                "not in 'abc')\n"),
            "True False True True True True True\n");
  EXPECT_EQ(run("    print(0 or 5, 3 and 4, not [], None or 'd', 1 if 0 else 2)\n"), "5 4 True d 2\n");
}

TEST(CompileTime, IsComparesIdentity) {
  // Inline values, ints, floats and strings by value; everything else by object.
  EXPECT_EQ(run("    x = None\n    print(x is None, x is not None, 3 is 3, 1 is True, 1 is 1.0, 'ab' is 'a' "
                "+ 'b', ... is ...)\n"),
            "True False True False False True True\n");
  EXPECT_EQ(run("    a = [1]\n    b = a\n    print(a is b, a is [1], a == [1], nl.float32 is nl.float32, "
                "nl.sbuf is nl.psum, nl.exp is nl.exp)\n"),
            "True False True True False True\n");
  EXPECT_EQ(run("    class E(Enum):\n        A = 1\n        B = 2\n    f = lambda: 0\n    g = f\n"
                "    print(E.A is E.A, E.A is E.B, f is g, f is (lambda: 0), E is E)\n"),
            "True False True False True\n");
}

TEST(CompileTime, Containers) {
  EXPECT_EQ(run("    l = [3, 1, 2]\n    l.append(0)\n    l.extend((9,))\n    print(l, len(l), l[-1], l[1:3], "
                "l[::-1], sorted(l), l.pop(), l)\n"),
            // The list is printed after pop() ran, as in Python: both `l` arguments are the same object.
            "[3, 1, 2, 0] 5 9 [1, 2] [9, 0, 2, 1, 3] [0, 1, 2, 3, 9] 9 [3, 1, 2, 0]\n");
  EXPECT_EQ(run("    t = (1, 'a', None)\n    a, b, c = t\n    print(t, a, b, c, (5,), t + (2,), t * 2)\n"),
            "(1, 'a', None) 1 a None (5,) (1, 'a', None, 2) (1, 'a', None, 1, 'a', None)\n");
  EXPECT_EQ(run("    d = {'x': 1, 'y': 2}\n    d['z'] = 3\n    print(d, d['y'], d.get('w', 0), "
                "list(d.keys()), 'x' in d)\n"),
            "{'x': 1, 'y': 2, 'z': 3} 2 0 ['x', 'y', 'z'] True\n");
  EXPECT_EQ(run("    first, *rest = [1, 2, 3]\n    print(first, rest, [x * x for x in range(4) if x % 2 == "
                "0], {k: 1 for k in 'ab'})\n"),
            "1 [2, 3] [0, 4] {'a': 1, 'b': 1}\n");
}

TEST(CompileTime, DictKeysOfAnyHashableValue) {
  // 1, 1.0 and True are one key (the first spelling stays); order is insertion order.
  EXPECT_EQ(run("    d = {1: 'a', 'x': 2}\n    d[True] = 'b'\n    d[1.0] = 'c'\n    d[(1, 'y')] = None\n    "
                "d[None] = 0\n"
                "    print(d, len(d), d[1], (1.0, 'y') in d, 2 in d, list(d))\n"),
            "{1: 'c', 'x': 2, (1, 'y'): None, None: 0} 4 c True False [1, 'x', (1, 'y'), None]\n");
  EXPECT_EQ(
      run("    t = {nl.float32: 4, nl.bfloat16: 2, nl.sbuf: 's', nl.add: '+'}\n"
          "    print(t[nl.float32], t.get(nl.float16, 0), t[nl.sbuf], t[nl.add], nl.multiply in t, t)\n"),
      "4 0 s + False {float32: 4, bfloat16: 2, sbuf: 's', <built-in function nl.add>: '+'}\n");
  EXPECT_EQ(
      run("    d = {k: k * k for k in range(3)}\n    e = dict([(0, 0), (1, 1)], z=9)\n    e.update({2: 4}, "
          "y=8)\n"
          "    print(d, e, d.pop(1), d.setdefault(5, 25), d, d == {0: 0, 2: 4, 5: 25}, {**d, 0: 'z'})\n"),
      "{0: 0, 2: 4, 5: 25} {0: 0, 1: 1, 'z': 9, 2: 4, 'y': 8} 1 25 {0: 0, 2: 4, 5: 25} True {0: 'z', 2: 4, "
      "5: 25}\n");
  EXPECT_EQ(run("    class E(Enum):\n        A = 1\n        B = 2\n    d = {E.A: 'a', E.B: 'b'}\n"
                "    print(d[E(2)], [k.name for k in d], list(d.items())[0], 1 in d)\n"),
            "b ['A', 'B'] (E.A, 'a') False\n");
  EXPECT_EQ(error_of("    d = {[1]: 2}\n"), "unhashable type: 'list'");
  EXPECT_EQ(error_of("    d = {}\n    d[(1, {})] = 2\n"), "unhashable type: 'dict'");
  EXPECT_EQ(error_of("    d = {}\n    x = d.get([1])\n"), "unhashable type: 'list'");
  EXPECT_EQ(error_of("    d = {}\n    print(d[1])\n"), "KeyError: 1");
}

TEST(CompileTime, Builtins) {
  EXPECT_EQ(run("    print(min(3, 1, 2), max([4, 9]), abs(-3), int(3.9), float(2), str(5), bool(0), "
                "sum(range(5)))\n"),
            "1 9 3 3 2.0 5 False 10\n");
  EXPECT_EQ(run("    print(list(enumerate('ab')), list(zip([1, 2], [3, 4])), round(2.5), round(3.5), "
                "divmod(-7, 2))\n"),
            "[(0, 'a'), (1, 'b')] [(1, 3), (2, 4)] 2 4 (-4, 1)\n");
  EXPECT_EQ(run("    print(isinstance(3, int), isinstance(True, int), isinstance(3, (str, float)), any([0, "
                "1]), all([]))\n"),
            "True True False True True\n");
}

TEST(CompileTime, StringsAndFStrings) {
  EXPECT_EQ(run("    x = 42\n    y = 3.14159\n    print(f'x={x} y={y:.2f} {x:>5}|{x:<4}|{x:04d} {x:x} "
                "{\"s\"!r} {x * 2}')\n"),
            "x=42 y=3.14    42|42  |0042 2a 's' 84\n");
  EXPECT_EQ(run("    print('-'.join(['a', 'b']), 'abc'.upper(), 'a,b'.split(','), 'x' * 3, 'ab' + 'cd')\n"),
            "a-b ABC ['a', 'b'] xxx abcd\n");
}

TEST(CompileTime, LoopsUnroll) {
  EXPECT_EQ(run("    s = 0\n    for i in range(8):\n        s += 1\n    print(s)\n"), "8\n");
  EXPECT_EQ(run("    out = []\n    for i in nl.affine_range(2, 10, 3):\n        if i == 5:\n            "
                "continue\n        out.append(i)\n    print(out)\n"),
            "[2, 8]\n");
  EXPECT_EQ(run("    n = 0\n    while n < 5:\n        n += 2\n        if n == 4:\n            break\n    "
                "else:\n        n = -1\n    print(n)\n"),
            "4\n");
  EXPECT_EQ(run("    for i in nl.sequential_range(3):\n        pass\n    else:\n        print('done', i)\n"),
            "done 2\n");
}

TEST(CompileTime, FunctionsInline) {
  EXPECT_EQ(run("    def f(a, b=2, *args, c=3, **kw):\n        return a + b + c + len(args) + len(kw)\n"
                "    print(f(1), f(1, 1), f(1, 1, 9, 9), f(1, c=0, z=1))\n"),
            "6 5 7 4\n");
  EXPECT_EQ(run("    def make(n):\n        def add(x):\n            return x + n\n        return add\n"
                "    g = make(10)\n    h = lambda x, y=1: x * y\n    print(g(5), h(3), h(3, 4), (lambda: "
                "g(1))())\n"),
            "15 3 12 11\n");
  EXPECT_EQ(error_of("    def f(a):\n        return a\n    f(1, 2)\n"),
            "f() takes 1 positional argument but 2 were given");
  EXPECT_EQ(error_of("    def f(a):\n        return a\n    f(b=2)\n"),
            "f() got an unexpected keyword argument 'b'");
  EXPECT_EQ(error_of("    def f(a):\n        return a\n    f()\n"), "f() missing required argument 'a'");
  EXPECT_EQ(error_of("    def f(n):\n        return f(n + 1)\n    f(0)\n"),
            "calls nested more than 200 deep (runaway recursion? --max-call-depth raises the limit)");
}

TEST(CompileTime, AssertAndUnsupported) {
  EXPECT_EQ(error_of("    assert 1 == 2, f'bad {3}'\n"), "assertion failed: bad 3");
  EXPECT_EQ(error_of("    global x\n"), "'global' is not supported in NKI kernels");
  EXPECT_EQ(error_of("    y = undefined_name\n"), "name 'undefined_name' is not defined");
}

TEST(CompileTime, MathAndNumpy) {
  EXPECT_EQ(run("    import math\n    import numpy as np\n"
                "    print(math.ceil(7 / 2), math.floor(-1.5), math.sqrt(16), math.prod((2, 3, 4)), "
                "math.log2(1024))\n"
                "    print(np.prod([4, 5]), np.float32 == nl.float32, np.int32, math.gcd(12, 18), "
                "math.isqrt(17))\n"),
            "4 -2 4.0 24 10.0\n20 True int32 6 4\n");
  EXPECT_EQ(error_of("    import math\n    x = math.sqrt(-1)\n"), "math.sqrt(): math domain error");
}

TEST(CompileTime, Classes) {
  EXPECT_EQ(run("    class E(Enum):\n        A = 1\n        B = 2\n"
                "    @dataclass\n    class C(nl.NKIObject):\n        x: int = 1\n        y: E = E.B\n"
                "        def twice(self):\n            return 2 * self.x\n"
                "    c = C(x=4)\n    print(c, c.twice(), c == C(4, E.B), E(1), [e.value for e in E], "
                "isinstance(c, C))\n"),
            "C(x=4, y=E.B) 8 True E.A [1, 2] True\n");
  EXPECT_EQ(error_of("    class C(nl.NKIObject):\n        x: int\n    C()\n"),
            "C() missing required argument 'x'");
  EXPECT_EQ(error_of("    class C(nl.NKIObject):\n        x: int = 0\n    C(z=1)\n"),
            "C() got an unexpected keyword argument 'z'");
}

TEST(CompileTime, PlainClassesAndStaticAndClassMethods) {
  const char* classes =
      "    class Base:\n        TILE = 128\n"
      "        def __init__(self, n):\n            self.n = n\n"
      "        @staticmethod\n        def half(x):\n            return x // 2\n"
      "        @classmethod\n        def default(cls):\n            return cls(cls.TILE)\n"
      "        @classmethod\n        def name(cls):\n            return cls.__name__\n"
      "    class Sub(Base):\n        TILE = 64\n"
      "    class Empty(object):\n        pass\n";
  EXPECT_EQ(run(std::string(classes) +
                "    b = Base.default()\n    s = Sub.default()\n"
                "    print(b.n, s.n, type(s) is Sub, Base.half(9), s.half(7), Sub.name(), s.name(), b.TILE)\n"
                "    e = Empty()\n    print(e == e, e == Empty(), isinstance(e, Empty), isinstance(s, Base), "
                "isinstance(3, object))\n"),
            "128 64 True 4 3 Sub Sub 128\nTrue False True True True\n");
  EXPECT_EQ(error_of(std::string(classes) + "    Empty(1)\n"), "Empty() takes no arguments");
  EXPECT_EQ(error_of("    x = staticmethod(1)\n"), "staticmethod() wraps a function, not int");
  // A staticmethod object is callable in the class body, as in Python 3.10+.
  EXPECT_EQ(run("    class C:\n        @staticmethod\n        def f(x):\n            return x + 1\n        Y "
                "= f(1)\n"
                "    print(C.Y, C.f(2), C().f(3))\n"),
            "2 3 4\n");
}

TEST(CompileTime, SpmdProgramIds) {
  for (int core = 0; core < 2; ++core) {
    std::string printed;
    SpecializeOptions opts;
    opts.program_id = core;
    opts.num_programs = 2;
    opts.print = [&printed](const std::string& s) { printed += s; };
    specialize_file(write_temp_kernel(std::string(kPrelude) +
                                      "    print(nl.program_id(0), nl.num_programs(), nl.program_ndim())\n"),
                    "k", {}, opts);
    EXPECT_EQ(printed, std::to_string(core) + " 2 1\n");
  }
  EXPECT_EQ(error_of("    nl.program_id(1)\n"), "nl.program_id(): the launch grid has one axis (axis=0)");
}

TEST(CompileTime, TypingAndTensorType) {
  EXPECT_EQ(run("    from typing import Tuple, Optional\n    t = nl.ndarray((128, 4), dtype=nl.float32)\n"
                "    x: Optional[int] = 3\n    print(isinstance(t, nl.NkiTensor), isinstance(x, "
                "nl.NkiTensor), Tuple)\n"),
            "True False typing.Tuple\n");
}

TEST(CompileTime, WithScheduleEdges) {
  const std::string src = std::string(kPrelude) +
                          "    t = nl.ndarray((128, 4), dtype=nl.float32)\n"
                          "    nki.isa.memset(dst=t, value=1.0, name='a')\n"
                          "    nki.isa.memset(dst=t, value=2.0, name='b')\n"
                          "    nki.isa.memset(dst=t, value=3.0, name='c')\n";
  SpecializeOptions opts;
  opts.schedule = {{"c", {"a", "b"}}};
  Specialized s = specialize_file(write_temp_kernel("import nki.isa\n" + src), "k", {}, opts);
  ASSERT_EQ(s.kernel->body.size(), 4u);
  EXPECT_EQ(s.kernel->body[3].deps, (std::vector<uint32_t>{1, 2}));
  opts.schedule = {{"a", {"c"}}};
  try {
    specialize_file(write_temp_kernel("import nki.isa\n" + src), "k", {}, opts);
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(e.message(),
              "with_schedule: 'a' never comes after 'c' in program order, so it cannot wait for it");
  }
  opts.schedule = {{"a", {"zz"}}};
  try {
    specialize_file(write_temp_kernel("import nki.isa\n" + src), "k", {}, opts);
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(e.message(), "with_schedule: no instruction is named 'zz' (name instructions with name=)");
  }
}

TEST(CompileTime, TileSizeAndDtypes) {
  EXPECT_EQ(run("    ts = nl.tile_size\n    print(ts.pmax, ts.psum_fmax, ts.gemm_stationary_fmax, "
                "ts.gemm_moving_fmax, nl.bfloat16, nl.float32 == nl.float32)\n"),
            "128 512 128 512 bfloat16 True\n");
}

}  // namespace
}  // namespace nki::test

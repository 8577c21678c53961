// Kernel modules are Python: CPython runs the module's top level, nki compiles the kernel body
// and converts every global, closure cell and default it reads from the value CPython computed.
// Each test writes a module, specializes its kernel `k` and checks what the body printed.
#include "lang_test_util.h"

namespace nki::test {
namespace {

const char* kImports =
    "import os, math, functools, enum, dataclasses\nimport numpy as np\nimport nki\n"
    "import nki.language as nl\nimport nki.isa as nisa\n";

std::string run_module(const std::string& module) {
  std::string printed;
  specialize_source(std::string(kImports) + module, "k", {}, &printed);
  return printed;
}

std::string module_error(const std::string& module) {
  return specialize_error(std::string(kImports) + module, "k", {});
}

TEST(PythonGlobals, ModuleLevelCodeRunsInPython) {
  // None of this top level is NKI: it runs in CPython only.
  EXPECT_EQ(
      run_module(
          "os.environ['NKI_UNIT_FLAG'] = 'on'\n"
          "try:\n    import not_a_module_anywhere\nexcept ImportError:\n    MISSING = True\n"
          "with open(__file__) as f:\n    LINES = len(f.readlines())\n"
          "SQUARES = {i: i * i for i in range(4) if i % 2}\n"
          "async def host_only():\n    pass\n"
          "def k():\n    print(os.environ.get('NKI_UNIT_FLAG'), os.environ.get('NKI_UNSET', 'dflt'), MISSING,"
          " LINES > 5, SQUARES)\n"),
      "on dflt True True {1: 1, 3: 9}\n");
}

TEST(PythonGlobals, TablesKeyedByDtypesAndEnums) {
  EXPECT_EQ(
      run_module("class Act(enum.Enum):\n    RELU = 1\n    EXP = 2\n"
                 "MAXV = {nl.float8_e4m3: 240.0, nl.bfloat16: 3.0e38}\n"
                 "OPS = {Act.RELU: nl.relu, Act.EXP: nl.exp}\n"
                 "def k(act=Act.EXP):\n    print(MAXV[nl.float8_e4m3], OPS[act] is nl.exp, act is Act.EXP,"
                 " act.name, Act(1), nl.bfloat16 in MAXV)\n"),
      "240.0 True True EXP Act.RELU True\n");
}

TEST(PythonGlobals, EnumsWithAValueMixinCompareAsTheirValues) {
  EXPECT_EQ(run_module(
                "class Mode(enum.IntEnum):\n    A = 1\n    B = 2\n"
                "class Kind(str, enum.Enum):\n    FAST = 'fast'\n    SLOW = 'slow'\n"
                "class Plain(enum.Enum):\n    X = 1\n"
                "T = {'fast': 10, 2: 20}\n"
                "def k():\n    print(Mode.B == 2, Kind.FAST == 'fast', Plain.X == 1, T[Kind.FAST], T[Mode.B],"
                " Mode.A is Mode.A)\n"),
            "True True False 10 20 True\n");
}

TEST(PythonGlobals, NumpyAndMathConstants) {
  EXPECT_EQ(
      run_module("EPS = float(np.finfo(np.float32).eps)\nQ = math.pi / 4\nN = np.int64(6)\nDT = np.float32\n"
                 "def k():\n    print(EPS, Q, N * 2, DT == nl.float32, math.ceil(2.5))\n"),
      "1.1920929e-07 0.7853982 12 True 3\n");
}

TEST(PythonGlobals, ConfigObjectsBuiltByPython) {
  EXPECT_EQ(
      run_module("@dataclasses.dataclass(frozen=True)\nclass Cfg(nl.NKIObject):\n    tile: int = 128\n"
                 "    dtype: object = nl.bfloat16\n    def tiles(self, n):\n        return n // self.tile\n"
                 "CONFIGS = {}\nfor t in (64, 128):\n    CONFIGS[t] = Cfg(tile=t)\n"
                 "class Plain:\n    SIZE = 4\n    @staticmethod\n    def twice(x):\n        return 2 * x\n"
                 "    @classmethod\n    def size(cls):\n        return cls.SIZE\n"
                 "def k(cfg=CONFIGS[64]):\n    print(cfg, cfg.tiles(512), CONFIGS[128].tile, Plain.twice(3),"
                 " Plain.size(), Plain().twice(5))\n"),
      "Cfg(tile=64, dtype=bfloat16) 8 128 6 4 10\n");
}

TEST(PythonGlobals, FunctionsClosuresPartialsLambdas) {
  EXPECT_EQ(run_module("def make_scaler(k):\n    def scale(x):\n        return x * k\n    return scale\n"
                       "triple = make_scaler(3)\n"
                       "def add(a, b=10):\n    return a + b\n"
                       "add5 = functools.partial(add, b=5)\nsquare = lambda x: x * x\n"
                       "def logged(fn):\n    @functools.wraps(fn)\n    def wrapper(*a, **kw):\n"
                       "        try:\n            return fn(*a, **kw)\n        finally:\n            pass\n  "
                       "  return wrapper\n"
                       "@logged\ndef helper(x):\n    return x + 1\n"
                       "def k():\n    print(triple(2), add5(1), add(1), square(7), helper(1), [f(2) for f in "
                       "(triple, square)])\n"),
            "6 6 11 49 2 [6, 4]\n");
}

TEST(PythonGlobals, DecoratorWrappersAreUnwrapped) {
  EXPECT_EQ(run_module("@functools.lru_cache(maxsize=None)\ndef tiles(n):\n    return n // 128\n"
                       "def k():\n    print(tiles(512))\n"),
            "4\n");
}

TEST(PythonGlobals, AnObjectWhoseAttributesRaiseIsAnErrorAtTheUse) {
  std::string e = module_error(
      "class Weird:\n    @property\n    def __dict__(self):\n        raise RuntimeError('no')\n"
      "W = Weird()\ndef k():\n    print(W)\n");
  EXPECT_EQ(e.rfind("global 'W' is a kernel_under_test_", 0), 0u) << e;
  EXPECT_NE(e.find(".Weird, which kernel code cannot use"), std::string::npos) << e;
}

TEST(PythonGlobals, IsNoneAndDefaultsComputedByPython) {
  EXPECT_EQ(
      run_module("DEFAULT = (1 << 4) + 2\n"
                 "def show(x=None, y=DEFAULT, *, z=nl.float32):\n    print(x is None, y is not None, y, z)\n"
                 "DEFAULT = 0  # the def above already took 18\n"
                 "def k():\n    show()\n    show(1, z=nl.bfloat16)\n"),
      "True True 18 float32\nFalse True 18 bfloat16\n");
}

TEST(PythonGlobals, UnusedUnrepresentableGlobalsDoNotMatter) {
  EXPECT_EQ(run_module("W = np.zeros((4, 4))\nG = (i for i in range(3))\nBIG = 2 ** 40\n"
                       "class Cfg:\n    table = np.ones(3)\n    n = 2\n"
                       "def k():\n    print(Cfg.n)\n"),
            "2\n");
}

TEST(PythonGlobals, UnrepresentableGlobalsAreErrorsAtTheUse) {
  EXPECT_EQ(
      module_error("W = np.zeros((4, 4))\ndef k():\n    print(W)\n"),
      "global 'W' is a numpy.ndarray, which kernel code cannot use: NumPy arrays are tensors only as kernel "
      "arguments; pass it to the kernel (an HBM tensor) or load it from an .npy file with "
      "nl.shared_constant");
  EXPECT_EQ(module_error("BIG = 2 ** 40\ndef k():\n    print(BIG)\n"),
            "global 'BIG' is an int, which kernel code cannot use: 1099511627776 does not fit in a 32-bit "
            "int, NKI's "
            "integer");
  EXPECT_EQ(module_error("HUGE = 1e300\ndef k():\n    print(HUGE)\n"),
            "global 'HUGE' is a float, which kernel code cannot use: 1e+300 does not fit in a 32-bit float, "
            "NKI's float");
  EXPECT_EQ(module_error("G = (i for i in range(3))\ndef k():\n    print(G)\n"),
            "global 'G' is a generator, which kernel code cannot use: iterating a generator consumes it, so "
            "a second "
            "compilation would see it empty; make it a tuple at module level (tuple(...))");
  EXPECT_EQ(module_error("exec('def gen(x):\\n    return x')\ndef k():\n    gen(1)\n"),
            "global 'gen' is a function, which kernel code cannot use: function 'gen' has no source file nki "
            "can read "
            "(nki compiles functions from .py files)");
  EXPECT_EQ(
      module_error("class Cfg:\n    table = np.ones(3)\ndef k():\n    print(Cfg.table.shape)\n"),
      "Cfg.table is a numpy.ndarray, which kernel code cannot use: NumPy arrays are tensors only as kernel "
      "arguments; pass it to the kernel (an HBM tensor) or load it from an .npy file with "
      "nl.shared_constant");
}

TEST(PythonGlobals, BufferPredicatesAndRegisterTypes) {
  EXPECT_EQ(
      run_module(
          "def k():\n    t = nl.ndarray((4, 4), dtype=nl.float32, buffer=nl.sbuf)\n"
          "    r = nisa.register_alloc(0)\n"
          "    print(nl.is_hbm(nl.shared_hbm), nl.is_on_chip(nl.psum), nl.is_sbuf(t), nl.is_psum(nl.sbuf),"
          " isinstance(r, nisa.VirtualRegister), isinstance(t, nisa.VirtualRegister))\n"),
      "True True True False True False\n");
}

TEST(PythonGlobals, KernelsMayReturnAListOfOutputs) {
  Specialized s =
      specialize_source(std::string(kImports) +
                            "def k(a):\n    outs = []\n    for i in range(2):\n"
                            "        o = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)\n"
                            "        nisa.dma_copy(dst=o, src=a)\n        outs.append(o)\n    return outs\n",
                        "k", {tensor("a", {4, 4})});
  EXPECT_EQ(s.kernel->outputs.size(), 2u);
}

}  // namespace
}  // namespace nki::test

"""Specialization speed: a kernel that unrolls to 100,000 instructions, compiled by `nki check`.

DESIGN.md asks that specializing and compiling a 100k-instruction kernel take well under a second.
The baseline, measured in the same run, is CPython itself executing the same kernel body with
nki.language / nki.isa replaced by trivial Python stand-ins that only record each call: the
cheapest possible tracer of the same program. The ratio says how nki's full compile (specialize,
verify, allocate) compares with merely running the kernel's Python.

Run: /usr/bin/python3 bench/specialize.py [--build build]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ITERATIONS = 20000  # x 5 instructions (alloc, 2 dma_copy, tensor_tensor, tensor_scalar) = 100,000

KERNEL = textwrap.dedent(f"""
    import nki
    import nki.language as nl
    import nki.isa as nisa


    def big(a, out):
        for i in range({ITERATIONS}):
            t = nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.sbuf)
            nisa.dma_copy(dst=t, src=a[nl.ds((i % 4) * 128, 128), :])
            nisa.tensor_tensor(dst=t, data1=t, data2=t, op=nl.add)
            nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=2.0)
            nisa.dma_copy(dst=out[nl.ds((i % 4) * 128, 128), :], src=t)
""")


def python_baseline(path):
    """Seconds CPython takes to run the kernel body with recording stand-ins for nl and nisa."""
    calls = []

    class Tile:
        def __init__(self, shape):
            self.shape = shape

        def __getitem__(self, key):
            return self

    def record(name):
        return lambda *a, **k: calls.append((name, a, k)) or Tile(k.get("shape", a[0] if a else None))

    nl = types.SimpleNamespace(ndarray=record("alloc"), float32="float32", sbuf="sbuf",
                               ds=lambda s, n: slice(s, s + n), add="add", multiply="multiply")
    nisa = types.SimpleNamespace(dma_copy=record("dma_copy"), tensor_tensor=record("tensor_tensor"),
                                 tensor_scalar=record("tensor_scalar"))
    source = path.read_text().split("import nki.isa as nisa", 1)[1]
    scope = {"nl": nl, "nisa": nisa}
    start = time.perf_counter()
    exec(compile(source, str(path), "exec"), scope)
    scope["big"](Tile((512, 512)), Tile((512, 512)))
    seconds = time.perf_counter() - start
    assert len(calls) == 5 * ITERATIONS, len(calls)
    return seconds


def nki_check(nki_bin, path):
    """Best-of-3 wall seconds of `nki check` on the kernel (process start included)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([nki_bin, "check", f"{path}:big", "--arg", "a=zeros:512x512:float32",
                        "--arg", "out=zeros:512x512:float32"], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.environ.get("NKI_BUILD", str(REPO / "build")))
    args = parser.parse_args()
    nki_bin = str(Path(args.build) / "nki")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.py"
        path.write_text(KERNEL)
        base = min(python_baseline(path) for _ in range(3))
        ours = nki_check(nki_bin, path)
    n = 5 * ITERATIONS
    print(f"kernel unrolling to {n:,} instructions")
    print(f"  CPython running the kernel body with recording stubs: {base:.3f} s")
    print(f"  nki check (specialize + verify + allocate):          {ours:.3f} s")
    print(f"  ratio nki / CPython: {ours / base:.2f}   (goal: nki well under 1 s)")
    return 0 if ours < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""The `make run` demo: library kernels on random data, checked against their NumPy references.

Each kernel file in kernels/ defines the kernel and `reference(...)`, a NumPy function of the same
inputs. The demo runs tensor_add and matmul twice: from Python (nki.simulate / calling the
@nki.jit kernel) and through the `nki run` command with .npy files, and prints the largest error.
Exits 1 if any error exceeds its tolerance.

Run: PYTHONPATH=python NKI_BIN=build/nki /usr/bin/python3 scripts/demo.py
"""

import importlib.util
import inspect
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "python"))

import nki  # noqa: E402
import nki.language as nl  # noqa: E402

NKI_BIN = os.environ.get("NKI_BIN", str(REPO / "build" / "nki"))
OUT = Path("out") / "demo"  # relative to the repository, the working directory


def load_kernel_module(name):
    path = REPO / "kernels" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def max_error(got, expected):
    """Largest absolute error, and the same relative to the largest |expected|."""
    err = float(np.max(np.abs(got.astype(np.float64) - expected.astype(np.float64))))
    scale = float(np.max(np.abs(expected))) or 1.0
    return err, err / scale


def report(label, got, expected, rel_tolerance, seconds):
    err, rel = max_error(got, expected)
    ok = rel <= rel_tolerance
    print(f"  {label:<34} max abs error {err:.3g} (relative {rel:.2g})  "
          f"{seconds * 1000:7.1f} ms  {'ok' if ok else 'FAILED'}")
    return ok


def run_cli(module, fn, inputs, dtypes):
    """`nki run kernels/<file>:<fn> --arg NAME=PATH.npy[:DTYPE] ... --out DIR`.

    Returns the output array, the seconds the command took and the output file's name."""
    names = list(inspect.signature(getattr(module, fn)).parameters)
    in_dir, out_dir = OUT / fn / "inputs", OUT / fn / "outputs"
    in_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.npy"):
        old.unlink()
    argv = [NKI_BIN, "run", f"kernels/{Path(module.__file__).name}:{fn}", "--out", str(out_dir)]
    for name, array, dtype in zip(names, inputs, dtypes):
        np.save(in_dir / f"{name}.npy", array)
        argv += ["--arg", f"{name}={in_dir / name}.npy" + (f":{dtype}" if dtype else "")]
    print("  $ " + " ".join([os.path.relpath(NKI_BIN)] + argv[1:]))
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    sys.stdout.write("".join("    " + line + "\n" for line in proc.stdout.splitlines()))
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"nki run failed with exit code {proc.returncode}")
    outputs = sorted(out_dir.glob("*.npy"))
    if len(outputs) != 1:
        raise SystemExit(f"expected one output in {out_dir}, found {len(outputs)}")
    return np.load(outputs[0]), seconds, outputs[0].name


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def demo_tensor_add(rng):
    mod = load_kernel_module("tensor_add")
    a = rng.standard_normal((512, 512), dtype=np.float32)
    b = rng.standard_normal((512, 512), dtype=np.float32)
    expected = mod.reference(a, b)
    print("tensor_add: a, b float32[512x512]")
    ok = True
    got, s = timed(lambda: nki.simulate(mod.tensor_add)(a, b))
    ok &= report("nki.simulate(tensor_add)(a, b)", got, expected, 0.0, s)
    got, s = timed(lambda: mod.tensor_add(a, b))
    ok &= report("tensor_add(a, b)  (@nki.jit)", got, expected, 0.0, s)
    got, s, name = run_cli(mod, "tensor_add", [a, b], [None, None])
    ok &= report(f"nki run -> {name}", got, expected, 0.0, s)
    return ok


def demo_matmul(rng):
    mod = load_kernel_module("matmul")
    k, m, n = 512, 256, 1024
    # NumPy has no bfloat16: nki.as_dtype rounds float32 data to bf16 the way the hardware does,
    # and .numpy() gives the rounded values back (as float32) for the reference.
    lhs_t = nki.as_dtype(rng.standard_normal((k, m), dtype=np.float32), nl.bfloat16)
    rhs = nki.as_dtype(rng.standard_normal((k, n), dtype=np.float32), nl.bfloat16)
    expected = mod.reference(lhs_t.numpy(), rhs.numpy())
    print(f"matmul: lhsT bfloat16[{k}x{m}], rhs bfloat16[{k}x{n}] -> float32[{m}x{n}]")
    ok = True
    got, s = timed(lambda: nki.simulate(mod.matmul)(lhs_t, rhs))
    ok &= report("nki.simulate(matmul)(lhsT, rhs)", got, expected, 1e-5, s)
    got, s, name = run_cli(mod, "matmul", [lhs_t.numpy(), rhs.numpy()], ["bfloat16", "bfloat16"])
    ok &= report(f"nki run -> {name}", got, expected, 1e-5, s)
    return ok


def main():
    os.chdir(REPO)
    print(f"nki demo (target {nki.target()}; outputs in {OUT}/)\n")
    rng = np.random.default_rng(2024)
    ok = demo_tensor_add(rng)
    print()
    ok &= demo_matmul(rng)
    print("\nall results match the NumPy references" if ok else "\nSOME RESULTS DO NOT MATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

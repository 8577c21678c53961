"""The library kernels against their NumPy references, through the `nki run` command.

Inputs are written as .npy files; bfloat16 inputs are float32 files holding bf16-representable
values, passed as `PATH.npy:bfloat16`, so the reference sees exactly the values the kernel does.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nki_testing  # noqa: E402

KERNELS = nki_testing.SOURCE_DIR / "kernels"


def load_reference(name):
    """The `reference` function of kernels/<name>.py, loaded without running the kernel."""
    spec = importlib.util.spec_from_file_location(f"ref_{name}", KERNELS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reference


def round_to_bf16(x):
    """float32 values rounded to the nearest bfloat16 (ties to even), kept as float32."""
    bits = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16 << 16
    return rounded.astype(np.uint32).view(np.float32)


def run_kernel(tmp_path, ref, inputs, dtypes):
    """Runs FILE:FN with the arrays of `inputs` ({name: array}) and returns the outputs."""
    argv = ["run", ref]
    for name, array in inputs.items():
        path = tmp_path / f"{name}.npy"
        np.save(path, array)
        spec = f"{path}:{dtypes[name]}" if dtypes.get(name) else str(path)
        argv += ["--arg", f"{name}={spec}"]
    out = tmp_path / "out"
    argv += ["--out", str(out)]
    proc = nki_testing.run_nki(argv, cwd=nki_testing.SOURCE_DIR)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    return {p.stem: np.load(p) for p in out.glob("*.npy")}, proc.stdout


def relative_error(got, want):
    return float(np.max(np.abs(got.astype(np.float64) - want)) / max(np.max(np.abs(want)), 1e-30))


@pytest.mark.parametrize("rows", [128, 384, 1024])
def test_tensor_add_float32(tmp_path, rows):
    rng = np.random.default_rng(rows)
    a = rng.standard_normal((rows, 512)).astype(np.float32)
    b = rng.standard_normal((rows, 512)).astype(np.float32)
    outs, stdout = run_kernel(tmp_path, "kernels/tensor_add.py:tensor_add", {"a": a, "b": b}, {})
    assert list(outs) == ["out"]
    np.testing.assert_array_equal(outs["out"], load_reference("tensor_add")(a, b))
    assert stdout.startswith(f"out: float32[{rows}x512]")


def test_tensor_add_bfloat16_rounds_the_sum(tmp_path):
    rng = np.random.default_rng(7)
    a = round_to_bf16(rng.standard_normal((256, 64)))
    b = round_to_bf16(rng.standard_normal((256, 64)))
    outs, _ = run_kernel(tmp_path, "kernels/tensor_add.py:tensor_add", {"a": a, "b": b},
                         {"a": "bfloat16", "b": "bfloat16"})
    # The Vector Engine adds in fp32 and rounds once to the bf16 destination.
    np.testing.assert_array_equal(outs["out"], round_to_bf16(a + b))


@pytest.mark.parametrize("k,m,n", [(128, 128, 512), (1024, 512, 1024), (384, 256, 1536)])
def test_matmul_bfloat16(tmp_path, k, m, n):
    rng = np.random.default_rng(k + m + n)
    lhsT = round_to_bf16(rng.standard_normal((k, m)))
    rhs = round_to_bf16(rng.standard_normal((k, n)))
    outs, _ = run_kernel(tmp_path, "kernels/matmul.py:matmul", {"lhsT": lhsT, "rhs": rhs},
                         {"lhsT": "bfloat16", "rhs": "bfloat16"})
    want = load_reference("matmul")(lhsT.astype(np.float64), rhs.astype(np.float64))
    assert outs["result"].dtype == np.float32 and outs["result"].shape == (m, n)
    assert relative_error(outs["result"], want) < 1e-3


def test_matmul_float32(tmp_path):
    rng = np.random.default_rng(3)
    lhsT = rng.standard_normal((256, 128)).astype(np.float32)
    rhs = rng.standard_normal((256, 512)).astype(np.float32)
    outs, _ = run_kernel(tmp_path, "kernels/matmul.py:matmul", {"lhsT": lhsT, "rhs": rhs}, {})
    want = lhsT.astype(np.float64).T @ rhs.astype(np.float64)
    assert relative_error(outs["result"], want) < 1e-5

"""Runtime loops against NumPy: one compiled kernel, iteration counts read at run time."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nki  # noqa: E402
import nki_testing  # noqa: E402
import runtime_loop_kernels as k  # noqa: E402


@pytest.mark.parametrize("n", [0, 1, 5])
def test_dynamic_range_with_a_register_bound(n):
    x = np.random.default_rng(n).standard_normal((128, 32)).astype(np.float32)
    got = nki.simulate(k.repeat_add)(x, np.array([[n]], dtype=np.int32))
    np.testing.assert_allclose(got, x * n, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("n", [1, 4])
def test_while_loop_counts_down(n):
    x = np.zeros((64, 8), dtype=np.float32)
    got = k.countdown(x, np.array([[n]], dtype=np.int32))
    np.testing.assert_array_equal(got, np.full_like(x, n))


def test_fori_loop_step_and_induction_register():
    got = k.strided_rows(np.zeros((1, 1), np.float32), np.array([[7]], dtype=np.int32))
    # i runs 0, 2, 4, 6: the last value stored is 6, and the body ran 4 times.
    assert got[0, 0] == 6 and got[0, 1] == 4


def test_runaway_runtime_loop_is_an_error(monkeypatch):
    monkeypatch.setenv("NKI_MAX_LOOP_ITERATIONS", "1000")
    x = np.zeros((64, 8), dtype=np.float32)
    with pytest.raises(nki.NkiError, match="runtime loops ran more than 1000 iterations"):
        # A negative count never reaches 0 when counting down.
        k.countdown(x, np.array([[-1]], dtype=np.int32))


@pytest.mark.parametrize("a,b", [(3, 4), (2, 1), (0, 5)])
def test_nested_runtime_loops(a, b):
    x = np.random.default_rng(a * 10 + b).standard_normal((32, 4)).astype(np.float32)
    got = nki.simulate(k.nested)(x, np.array([[a]], np.int32), np.array([[b]], np.int32))
    want = x.copy()
    for _ in range(a):
        for _ in range(1, b):
            want = want + np.float32(1.0)
        want = want * np.float32(2.0)
    np.testing.assert_array_equal(got, want)


def _run_json(tmp_path, count, *extra):
    """`nki run repeat_add --json` with count[0, 0] = count: the timing summary as a dict."""
    c = tmp_path / f"count{count}.npy"
    np.save(c, np.array([[count]], dtype=np.int32))
    kernel = Path(__file__).resolve().parent / "runtime_loop_kernels.py"
    p = subprocess.run([str(nki_testing.nki_bin()), "run", f"{kernel}:repeat_add", "--arg", "x=random:128x32:float32",
                        "--arg", f"count={c}", "--json", *extra], capture_output=True, text=True)
    return p, (json.loads(p.stdout) if p.returncode == 0 else None)


def test_runtime_loop_is_timed_per_iteration(tmp_path):
    _, few = _run_json(tmp_path, 10)
    _, many = _run_json(tmp_path, 40)
    # The body runs as often as the register says: 30 more iterations of two instructions (the
    # add and loop_end), and the time grows with them.
    assert many["instructions_executed"] - few["instructions_executed"] == 30 * 2
    per_iteration = (many["device_time_us"] - few["device_time_us"]) / 30
    assert per_iteration > 0.05
    _, once = _run_json(tmp_path, 1)
    assert few["device_time_us"] - once["device_time_us"] == pytest.approx(9 * per_iteration, rel=0.05)


def test_timing_only_cannot_follow_a_register_loaded_from_memory(tmp_path):
    p, _ = _run_json(tmp_path, 3, "--timing-only")
    assert p.returncode == 1
    assert "runtime_loop_kernels.py:13:5: error: --timing-only cannot follow this kernel" in p.stderr

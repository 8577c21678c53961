"""Kernel-body Python rules against NumPy: `is`, dicts keyed by enums and nl operators, plain
classes with static and class methods choosing the tiling, and outputs returned as reshapes
(from Python and from the `nki` command)."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]
import nki  # noqa: E402
import python_rules_kernels as k  # noqa: E402

SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
ACTS = {k.Act.RELU: lambda v: np.maximum(v, 0), k.Act.EXP: np.exp, k.Act.TANH: np.tanh}


def rand(*shape, seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, shape).astype(np.float32)


@pytest.mark.parametrize("act", list(k.Act))
@pytest.mark.parametrize("with_bias", [False, True])
@pytest.mark.parametrize("small", [False, True])
def test_act_then_op_tables(act, with_bias, small):
    x = rand(256, 48)
    bias = rand(256, 48, seed=1) if with_bias else None
    got = k.act_then_op(x, act, nki.language.multiply, 4.0, bias=bias, small=small)
    want = ACTS[act](x) + (bias if with_bias else 0)
    np.testing.assert_allclose(got, want / np.float32(4.0), rtol=2e-6, atol=1e-6)


def test_act_then_op_subtract():
    x = rand(128, 16)
    got = k.act_then_op(x, k.Act.RELU, nki.language.add, 0.5)
    np.testing.assert_allclose(got, np.maximum(x, 0) - np.float32(0.5), rtol=1e-6)


def test_small_tiling_uses_static_and_class_methods():
    ir = k.act_then_op.compile_ir(rand(64, 8), k.Act.EXP, nki.language.add, 1.0, small=True)
    assert ir.count("activation") == 2  # SmallTiling.of -> 32-row tiles


@pytest.mark.parametrize("shape,returned", [((128, 64), None), ((128, 64), (2, 64, 64)), ((4, 6), (3, 8))])
def test_returned_reshape_from_python(shape, returned):
    x = rand(*shape)
    got = nki.simulate(k.flat_copy)(x, returned)
    want = x.reshape(-1 if returned is None else returned)
    assert got.shape == want.shape
    np.testing.assert_array_equal(got, want)
    assert k.flat_copy(x, returned).shape == want.shape


def test_returned_reshapes_among_several_outputs():
    x = rand(64, 32)
    doubled, same = k.split_and_flatten(x)
    assert doubled.shape == (64 * 32,) and same.shape == (2, 32, 32)
    np.testing.assert_array_equal(doubled, (2 * x).reshape(-1))
    np.testing.assert_array_equal(same, x.reshape(2, 32, 32))


def test_returned_reshape_from_the_command(tmp_path):
    nki_bin = os.environ.get("NKI_BIN") or str(SOURCE_DIR / "build" / "nki")
    if not os.path.exists(nki_bin):
        pytest.skip("the nki command is not built (make build)")
    x = rand(32, 16)
    np.save(tmp_path / "x.npy", x)
    proc = subprocess.run([nki_bin, "run", f"{HERE / 'python_rules_kernels.py'}:split_and_flatten",
                           "--arg", f"x={tmp_path / 'x.npy'}", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "doubled: float32[512]" in proc.stdout, proc.stdout
    np.testing.assert_array_equal(np.load(tmp_path / "out" / "doubled.npy"), (2 * x).reshape(-1))
    np.testing.assert_array_equal(np.load(tmp_path / "out" / "same.npy"), x.reshape(2, 16, 16))

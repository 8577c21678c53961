"""The kernel package tests/kernels/pymod, whose modules hold module-level Python nki never
interprets (environment variables, dtype- and enum-keyed tables, numpy constants, configs built by
loops, closures, partials, lambdas, decorated helpers, a file read, try/except, generators).

Every kernel runs from Python (nki.simulate and the @nki.jit call) and from the `nki` command on
the same inputs: the two results must be bit-identical and match the kernel's NumPy reference
(exactly for exact fp32 arithmetic; to a stated tolerance where the Scalar engine evaluates a
transcendental function)."""

import os
import shlex
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import nki  # noqa: E402
import nki.language as nl  # noqa: E402
import nki_testing  # noqa: E402
from pymod import kernels as K  # noqa: E402
from pymod import tables  # noqa: E402

SOURCE_DIR = nki_testing.SOURCE_DIR
KERNEL_FILE = "tests/kernels/pymod/kernels.py"  # as typed from the source tree
SCALE = float(os.environ["PYMOD_SCALE"])        # set by tables.py unless the caller set it
# exp/tanh on the Scalar engine against NumPy's float64-rounded values.
TRANSCENDENTAL = dict(rtol=2e-6, atol=1e-6)


def rand(*shape, seed=0, lo=-2.0, hi=2.0):
    return np.random.default_rng(seed).uniform(lo, hi, shape).astype(np.float32)


def cli(tmp_path, name, env=None, **args):
    """`nki run tests/kernels/pymod/kernels.py:<name>` from the source tree, arrays saved as .npy
    and other values passed as literals; returns ({output name: array}, stdout)."""
    argv = ["run", f"{KERNEL_FILE}:{name}"]
    for key, value in args.items():
        if isinstance(value, np.ndarray):
            path = tmp_path / f"{key}.npy"
            np.save(path, value)
            value = str(path)
        else:
            value = repr(value)
        argv += ["--arg", f"{key}={value}"]
    out = tmp_path / "out"
    argv += ["--out", str(out)]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PYMOD_")}
    full_env.update(env or {})
    import subprocess
    proc = subprocess.run([nki_testing.nki_bin()] + argv, cwd=SOURCE_DIR, capture_output=True, text=True,
                          timeout=120, env=full_env)
    assert proc.returncode == 0, f"nki {shlex.join(argv)}\n{proc.stdout}\n{proc.stderr}"
    return {p.stem: np.load(p) for p in out.glob("*.npy")}, proc.stdout


def same_bits(a, b):
    """Bit-identical arrays (NaNs included), of one shape and dtype."""
    assert a.shape == b.shape and a.dtype == b.dtype, (a.shape, a.dtype, b.shape, b.dtype)
    np.testing.assert_array_equal(a.view(np.uint8), b.view(np.uint8))


# --- each kernel from Python and from the command ------------------------------------------------

@pytest.mark.parametrize("with_bias", [False, True])
def test_act_bias(tmp_path, with_bias):
    x = rand(300, 48)
    bias = rand(300, 48, seed=1) if with_bias else None
    kw = {"bias": bias} if with_bias else {}
    py = nki.simulate(K.act_bias)(x, **kw)
    same_bits(py, K.act_bias(x, **kw))
    outs, _ = cli(tmp_path, "act_bias", env={"PYMOD_SCALE": os.environ["PYMOD_SCALE"]}, x=x, **kw)
    same_bits(outs["out"], py)
    np.testing.assert_array_equal(py, K.reference_act_bias(x, bias=bias, scale=SCALE))  # relu: exact


@pytest.mark.parametrize("act", list(tables.Act))
def test_act_bias_every_member_of_the_enum(act):
    x = rand(130, 16, seed=2)
    got = K.act_bias(x, act, bias=x)
    want = K.reference_act_bias(x, act, bias=x, scale=SCALE)
    if act in (tables.Act.RELU, tables.Act.IDENTITY):
        np.testing.assert_array_equal(got, want)
    else:
        np.testing.assert_allclose(got, want, **TRANSCENDENTAL)


def test_cast_roundtrip_and_its_compile_time_print(tmp_path, capsys):
    x = rand(128, 64, seed=3)
    nki.clear_cache()  # the print appears only when compiling
    py = nki.simulate(K.cast_roundtrip)(x)
    printed = capsys.readouterr().out
    outs, stdout = cli(tmp_path, "cast_roundtrip", x=x)
    same_bits(outs["out"], py)
    same_bits(py, K.reference_cast_roundtrip(x))
    lines = printed.splitlines()
    assert lines == [
        "cast (128, 64) to bfloat16: 16384 bytes, accumulate in float32",
        "pi=3.1415927 eps=1.1920929e-07 half=0.5 two=2 tile_bytes=262144 squares=285",
        "floor(100 pi)=314 same=True np=True",
    ], printed
    assert stdout.splitlines()[:len(lines)] == lines, stdout


def test_cast_roundtrip_float16_from_python():
    x = rand(128, 32, seed=4)
    same_bits(K.cast_roundtrip(x, nl.float16), K.reference_cast_roundtrip(x, nl.float16))


def test_tiled_post(tmp_path):
    x = rand(128, 96, seed=5)
    py = nki.simulate(K.tiled_post)(x)
    same_bits(py, K.tiled_post(x))
    outs, _ = cli(tmp_path, "tiled_post", x=x)
    same_bits(outs["out"], py)
    same_bits(py, K.reference_tiled_post(x))  # multiply/add/min/max only: exact


@pytest.mark.parametrize("cols", sorted(tables.CONFIGS))
def test_tiled_post_configs_built_by_a_loop(cols):
    x = rand(64, 64, seed=cols)
    cfg = tables.CONFIGS[cols]
    same_bits(K.tiled_post(x, cfg), K.reference_tiled_post(x, cfg))


@pytest.mark.parametrize("groups", [None, 2, 8])
def test_doubled_flat_returns_a_reshape(tmp_path, groups):
    x = rand(8, 128, seed=6)
    kw = {} if groups is None else {"groups": groups}
    py = nki.simulate(K.doubled_flat)(x, **kw)
    outs, _ = cli(tmp_path, "doubled_flat", x=x, **kw)
    same_bits(outs["out"], py)
    same_bits(py, K.reference_doubled_flat(x, groups))


def test_tuple_argument_from_python_and_the_command_line(tmp_path):
    x = rand(8, 128, seed=7)
    py = nki.simulate(K.doubled_flat)(x, shape=(2, 4, 128))
    outs, _ = cli(tmp_path, "doubled_flat", x=x, shape=(2, 4, 128))  # --arg shape=(2, 4, 128)
    same_bits(outs["out"], py)
    same_bits(py, K.reference_doubled_flat(x, shape=(2, 4, 128)))


@pytest.mark.parametrize("mode,act", [("add", "relu"), ("sub", "relu"), ("max", "tanh"), ("add", "exp")])
def test_env_mode_reads_the_environment_in_the_body(tmp_path, monkeypatch, mode, act):
    x, y = rand(128, 40, seed=7), rand(128, 40, seed=8)
    monkeypatch.setenv("PYMOD_MODE", mode)
    monkeypatch.setenv("PYMOD_ACT", act)
    py = nki.simulate(K.env_mode)(x, y)
    outs, _ = cli(tmp_path, "env_mode", env={"PYMOD_MODE": mode, "PYMOD_ACT": act}, x=x, y=y)
    same_bits(outs["out"], py)
    want = K.reference_env_mode(x, y, mode, act)
    if act == "relu":
        same_bits(py, want)
    else:
        np.testing.assert_allclose(py, want, **TRANSCENDENTAL)


def test_env_change_recompiles(monkeypatch):
    """The compile cache notices a changed environment variable the body read."""
    x, y = rand(128, 8, seed=9), rand(128, 8, seed=10)
    monkeypatch.setenv("PYMOD_MODE", "add")
    a = K.env_mode(x, y)
    monkeypatch.setenv("PYMOD_MODE", "sub")
    b = K.env_mode(x, y)
    same_bits(a, K.reference_env_mode(x, y, "add"))
    same_bits(b, K.reference_env_mode(x, y, "sub"))


# --- the module-level code is Python's -----------------------------------------------------------

def test_module_level_code_ran_once_in_python():
    x = rand(128, 64, seed=11)
    for _ in range(3):
        K.act_bias(x)
        K.tiled_post(x)
    nki.clear_cache()
    K.act_bias(x)
    # The package was imported once; compiling read its values and never ran its top level again.
    assert os.environ["PYMOD_IMPORTS"] == "1"
    # Statements nki could never interpret ran in Python and did not matter to the kernels.
    assert tables.SOURCE_LINES == len(Path(tables.__file__).read_text().splitlines())
    assert tables.SUM_OF_SQUARES == 285
    assert isinstance(tables.HAVE_ML_DTYPES, bool)
    assert list(tables.PENDING) == [0, 1, 2]  # no compilation consumed the generator
    # The functools.wraps wrapper never ran: nki compiled the decorated function's own source.
    assert tables.CALLS == []

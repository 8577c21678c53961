"""Kernels of pymod; each reads module-level Python values through helpers.py and tables.py.

Every kernel has a NumPy reference, `reference_<name>`, used by tests/kernels/test_pymod.py.
"""
import math
import os

import numpy as np

import nki
import nki.isa as nisa
import nki.language as nl

from . import helpers
from .helpers import activate, row_tiles
from .tables import DEFAULT_CFG, EPS, HALF, OPTIONS, PI, SUM_OF_SQUARES, TILE_BYTES, TWO, Act


@nki.jit
def act_bias(x, act=Act.RELU, bias=None):
    """out = activate(x, act) (+ bias) times $PYMOD_SCALE, tiled over rows (partial last tile)."""
    rows, cols = x.shape
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    scale = float(os.environ.get("PYMOD_SCALE", "1.0"))
    for start, n in row_tiles(rows):
        t = nl.load(x[start:start + n, :])
        t = activate(t, act)
        if bias is not None:
            t = nl.add(t, nl.load(bias[start:start + n, :]))
        nl.store(out[start:start + n, :], nl.multiply(t, scale))
    return out


def reference_act_bias(x, act=Act.RELU, bias=None, scale=2.5):
    fn = {Act.RELU: lambda v: np.maximum(v, 0), Act.EXP: np.exp, Act.TANH: np.tanh,
          Act.IDENTITY: lambda v: v}[act]
    y = fn(x).astype(np.float32)
    if bias is not None:
        y = y + bias
    return (y * np.float32(scale)).astype(np.float32)


@nki.jit
def cast_roundtrip(x, dtype=nl.bfloat16):
    """x rounded to `dtype` and back to its accumulation dtype; prints what the tables say."""
    acc = helpers.accum_dtype(dtype)
    print(f"cast {x.shape} to {dtype}: {helpers.bytes_of(x.shape, dtype)} bytes, accumulate in {acc}")
    print(f"pi={PI} eps={EPS} half={HALF} two={TWO} tile_bytes={TILE_BYTES} squares={SUM_OF_SQUARES}")
    print(f"floor(100 pi)={math.floor(PI * 100)} same={x.dtype is nl.float32} np={np.float32 == nl.float32}")
    out = nl.ndarray(x.shape, dtype=acc, buffer=nl.shared_hbm)
    low = nl.ndarray(x.shape, dtype=dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=low, src=x)
    nl.store(out, nl.copy(low, dtype=acc))
    return out


def reference_cast_roundtrip(x, dtype=nl.bfloat16):
    return nki.as_dtype(x, dtype).numpy().astype(np.float32)


@nki.jit
def tiled_post(x, cfg=DEFAULT_CFG):
    """Column tiles of cfg.cols: clamp(square(3x * 0.5 + 1)) * cfg.scale + OPTIONS.shift."""
    rows, cols = x.shape
    assert cols % cfg.cols == 0, f"{cols} columns do not split into tiles of {cfg.cols}"
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    for j in range(cols // cfg.cols):
        c = j * cfg.cols
        t = helpers.post(nl.load(x[:, c:c + cfg.cols]), cfg)
        t = nl.add(nl.multiply(t, cfg.scale), OPTIONS.shift)
        nl.store(out[:, c:c + cfg.cols], t)
    return out


def reference_tiled_post(x, cfg=DEFAULT_CFG):
    f32 = np.float32
    t = x * f32(3.0)
    t = t * f32(0.5) + f32(1.0)
    t = t * t
    t = np.minimum(np.maximum(t, f32(cfg.clamp[0])), f32(cfg.clamp[1]))
    return (t * f32(cfg.scale) + f32(OPTIONS.shift)).astype(np.float32)


@nki.jit
def doubled_flat(x, groups=None, shape=None):
    """2x, returned as a reshape of the output: flat by default, else `groups` row groups, or
    `shape` (a tuple)."""
    rows, cols = x.shape
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    nl.store(out, nl.multiply(nl.load(x), TWO))
    if shape is not None:
        return out.reshape(shape)
    if groups is None:
        return out.reshape((rows * cols,))
    return out.reshape((groups, rows // groups, cols))


def reference_doubled_flat(x, groups=None, shape=None):
    rows, cols = x.shape
    if shape is not None:
        return (x * np.float32(2)).reshape(shape)
    return (x * np.float32(2)).reshape(-1 if groups is None else (groups, rows // groups, cols))


@nki.jit
def env_mode(x, y):
    """op(activation(x), y) with the op and the activation chosen by environment variables."""
    mode = os.environ.get("PYMOD_MODE", "add")
    act = Act(os.environ.get("PYMOD_ACT", "relu"))
    op = {"add": nl.add, "sub": nl.subtract, "max": nl.maximum}[mode]
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    nl.store(out, op(activate(nl.load(x), act), nl.load(y)))
    return out


def reference_env_mode(x, y, mode="add", act="relu"):
    a = reference_act_bias(x, Act(act), scale=1.0)
    return {"add": np.add, "sub": np.subtract, "max": np.maximum}[mode](a, y).astype(np.float32)

"""Kernels for test_python_rules.py: the Python rules real NKI library code relies on inside
kernel bodies -- `is` / `is not`, dicts keyed by enums, dtypes and nl operators, plain classes
with @staticmethod / @classmethod -- and kernels returning a reshape of their output."""
from enum import Enum

import nki
import nki.isa as nisa
import nki.language as nl


class Act(Enum):
    RELU = 0
    EXP = 1
    TANH = 2


ACT_OPS = {Act.RELU: nl.relu, Act.EXP: nl.exp, Act.TANH: nl.tanh}
# The operator that undoes each, for the second instruction of `act_then_op`.
PAIR = {nl.add: nl.subtract, nl.multiply: nl.divide}


class RowTiling:
    MAX_ROWS = 128

    def __init__(self, rows, tile):
        self.rows = rows
        self.tile = tile

    @staticmethod
    def tiles(n, tile):
        return (n + tile - 1) // tile

    @classmethod
    def of(cls, shape):
        return cls(shape[0], min(shape[0], cls.MAX_ROWS))

    @property
    def count(self):
        return self.tiles(self.rows, self.tile)


class SmallTiling(RowTiling):
    MAX_ROWS = 32


@nki.jit
def act_then_op(x, act, op, operand, bias=None, small=False):
    """out = PAIR[op](ACT_OPS[act](x) + bias, operand), tile by tile (bias: [rows, cols] or None)."""
    tiling = (SmallTiling if small else RowTiling).of(x.shape)
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    for i in range(tiling.count):
        rows = nl.ds(i * tiling.tile, tiling.tile)
        t = nl.ndarray((tiling.tile, x.shape[1]), dtype=nl.float32, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=x[rows, :])
        nisa.activation(dst=t, op=ACT_OPS[act], data=t)
        if bias is not None:
            b = nl.ndarray(t.shape, dtype=nl.float32, buffer=nl.sbuf)
            nisa.dma_copy(dst=b, src=bias[rows, :])
            nisa.tensor_tensor(dst=t, data1=t, data2=b, op=nl.add)
        nisa.tensor_scalar(dst=t, data=t, op0=PAIR[op], operand0=operand)
        nisa.dma_copy(dst=out[rows, :], src=t)
    return out


@nki.jit
def flat_copy(x, shape=None):
    """x copied into an output of x's shape, returned reshaped to `shape` (default: 1-D)."""
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.dma_copy(dst=out, src=t)
    return out.reshape((x.shape[0] * x.shape[1],) if shape is None else shape)


@nki.jit
def split_and_flatten(x):
    """Two outputs: x doubled as a 1-D reshape, and x itself as [2, rows/2, cols]."""
    doubled = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    same = nl.ndarray((2, x.shape[0] // 2, x.shape[1]), dtype=x.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.dma_copy(dst=same.reshape(x.shape), src=t)
    nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=2.0)
    nisa.dma_copy(dst=doubled, src=t)
    return doubled.reshape((x.shape[0] * x.shape[1],)), same

# NKIObject config classes (with and without @dataclass), enums, methods, properties, __call__,
# __post_init__, and functions passed around as values, all resolved at compile time.
# RUN: compile kernel --arg x=zeros:256x64:float32
from dataclasses import dataclass
from enum import Enum

import nki
import nki.language as nl
import nki.isa as nisa


class Act(Enum):
    COPY = 0
    EXP = 1


@dataclass(frozen=True)
class TileConfig(nl.NKIObject):
    rows: int = 128
    act: Act = Act.COPY

    @property
    def num_partitions(self):
        return min(self.rows, nl.tile_size.pmax)

    def op(self):
        return nl.exp if self.act == Act.EXP else nl.copy


class Scaler(nl.NKIObject):
    factor: float = 2.0

    def __post_init__(self):
        print("Scaler", self.factor)

    def __call__(self, dst, src):
        nisa.tensor_scalar(dst=dst, data=src, op0=nl.multiply, operand0=self.factor)


def apply(fn, *args):
    return fn(*args)


@nki.jit
def kernel(x, cfg=TileConfig(act=Act.EXP)):
    print(cfg, cfg.num_partitions, [a.name for a in Act], Act(1) == cfg.act)
    scale = Scaler(factor=0.5)
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    for i in range(x.shape[0] // cfg.num_partitions):
        t = nl.ndarray((cfg.num_partitions, x.shape[1]), dtype=x.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=x[nl.ds(i * cfg.num_partitions, cfg.num_partitions), :])
        nisa.activation(dst=t, op=cfg.op(), data=t)
        apply(scale, t, t)
        nisa.dma_copy(dst=out[nl.ds(i * cfg.num_partitions, cfg.num_partitions), :], src=t)
    return out

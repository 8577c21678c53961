# `is` / `is not`: None checks of optional arguments, dtype and operator identity, and object
# identity of lists, functions and enum members; all decided at compile time.
# RUN: compile kernel --arg x=zeros:128x64:bfloat16
from enum import Enum

import nki
import nki.language as nl
import nki.isa as nisa


class Mode(Enum):
    COPY = 0
    EXP = 1


def pick(mode, op=None):
    if op is not None:
        return op
    return nl.exp if mode is Mode.EXP else nl.copy


@nki.jit
def kernel(x, scale=None, mode=Mode.EXP):
    acc = nl.float32 if x.dtype is nl.bfloat16 else x.dtype
    shapes = [x.shape]
    alias = shapes
    print(scale is None, acc is nl.float32, x.dtype is not nl.float32, alias is shapes, shapes is [x.shape],
          pick(mode) is nl.exp, pick(Mode.COPY, nl.tanh) is nl.tanh, mode is not Mode.COPY, 128 is 128)
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(x.shape, dtype=acc, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.activation(dst=t, op=pick(mode), data=t, scale=1.0 if scale is None else scale)
    nisa.dma_copy(dst=out, src=t)
    return out

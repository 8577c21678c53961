# Dict keys of any hashable compile-time value: dtypes, enum members, ints (1, 1.0 and True are one
# key), tuples, nl operators and None, in literals, comprehensions, dict(), lookups and iteration.
# RUN: compile kernel --arg x=zeros:128x64:float32
from enum import Enum

import nki
import nki.language as nl
import nki.isa as nisa


class Act(Enum):
    RELU = 0
    EXP = 1


ACT_OPS = {Act.RELU: nl.relu, Act.EXP: nl.exp}
INVERSE = {nl.add: nl.subtract, nl.multiply: nl.divide}
BYTES = {nl.float32: 4, nl.bfloat16: 2, nl.float8_e4m3: 1}


@nki.jit
def kernel(x, act=Act.EXP):
    tiles = {(p, f): p * f for p in (64, 128) for f in (32, 64)}
    flags = {1: "one", None: "none"}
    flags[True] = "true"
    flags[1.0] = "float"
    print(tiles[(128, 64)], BYTES[x.dtype], flags, len(flags), (64, 32) in tiles, sorted(tiles.values()))
    print([a.name for a in ACT_OPS], dict(zip(range(2), "ab")), {nl.sbuf: 0, nl.psum: 1}.get(nl.psum))
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.activation(dst=t, op=ACT_OPS[act], data=t)
    nisa.tensor_scalar(dst=t, data=t, op0=INVERSE[nl.multiply], operand0=float(BYTES[nl.bfloat16]))
    nisa.dma_copy(dst=out, src=t)
    return out

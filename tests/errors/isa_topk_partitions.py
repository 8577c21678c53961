# RUN: check kernel
# EXPECT: topk: src covers 8 partitions; it must be a multiple of 16 (one snake per 16 partitions)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((8, 4), dtype=nl.bfloat16, buffer=nl.sbuf)
    v = nl.ndarray((8, 8), dtype=nl.bfloat16, buffer=nl.sbuf)
    i = nl.ndarray((8, 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.topk(val_dst=v, idx_dst=i, src=s, n=64)

# RUN: check kernel
# EXPECT: topk: val_dst is float32; it must be bfloat16
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 4), dtype=nl.bfloat16, buffer=nl.sbuf)
    v = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.topk(val_dst=v, idx_dst=i, src=s, n=64)

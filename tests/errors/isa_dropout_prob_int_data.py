# RUN: check kernel
# EXPECT: dropout: prob is bfloat16; with integer data it must be float32
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dropout(dst=a, data=a, prob=v)

# RUN: check kernel
# EXPECT: bn_aggr: data has 10 elements per partition; bn_stats triples need a multiple of 3
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 10), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_aggr(dst=d, data=a)

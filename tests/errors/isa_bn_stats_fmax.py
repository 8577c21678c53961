# RUN: check kernel
# EXPECT: bn_stats: data has 1024 elements per partition; the maximum is 512 (nl.tile_size.bn_stats_fmax)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 1024), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 6), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_stats(dst=d, data=a)

# RUN: run kernel
# EXPECT: nc_stream_shuffle: shuffle_mask[0] = 20 selects src partition 20, but src has 16 partitions
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=s, value=0.0)
    nisa.nc_stream_shuffle(dst=s, src=s[0:16, :], shuffle_mask=[20] + [255] * 31)

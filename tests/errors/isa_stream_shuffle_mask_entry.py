# RUN: check kernel
# EXPECT: nc_stream_shuffle: shuffle_mask[3] = 40; entries must be 0..31 (a partition of the quadrant) or 255
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_stream_shuffle(dst=s, src=s, shuffle_mask=[0, 1, 2, 40] + [255] * 28)

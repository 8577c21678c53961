# RUN: check kernel
# EXPECT: nisa.nc_stream_shuffle() argument 'shuffle_mask' must be a list of integers, not int
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_stream_shuffle(dst=s, src=s, shuffle_mask=3)

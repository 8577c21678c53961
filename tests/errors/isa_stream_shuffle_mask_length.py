# RUN: check kernel
# EXPECT: nc_stream_shuffle: shuffle_mask has 31 entries; it must have 32
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_stream_shuffle(dst=s, src=s, shuffle_mask=list(range(31)))

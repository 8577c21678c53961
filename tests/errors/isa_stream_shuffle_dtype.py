# RUN: check kernel
# EXPECT: nc_stream_shuffle: dst is bfloat16 and src is float32; the dtypes must match
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((32, 8), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.nc_stream_shuffle(dst=d, src=s, shuffle_mask=list(range(32)))

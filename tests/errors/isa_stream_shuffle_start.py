# RUN: check kernel
# EXPECT: nc_stream_shuffle: dst starts at partition 32; with 64 active partitions both must start at 0 or 64
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_stream_shuffle(dst=s[32:64, :], src=s[0:64, :], shuffle_mask=list(range(32)))

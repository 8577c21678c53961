# RUN: check kernel
# EXPECT: nc_transpose: on the Tensor Engine, data must be in sbuf and dst in psum
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((64, 16), dtype=nl.float32, buffer=nl.sbuf)
    t = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_transpose(dst=t, data=a, engine=nisa.engine.tensor)

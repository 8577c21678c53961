# RUN: check kernel
# EXPECT: nc_matmul_mx: needs NeuronCore-v4 (trn3) or newer; the target is NeuronCore-v3 (trn2)
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    st = nl.ndarray((128, 64), dtype=nl.uint32, buffer=nl.sbuf)
    mv = nl.ndarray((128, 128), dtype=nl.uint32, buffer=nl.sbuf)
    ss = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    ms = nl.ndarray((128, 128), dtype=nl.uint8, buffer=nl.sbuf)
    p = nl.ndarray((64, 128), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=st, moving=mv, stationary_scale=ss, moving_scale=ms)

# RUN: check kernel --target trn1
# EXPECT: nc_matmul: perf_mode=double_row needs NeuronCore-v3 (trn2) or newer, not trn1
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 2, 64), dtype=nl.float8_e4m3, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, perf_mode=nisa.matmul_perf_mode.double_row)

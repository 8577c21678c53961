# RUN: check kernel --target trn3
# EXPECT: exponential: reduce_res must be a [128,1] tensor (one value per partition of src), got [128,2]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((128, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=a, src=a, reduce_res=r, reduce_cmd=nisa.reduce_cmd.reset_reduce)

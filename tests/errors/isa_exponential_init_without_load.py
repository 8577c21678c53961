# RUN: check kernel --target trn3
# EXPECT: exponential: reduce_init must be unset or 0.0 unless reduce_cmd=load_reduce (reduce_cmd=reduce)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=a, src=a, reduce_res=r, reduce_cmd=nisa.reduce_cmd.reduce, reduce_init=2.0)

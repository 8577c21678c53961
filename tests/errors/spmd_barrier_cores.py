# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: nisa.core_barrier(): cores does not include this core (1); a core can only wait at a barrier it takes part in
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.core_barrier(data=out, cores=(0,))

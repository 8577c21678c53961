# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: core_barrier: data 'scratch' is in hbm; a barrier synchronises on a tensor in shared_hbm
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    scratch = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm, name="scratch")
    nisa.core_barrier(data=scratch, cores=(0, 1))

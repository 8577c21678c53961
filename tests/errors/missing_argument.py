# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: nisa.tensor_tensor() missing required argument 'op'
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=t, data1=t, data2=t)

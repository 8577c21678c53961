# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: tensor_tensor: data1 covers 128 partitions x 512 elements, data2 covers 128 partitions x 256 elements
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    x = nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.sbuf)
    y = nl.ndarray((128, 256), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=x, data1=x, data2=y, op=nl.add)

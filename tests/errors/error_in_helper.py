# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: tensor_copy: dst covers 64 partitions x 512 elements, src covers 128 partitions x 512 elements
# EXPECT: note: called from here
# LOC: 11:5
import nki
import nki.language as nl
import nki.isa as nisa


def copy_into(dst, src):
    nisa.tensor_copy(dst=dst, src=src)


@nki.jit
def kernel(a):
    x = nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.sbuf)
    y = nl.ndarray((64, 512), dtype=nl.float32, buffer=nl.sbuf)
    copy_into(y, x)

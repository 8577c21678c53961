# RUN: check kernel --arg a=zeros:128x128:float32
# EXPECT: nl.device_print(): tensor is in psum; device_print reads SBUF or HBM tensors
# LOC: 10:5
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    nl.device_print("t", nl.transpose(nl.load(a)))

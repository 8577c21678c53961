# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.shared_constant(): constant must be the path of an .npy file (a string), not int; nki does not take NumPy arrays as compile-time values
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    c = nl.shared_constant(3)

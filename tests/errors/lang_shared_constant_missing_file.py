# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.shared_constant(): 
# EXPECT: no_such_table.npy': cannot open file
# LOC: 11:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    c = nl.shared_constant("no_such_table.npy")

# RUN: check kernel --arg a=zeros:128x512:float32 --arg b=zeros:128x256:float32
# EXPECT: nl.add(): x has shape (128, 512) and y has shape (128, 256); they must match, or broadcast to a common shape (same rank, each dimension equal or 1)
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a, b):
    s = nl.add(nl.load(a), nl.load(b))

# RUN: run kernel --arg a=random:128xq:float32
# EXPECT: --arg a: bad shape '128xq' (expected sizes joined by 'x', e.g. 128x512)
# CARET: no
import nki


@nki.jit
def kernel(a):
    pass

# RUN: check kernel --arg
# EXPECT: --arg: 1 required TEXT missing
# EXIT: 2
import nki


@nki.jit
def kernel(a):
    return a

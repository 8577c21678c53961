# RUN: check kernel --arg x=zeros:4x4:float32
# EXPECT: unhashable type: 'NkiTensor'
# LOC: 9:8
import nki


def kernel(x):
    seen = {}
    if x in seen:
        pass

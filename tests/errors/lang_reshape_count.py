# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: reshape(): cannot reshape 65536 elements into 32768 elements
# LOC: 8:9
import nki


def kernel(a):
    b = a.reshape((128, 256))

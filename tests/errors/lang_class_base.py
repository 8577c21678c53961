# RUN: check kernel
# EXPECT: class Config must inherit nl.NKIObject (or Enum): NKI kernels only support those classes
# LOC: 7:1
import nki


class Config:
    tile = 128


def kernel():
    pass

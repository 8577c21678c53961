# RUN: check kernel
# EXPECT: class Config: its base is not a class (int); kernel classes derive from object, other classes, nl.NKIObject or Enum
# LOC: 8:14
import nki

TILE = 128

class Config(TILE):
    pass


def kernel():
    pass

# A class defined in kernel code must derive from classes (module-level classes are Python's).
# RUN: check kernel
# EXPECT: class Config: its base is not a class (int); kernel classes derive from object, other classes, nl.NKIObject or Enum
# LOC: 11:18
import nki

TILE = 128


def kernel():
    class Config(TILE):
        pass

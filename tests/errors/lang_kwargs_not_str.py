# RUN: check kernel
# EXPECT: keywords must be strings, not 'int'
# LOC: 12:10
import nki


def tile(**sizes):
    return sizes


def kernel():
    tile(**{1: 128})

# RUN: check kernel
# EXPECT: Config() takes no arguments
# LOC: 12:11
import nki


class Config:
    tile: int = 128


def kernel():
    cfg = Config(256)

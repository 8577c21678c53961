# RUN: check kernel --max-compile-steps 1000
# EXPECT: the kernel's compile-time Python passed 1000 steps here (loop iterations, calls and elements of built lists and strings, all together); a runaway loop or a huge value? (--max-compile-steps raises the limit)
# LOC: 20:17
# Module-level values kernel code reads count their length against the same budget when nki takes
# them over from Python (here 5,000 characters of an enum member and 2,000 list elements): a
# member of a billion characters once took nki seconds and gigabytes to convert.
from enum import Enum

import nki

TABLE = list(range(2000))


class Mode(Enum):
    FAST = 0
    BANNER = "=" * 5000


@nki.jit
def kernel(mode=Mode.FAST):
    _first = TABLE[0] + mode.value

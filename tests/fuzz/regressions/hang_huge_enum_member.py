# A module-level value of a billion characters (an enum member built by f'{1:{10**9}}' at import)
# took nki seconds and gigabytes to convert when the kernel read the enum. Fixed in
# src/pyhost/convert.cpp: a converted string's or container's length counts against the
# compile-time budget, so this is a located budget error at the kernel's use.
from enum import Enum

import nki


class Act(Enum):
    RELU = 0
    BIG = "x" * 10**7


@nki.jit
def kernel(act=Act.RELU):
    pass

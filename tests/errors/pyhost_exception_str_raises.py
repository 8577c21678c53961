# RUN: check kernel
# EXPECT: importing the kernel module raised ValueError: (its message cannot be shown: str() of it raised ValueError)
# LOC: 10:5
# An exception whose str() itself raises (here: the str of an int too long to print) is still
# reported at the line that raised it.
import nki


def helper():
    raise ValueError(10**5000)


helper()


@nki.jit
def kernel():
    pass

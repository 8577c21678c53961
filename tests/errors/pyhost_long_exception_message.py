# RUN: check kernel
# EXPECT: importing the kernel module raised AssertionError: xxxxxxxxxx
# EXPECT: xxxxxxxxxx... (1000000 characters in all)
# LOC: 12:5
# The message of an exception the module's own Python raised is shown up to 2,000 characters: a
# message of a billion characters once ran nki out of memory building the diagnostic.
import nki
import nki.language as nl


class Config:
    assert False, "x" * 10**6


@nki.jit
def kernel():
    pass

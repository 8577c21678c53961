# RUN: check kernel
# EXPECT: importing the kernel module raised SyntaxError: made up
# LOC: 10:5
# A SyntaxError the module's own code raises, with a position that is not a usable one, is
# reported at the raise like any exception.
import nki


def helper():
    raise SyntaxError("made up", ("elsewhere.py", 10**30, "one", "text"))


helper()


@nki.jit
def kernel():
    pass

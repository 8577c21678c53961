# RUN: check kernel --max-hbm 12parsecs
# EXPECT: expected a size such as 16GiB, 512MiB or 1000000, got '12parsecs'
# EXIT: 2
import nki


@nki.jit
def kernel():
    pass

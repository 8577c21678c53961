# RUN: check kernel --max-call-depth 10
# EXPECT: calls nested more than 10 deep (runaway recursion? --max-call-depth raises the limit)
# EXPECT: note: called from here
import nki


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


@nki.jit
def kernel():
    # 20 nested calls: fine by the default (200), too deep for --max-call-depth 10.
    assert depth(20) == 20

# RUN: check kernel
# EXPECT: 'break' and 'continue' cannot be used in a runtime loop: its iterations are decided at run time
# LOC: 9:5
import nki
import nki.language as nl


def kernel():
    for i in nl.dynamic_range(4):
        break

# RUN: check kernel
# EXPECT: runtime loops are not allowed inside `with nl.no_reorder():`
# LOC: 10:9
import nki
import nki.language as nl


def kernel():
    with nl.no_reorder():
        for i in nl.dynamic_range(4):
            pass

# RUN: check kernel
# EXPECT: 'try' is not supported in NKI kernels
# LOC: 8:5
import nki


def kernel():
    try:
        pass
    finally:
        pass

# RUN: check kernal
# EXPECT: 'unknown_kernel_function.py' has no kernel function 'kernal' (functions defined there: kernel)
# CARET: no
import nki


@nki.jit
def kernel():
    pass

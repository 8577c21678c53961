# HBM tensors of terabytes (or with shapes whose byte count overflows 64 bits) are an error at
# compile time, before the simulator allocates them (src/driver/driver.cpp check_hbm_bytes).
# Under make sanitize the second shape was undefined behaviour (a signed overflow computing its
# strides, src/ir/tensor.cpp); src/lang/interp.cpp new_tensor now rejects it where it is made.
import nki.language as nl


def kernel():
    _a = nl.ndarray((2**20, 2**20), dtype=nl.float32, buffer=nl.hbm)
    _b = nl.ndarray((2147483647, 2147483647, 2147483647), dtype=nl.float32, buffer=nl.shared_hbm)

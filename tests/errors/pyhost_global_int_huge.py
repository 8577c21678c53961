# RUN: check kernel
# EXPECT: global 'BIG' is an int, which kernel code cannot use: an integer of about 5001 digits does not fit in a 32-bit int, NKI's integer
# LOC: 14:9
import nki
import nki.language as nl

# Python refuses to print an int of more than 4,300 digits (sys.get_int_max_str_digits()); the
# diagnostic gives its size instead.
BIG = 7**5917


@nki.jit
def kernel():
    x = BIG

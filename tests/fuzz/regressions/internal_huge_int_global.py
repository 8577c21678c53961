# A mutant's module-level int had more than 4,300 digits: the "does not fit in a 32-bit int"
# message called str() on it, which CPython refuses (ValueError: Exceeds the limit for integer
# string conversion), and the ValueError escaped as an internal error. Fixed in
# src/pyhost/convert.cpp: a huge int is described by its size.
N = 10**9999


def kernel():
    x = N

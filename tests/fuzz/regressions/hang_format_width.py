# A format width of 10**9 built a 1 GB string (and longer digit strings overflowed an int). Fixed
# in src/lang/format.cpp parse_spec: width and precision at most 1,000,000.
def kernel():
    _x = f"{1:{10**9}}"
    _y = f"{1.5:.99999999999999999999f}"

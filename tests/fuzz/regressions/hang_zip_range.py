# Found by the fuzzer (see hang_list_range): dict(zip(...)) over huge ranges.
def kernel():
    _x = dict(zip(range(10**8), range(10**8)))

# Found by the fuzzer: printing a list that contains itself recursed until the stack overflowed
# (SIGSEGV). Fixed in src/lang/value.cpp to_str: a container being printed prints as [...].
def kernel():
    _x = [1, 2]
    _x.append(_x)
    print(_x)
    _d = {}
    _d["a"] = _d
    print(_d)

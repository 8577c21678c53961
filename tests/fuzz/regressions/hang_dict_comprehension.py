# Found by the fuzzer: a dict comprehension of 10**8 keys; each insert looks the keys up one by
# one, so it was quadratic and unbounded. Fixed in src/lang/interp_expr.cpp eval_comprehension
# (a step per entry looked at).
def kernel():
    _d = {_i: _i for _i in range(10**8)}

# Found by the fuzzer: builtins (list, max, sum, zip, enumerate, tuple, ...) materialized a range
# without counting its elements as compile-time work: list(range(10**9)) ran for minutes.
# Fixed in src/lang/builtins_python.cpp items_of (Interp::spend).
def kernel():
    _l = list(range(10**9))

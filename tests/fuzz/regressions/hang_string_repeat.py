# 'ab' * 10**9 built 2 GB at compile time (bad_alloc in the fuzzer's 4 GiB worker, an OOM kill
# outside it). Fixed in src/lang/interp_expr.cpp eval_binop (Interp::spend before building).
def kernel():
    _s = "ab" * 10**9

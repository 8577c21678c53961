# A compile-time loop that emits nothing was bounded by nothing. Fixed in src/lang/interp.cpp
# iterate (Interp::spend, --max-compile-steps).
def kernel():
    for _i in range(10**9):
        pass

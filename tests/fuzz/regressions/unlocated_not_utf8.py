# Found by the fuzzer: bytes that are not UTF-8 (a UnicodeDecodeError while CPython reads the
# module) gave an unlocated diagnostic. Fixed with unlocated_null_byte.
def kernel():
    x = "ÿþ"

# The module's import raised an AssertionError whose message was a billion characters: building
# the diagnostic ran the worker out of memory (std::bad_alloc, an internal error). Fixed in
# src/pyhost/embed.cpp: an exception's text is clipped to 2,000 characters.
class Act:
    assert False, "x" * 10**7


def kernel():
    pass

# Module code raised a SyntaxError of its own making whose line number was not an int that fits:
# reading it with a cast to int threw pybind11's cast_error (an internal error; found auditing the
# casts after the fuzzer's internal_dataclass_frozen_truthy). Fixed in src/pyhost/embed.cpp: such a SyntaxError is reported at the raise.
raise SyntaxError("made up", ("elsewhere.py", 10**30, "one", "text"))


def kernel():
    pass

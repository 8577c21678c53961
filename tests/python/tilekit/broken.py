# Not valid Python: imported only by the kernel uses_broken_module (inside its body, which Python
# never runs), so nki's parser reports it. Not a Python module of the test suite.
def nothing(a)
    return a

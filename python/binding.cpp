// The _nki Python extension (being written).
#include <pybind11/pybind11.h>
PYBIND11_MODULE(_nki, m) {}

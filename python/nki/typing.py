"""nki.typing (`import nki.typing as nt`): parameter annotations such as `a: nt.tensor[128, 512]`.

Annotations are documentation for nki: the compiler does not check them (yet), and Python only
evaluates them when a kernel module is imported, which these objects make possible.
"""

__all__ = ["tensor", "Tensor", "mutable_tensor", "scalar", "TensorType"]


class TensorType:
    """The annotation `nt.tensor[shape...]` (optionally with a dtype: nt.tensor[128, 512, nl.float32])."""

    def __init__(self, name, dims=()):
        self._name = name
        self.dims = tuple(dims)

    def __getitem__(self, dims):
        return TensorType(self._name, dims if isinstance(dims, tuple) else (dims,))

    def __eq__(self, other):
        return isinstance(other, TensorType) and (self._name, self.dims) == (other._name, other.dims)

    def __hash__(self):
        return hash((self._name, self.dims))

    def __repr__(self):
        return f"nt.{self._name}" + (f"[{', '.join(map(repr, self.dims))}]" if self.dims else "")


tensor = TensorType("tensor")
mutable_tensor = TensorType("mutable_tensor")  # legacy name: an input the kernel writes
scalar = TensorType("scalar")
Tensor = tensor  # the unsubscripted annotation some kernels use

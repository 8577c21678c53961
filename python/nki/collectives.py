"""nki.collectives (`import nki.collectives as ncc`), as seen by plain Python.

The names of NKI's collective-communication API, so that kernel modules using them import. Like
every nki.language / nki.isa function, each raises KernelOnlyError when called from Python.
Inside a kernel ReplicaGroup, rank_id, all_reduce and all_gather run between the cores of the
launch (docs/language.md, SPMD); the other collectives are an error at the call.
"""

from nki._symbols import KernelOnlyError, define, kernel_only
from nki.language import NKIObject

__all__ = ["KernelOnlyError", "ReplicaGroup", "all_reduce", "all_gather", "all_gather_v", "reduce_scatter",
           "all_to_all", "all_to_all_v", "collective_permute", "collective_permute_implicit",
           "collective_permute_implicit_reduce", "collective_permute_implicit_current_processing_rank_id",
           "rank_id"]

_FUNCTIONS = (
    "all_reduce", "all_gather", "all_gather_v", "reduce_scatter", "all_to_all", "all_to_all_v",
    "collective_permute", "collective_permute_implicit", "collective_permute_implicit_reduce",
    "collective_permute_implicit_current_processing_rank_id", "rank_id",
)
define(globals(), "ncc", _FUNCTIONS, kernel_only)


class ReplicaGroup(NKIObject):
    """Groups of rank ids taking part in a collective: ReplicaGroup([[0, 1], [2, 3]]). A plain
    compile-time value, so kernel modules may build one at import time."""

    def __init__(self, replica_groups=None):
        self.replica_groups = [list(g) for g in (replica_groups or [])]

    def __repr__(self):
        return f"ReplicaGroup({self.replica_groups!r})"

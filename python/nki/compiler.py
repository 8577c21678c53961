"""nki.compiler, as far as kernel libraries touch it at import time.

nki has its own compiler (the `nki` command and the extension); this module only gives the
decorators and names kernel files apply at module level, so that such files import. The
decorators return the function unchanged (their optimization hints have no effect in nki).
"""

__all__ = ["skip_middle_end_transformations", "enable_stack_allocator", "force_auto_alloc"]


def _passthrough(fn=None, **_options):
    if fn is None:
        return lambda f: f
    return fn


skip_middle_end_transformations = _passthrough
enable_stack_allocator = _passthrough
force_auto_alloc = _passthrough

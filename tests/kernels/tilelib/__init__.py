"""tilelib: a small kernel package written the way NKI kernel libraries are organised (helpers in
sibling modules, config dataclasses, enums, activation functions passed as arguments). Used by
tests/kernels/test_tilelib.py."""

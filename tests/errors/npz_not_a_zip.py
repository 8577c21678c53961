# RUN: run kernel --arg a=data/not_a_zip.npz:a
# EXPECT: --arg a: 'data/not_a_zip.npz': not a .npz file (no zip directory found)
# CARET: no
import nki


@nki.jit
def kernel(a):
    return a

# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: pyhost_raising_helper.py:7:5: error: importing 'pyhost_raising_helper' raised ValueError: pyhost_raising_helper needs PYHOST_HELPER_OK=1
# EXPECT: pyhost_import_raises.py:14:5: note: called from here
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.load(a)
    # An import inside the kernel body runs when the kernel compiles (in Python, as any import);
    # this helper module raises at its top level.
    from pyhost_raising_helper import double
    nl.store(out, double(t))
    return out

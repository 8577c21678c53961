# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: importing the kernel module raised RuntimeError: PYHOST_DEVICE is not set
# EXPECT: pyhost_module_raises.py:18:10: note: called from here
# LOC: 13:9
import os

import nki
import nki.language as nl


def device_config():
    if "PYHOST_DEVICE" not in os.environ:
        raise RuntimeError("PYHOST_DEVICE is not set")
    return os.environ["PYHOST_DEVICE"]


# Module-level Python runs when the file is imported, before any kernel compiles.
DEVICE = device_config()


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    nl.store(out, nl.load(a))
    return out

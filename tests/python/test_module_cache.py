"""The compile cache follows the sources and the values a compilation read: editing a helper
module whose code the kernel calls recompiles, and so does changing a global the kernel (or a
helper) reads at run time; calls that change nothing else, or change globals nothing read, hit.
Each test builds its own small package in a temporary folder."""

import importlib
import os
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path.insert(0, str(SOURCE_DIR / "python"))
import nki  # noqa: E402

HELPER = """
FACTOR = 2.0
UNUSED = 1


def scale(nisa, nl, dst, src):
    nisa.tensor_scalar(dst=dst, data=src, op0=nl.multiply, operand0=FACTOR + {bump})
"""

KERNEL = """
import nki
import nki.language as nl
import nki.isa as nisa

from . import helper

OFFSET = 0.0


@nki.jit
def scaled(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    helper.scale(nisa, nl, t, t)
    nisa.tensor_scalar(dst=t, data=t, op0=nl.add, operand0=OFFSET)
    nisa.dma_copy(dst=out, src=t)
    return out
"""


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A fresh package `cachepkg_<n>` with helper.py and kernel.py; returns (kernel module, folder)."""
    name = f"cachepkg_{len(list(tmp_path.parent.iterdir()))}_{os.getpid()}"
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "helper.py").write_text(HELPER.format(bump="0.0"))
    (folder / "kernel.py").write_text(KERNEL)
    monkeypatch.syspath_prepend(str(tmp_path))
    nki.clear_cache()
    return importlib.import_module(f"{name}.kernel"), folder


def run(mod):
    a = np.ones((128, 64), np.float32)
    return float(mod.scaled(a)[0, 0])


def touch_later(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_same_call_hits(package):
    mod, _ = package
    assert run(mod) == 2.0
    assert run(mod) == 2.0
    assert nki.cache_info() == {"hits": 1, "misses": 1, "size": 1}


def test_edited_helper_recompiles(package):
    mod, folder = package
    assert run(mod) == 2.0
    # The helper's body changes on disk: nki compiles bodies from their source, so the next call
    # compiles again and sees the new body (its globals are still the running module's).
    helper = folder / "helper.py"
    helper.write_text(HELPER.format(bump="1.0"))
    touch_later(helper)
    assert run(mod) == 3.0
    assert nki.cache_info()["misses"] == 2


def test_changed_global_recompiles(package):
    mod, _ = package
    assert run(mod) == 2.0
    mod.helper.FACTOR = 5.0      # a global of the helper's module, read by its body
    assert run(mod) == 5.0
    mod.OFFSET = 1.0             # a global of the kernel's module
    assert run(mod) == 6.0
    assert nki.cache_info() == {"hits": 0, "misses": 3, "size": 1}  # one entry per signature
    assert run(mod) == 6.0
    assert nki.cache_info()["hits"] == 1


def test_unrelated_changes_hit(package):
    mod, folder = package
    assert run(mod) == 2.0
    mod.helper.UNUSED = 7        # nothing read it
    mod.NEW_GLOBAL = 3           # nor this
    (folder / "unrelated.py").write_text("X = 1\n")
    assert run(mod) == 2.0
    assert nki.cache_info() == {"hits": 1, "misses": 1, "size": 1}

"""Scheduling hints from Python: kernel.with_schedule adds ordering edges between named
instructions; they show in the IR (after=) and never change the numbers."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nki  # noqa: E402
import language_ops_kernels as k  # noqa: E402


def test_with_schedule_adds_edges():
    a = np.arange(128 * 4, dtype=np.float32).reshape(128, 4)
    plain = k.named_steps.compile_ir(a)
    scheduled = k.named_steps.with_schedule([("fill", "load"), ("store", ["fill", "scale"])])
    ir = scheduled.compile_ir(a)
    assert "after=" not in plain
    assert 'name="fill" after="load"' in ir
    assert 'name="store" after="fill","scale"' in ir
    np.testing.assert_array_equal(scheduled(a), a * 2)


def test_with_schedule_unknown_name():
    a = np.zeros((128, 4), np.float32)
    with pytest.raises(nki.NkiError, match="with_schedule: no instruction is named 'lod'"):
        k.named_steps.with_schedule([("fill", "lod")])(a)


def test_depends_on():
    a = np.ones((128, 4), np.float32)
    ir = k.explicit_dependency.compile_ir(a)
    assert 'memset' in ir and 'after="load"' in ir
    np.testing.assert_array_equal(k.explicit_dependency(a), a + 3)

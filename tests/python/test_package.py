"""Tests of the nki Python package: the import-time names of nki.language / nki.isa, the jit and
simulate entry points, and (once the extension and the library kernels are built) running
kernels on NumPy arrays and the error a bad kernel raises."""

import importlib.util
import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]  # ctest sets PYTHONPATH; by hand, this

import nki  # noqa: E402
import nki.isa as nisa  # noqa: E402
import nki.language as nl  # noqa: E402


def load_module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def extension():
    """The built extension. Under ctest (NKI_BIN set) it must exist; by hand it may be skipped."""
    try:
        from nki import _nki
    except ImportError:
        if os.environ.get("NKI_BIN"):
            raise
        pytest.skip("the _nki extension is not built (make build)")
    return _nki


def library_kernel(name):
    path = SOURCE_DIR / "kernels" / f"{name}.py"
    if not path.is_file():
        pytest.skip(f"kernels/{name}.py does not exist yet")
    return load_module(path)


# --- names usable at import time --------------------------------------------------------------

def test_language_names():
    assert str(nl.float32) == "float32" and nl.bfloat16.name == "bfloat16"
    assert nl.bfloat16 == "bfloat16" and nl.bfloat16 != nl.float16
    assert repr(nl.sbuf) == "nl.sbuf" and nl.hbm == nl.private_hbm
    for name in ("psum", "shared_hbm", "add", "multiply", "maximum", "exp", "tanh", "relu", "copy"):
        assert hasattr(nl, name), name
    assert nl.tile_size.pmax == 128
    assert nl.tile_size.psum_fmax == 512
    assert nl.tile_size.gemm_stationary_fmax == 128
    assert nl.tile_size.gemm_moving_fmax == 512

    class Config(nl.NKIObject):
        size = 4

    assert Config().size == 4


def test_isa_names():
    assert nisa.engine.vector != nisa.engine.scalar
    assert nisa.engine.unknown == 0
    assert nisa.oob_mode.error == 0 and nisa.dge_mode.unknown == 0


@pytest.mark.parametrize("call", [
    lambda: nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.sbuf),
    lambda: nl.add(1, 2),
    lambda: nl.affine_range(4),
    lambda: nisa.dma_copy(dst=None, src=None),
    lambda: nisa.nc_matmul(None, None, None),
])
def test_functions_fail_outside_kernels(call):
    with pytest.raises(nki.KernelOnlyError, match=r"only be used inside a kernel run by nki\.jit"):
        call()


# --- jit, simulate, targets --------------------------------------------------------------------

def plain(a):
    return a


def test_jit_forms():
    k1 = nki.jit(plain)
    k2 = nki.jit()(plain)
    k3 = nki.jit(mode="simulation")(plain)
    for k in (k1, k2, k3):
        assert isinstance(k, nki.Kernel) and k.__name__ == "plain" and k.fn is plain
    assert k3.options == {"mode": "simulation"}
    assert isinstance(k1[1], nki.Kernel) and k1[1].lnc == 1 and k1.lnc == 1
    assert k1[2].lnc == 2 and k1[2].fn is plain and k1[(2,)].lnc == 2
    for bad in (0, 3, 8, -1):
        with pytest.raises(ValueError, match="must be 1 or 2"):
            k1[bad]
    for bad in ((2, 2), 2.0, "2", True, None):
        with pytest.raises(TypeError, match="takes one integer"):
            k1[bad]
    with pytest.raises(ValueError, match="platform_target='trn9' is not a known target"):
        nki.jit(plain, platform_target="trn9")
    assert callable(nki.simulate(plain)) and callable(nki.simulate(k1))


@pytest.mark.parametrize("value,target", [
    (None, "trn2"), ("trn1", "trn1"), ("gen2", "trn1"), ("trn2", "trn2"), ("gen3", "trn2"),
    ("trn3", "trn3"), ("gen4", "trn3"),
])
def test_target_from_environment(monkeypatch, value, target):
    if value is None:
        monkeypatch.delenv("NEURON_PLATFORM_TARGET_OVERRIDE", raising=False)
    else:
        monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", value)
    assert nki.target() == target


def test_unknown_target(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn9")
    with pytest.raises(ValueError, match="trn9"):
        nki.target()


# --- running kernels (needs the extension) -----------------------------------------------------

def test_unsupported_argument_types(extension):
    import sample_kernels
    with pytest.raises(TypeError, match="float64"):
        sample_kernels.copy_through_sbuf(np.zeros((128, 4)))
    with pytest.raises(TypeError, match="cannot be passed to a kernel"):
        sample_kernels.copy_through_sbuf(object())


def test_bfloat16_input_rounds(extension):
    t = nki.as_dtype(np.array([1.0, 1.00390625, 3.0], np.float32), nl.bfloat16)
    assert t.dtype == "bfloat16" and t.shape == (3,)
    np.testing.assert_array_equal(t.numpy(), np.array([1.0, 1.0, 3.0], np.float32))


def test_copy_kernel_and_print(extension, capsys):
    import sample_kernels
    a = np.arange(128 * 64, dtype=np.float32).reshape(128, 64)
    out = sample_kernels.copy_through_sbuf(a)
    np.testing.assert_array_equal(out, a)
    assert "copy_through_sbuf: shape (128, 64)" in capsys.readouterr().out
    out = nki.simulate(sample_kernels.copy_through_sbuf)(a.T.copy())
    np.testing.assert_array_equal(out, a.T)


def test_compile_error_points_at_kernel(extension):
    import sample_kernels
    path = Path(sample_kernels.__file__).resolve()
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if "src=undefined_name_in_kernel" in text)
    with pytest.raises(nki.NkiError) as info:
        nki.simulate(sample_kernels.uses_undefined_name)(np.zeros((128, 4), np.float32))
    text = str(info.value)
    assert text.startswith(f"{path}:{line}:"), text
    assert "undefined_name_in_kernel" in text and "^" in text
    assert info.value.location.startswith(f"{path}:{line}:")


def test_tensor_add(extension):
    mod = library_kernel("tensor_add")
    rng = np.random.default_rng(1)
    a = rng.standard_normal((256, 512), dtype=np.float32)
    b = rng.standard_normal((256, 512), dtype=np.float32)
    expected = mod.reference(a, b)
    np.testing.assert_array_equal(nki.simulate(mod.tensor_add)(a, b), expected)
    np.testing.assert_array_equal(nki.jit(mod.tensor_add)(a, b), expected)


def test_matmul_bfloat16(extension):
    mod = library_kernel("matmul")
    rng = np.random.default_rng(2)
    lhs_t = nki.as_dtype(rng.standard_normal((256, 128), dtype=np.float32), nl.bfloat16)
    rhs = nki.as_dtype(rng.standard_normal((256, 512), dtype=np.float32), nl.bfloat16)
    out = nki.simulate(mod.matmul)(lhs_t, rhs)
    assert out.dtype == np.float32 and out.shape == (128, 512)
    expected = mod.reference(lhs_t.numpy(), rhs.numpy())
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)

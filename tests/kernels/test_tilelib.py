"""A multi-module kernel package (tests/kernels/tilelib) against NumPy: helpers in sibling
modules, a frozen config dataclass and an enum as compile-time arguments, an activation
function passed as an argument, a partial last tile."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nki  # noqa: E402
import nki_testing  # noqa: E402

from tilelib.kernels import rowwise  # noqa: E402


def source():
    return Path(__file__).resolve().parent / "tilelib" / "kernels.py"


@pytest.mark.parametrize("rows", [128, 200, 300])
def test_default_config(rows):
    rng = np.random.default_rng(rows)
    x = rng.standard_normal((rows, 64)).astype(np.float32)
    y = rng.standard_normal((rows, 64)).astype(np.float32)
    got = nki.simulate(rowwise)(x, y)
    np.testing.assert_allclose(got, (np.exp(x) + y) * 0.5, rtol=2e-6, atol=1e-6)


def test_through_the_command_line(tmp_path):
    """The same package through `nki run`: compile-time arguments keep their defaults."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 32)).astype(np.float32)
    y = rng.standard_normal((256, 32)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    argv = ["run", f"{source()}:rowwise", "--arg", f"x={tmp_path / 'x.npy'}", "--arg", f"y={tmp_path / 'y.npy'}",
            "--out", str(tmp_path)]
    proc = nki_testing.run_nki(argv, cwd=tmp_path)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    np.testing.assert_allclose(np.load(tmp_path / "out.npy"), (np.exp(x) + y) * 0.5, rtol=2e-6, atol=1e-6)


def test_compile_time_objects_from_python():
    """A config dataclass instance, an enum member, an nl function and a package function are
    passed from Python; the compiler resolves each in the package's own source."""
    from tilelib.config import Epilogue, RowConfig
    from tilelib.kernels import relu_op
    import nki.language as nl

    rng = np.random.default_rng(5)
    x = rng.standard_normal((130, 16)).astype(np.float32)
    y = rng.standard_normal((130, 16)).astype(np.float32)
    cfg = RowConfig(tile_rows=64, epilogue=Epilogue.BIAS)
    got = nki.simulate(rowwise)(x, y, act=nl.relu, cfg=cfg)
    np.testing.assert_allclose(got, np.maximum(x, 0) + y + 1.0, rtol=1e-6, atol=1e-6)
    got = rowwise(x, y, relu_op(), RowConfig(epilogue=Epilogue.NONE))
    np.testing.assert_allclose(got, np.maximum(x, 0) + y, rtol=1e-6, atol=1e-6)


def test_unrepresentable_argument_is_a_clear_error():
    with pytest.raises(TypeError, match="argument 'cfg' is a generator, which cannot be passed to a kernel"):
        nki.simulate(rowwise)(np.zeros((128, 4), np.float32), np.zeros((128, 4), np.float32),
                              cfg=(i for i in range(3)))


@pytest.mark.parametrize("passes", [0, 3])
def test_runtime_loop_bound_from_an_input_tensor(passes):
    from tilelib.repeat import repeat_step
    x = np.random.default_rng(passes).standard_normal((200, 8)).astype(np.float32)
    got = nki.simulate(repeat_step)(x, np.array([[passes]], dtype=np.int32))
    want = x.copy()
    for _ in range(passes):  # one fp32 rounding per pass, as on the device
        want = want + np.float32(1.0)
    np.testing.assert_array_equal(got, want)

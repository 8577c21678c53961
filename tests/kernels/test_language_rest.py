"""nl.rand / nl.random_seed, nl.gather_flattened, register-started slices and
nisa.get_nc_sub_version against NumPy. nl.rand's numbers come from the generator model of
tests/isa/test_random.py (XORWOW per lane, SplitMix64 seeding), written independently of the
simulator."""

import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "isa")]
import nki  # noqa: E402
import language_rest_kernels as k  # noqa: E402
from reference import bf16_round  # noqa: E402
from test_random import VECTOR, Engine  # noqa: E402


def uniform(bits):
    """The documented mapping of 32 random bits to [0, 1): the top 24 bits times 2^-24."""
    return (bits >> 8).astype(np.float32) * np.float32(2.0**-24)


@pytest.mark.parametrize("target", ["trn2", "trn3"])
@pytest.mark.parametrize("seed", [-1, 0, 42, 2**31 - 1])
def test_rand_follows_the_seeded_vector_generator(monkeypatch, target, seed):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", target)
    got = k.rand(128, 24, seed, "float32", 1, False)
    want = uniform(Engine(max(seed, 0), VECTOR, 4).draw(128, 24))
    np.testing.assert_array_equal(got, want)
    assert got.min() >= 0.0 and got.max() < 1.0


def test_rand_draws_continue_the_stream_and_fill_psum(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn2")
    got = k.rand(32, 8, 7, "float32", 3, True)
    engine = Engine(7, VECTOR, 4)
    want = np.concatenate([uniform(engine.draw(32, 8)) for _ in range(3)], axis=1)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("target", ["trn2", "trn3"])
def test_rand_bfloat16(monkeypatch, target):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", target)
    got = k.rand(16, 40, 3, "bfloat16", 1, False)
    want = bf16_round(uniform(Engine(3, VECTOR, 4).draw(16, 40)))
    np.testing.assert_array_equal(got.astype(np.float32), want)


def test_random_seed_twice_repeats_the_numbers():
    got = k.reseeded(64, 16, 1234)
    np.testing.assert_array_equal(got[:, :16], got[:, 16:])
    np.testing.assert_array_equal(got[:, :16], uniform(Engine(1234, VECTOR, 4).draw(64, 16)))


def take_flattened(data, indices):
    p = data.shape[0]
    return np.take_along_axis(data.reshape(p, -1), indices.reshape(p, -1).astype(np.int64), axis=1).reshape(
        indices.shape)


def test_gather_flattened_documented_example():
    data = np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], np.float32)
    indices = np.array([[[0, 1], [1, 3]], [[3, 3], [1, 0]]], np.uint32)
    got = k.gather_flattened(data, indices, "float32")
    np.testing.assert_array_equal(got, [[[1, 2], [2, 4]], [[8, 8], [6, 5]]])


@pytest.mark.parametrize("dshape,ishape", [((128, 64), (128, 100)), ((16, 4, 8), (16, 3, 5)),
                                           ((8, 2, 3, 4), (8, 2, 2, 6)), ((32, 2, 3, 4), (32, 10))])
def test_gather_flattened_any_rank(dshape, ishape):
    rng = np.random.default_rng(len(dshape))
    data = rng.standard_normal(dshape).astype(np.float32)
    row = int(np.prod(dshape[1:]))
    indices = rng.integers(0, row, ishape).astype(np.uint32)
    got = k.gather_flattened(data, indices, "float32")
    np.testing.assert_array_equal(got, take_flattened(data, indices))


def test_gather_flattened_integer_data_and_dtype():
    rng = np.random.default_rng(5)
    data = rng.integers(-1000, 1000, (64, 40)).astype(np.int32)
    indices = rng.integers(0, 40, (64, 17)).astype(np.uint32)
    np.testing.assert_array_equal(k.gather_flattened(data, indices, "int32"), take_flattened(data, indices))
    got = k.gather_flattened(data, indices, "float32")
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, take_flattened(data, indices).astype(np.float32))


def test_gather_flattened_from_psum():
    rng = np.random.default_rng(6)
    x = rng.integers(-3, 4, (32, 64)).astype(np.float32)
    w = rng.integers(-3, 4, (32, 48)).astype(np.float32)
    indices = rng.integers(0, 48, (64, 9)).astype(np.uint32)
    got = k.gather_flattened_psum(x, w, indices)
    np.testing.assert_array_equal(got, take_flattened(x.T @ w, indices))


@pytest.mark.parametrize("tile", [16, 32, 64])
def test_register_slices_of_hbm_rows_in_a_runtime_loop(tile):
    a = np.random.default_rng(tile).standard_normal((128, 24)).astype(np.float32)
    np.testing.assert_array_equal(k.dynamic_row_tiles(a, tile), 2 * a)


@pytest.mark.parametrize("start", [0, 7, 22])
def test_register_slice_of_an_sbuf_view(start):
    a = np.arange(16 * 40, dtype=np.float32).reshape(16, 40)
    got = k.dynamic_columns(a, np.array([[start]], np.int32), 10, 8)
    np.testing.assert_array_equal(got, a[:, 8:][:, start:start + 10])


def test_register_slice_out_of_the_view_is_a_located_error():
    a = np.arange(16 * 40, dtype=np.float32).reshape(16, 40)
    with pytest.raises(Exception) as e:
        k.dynamic_columns(a, np.array([[23]], np.int32), 10, 8)
    msg = str(e.value)
    assert "language_rest_kernels.py:" in msg
    assert "out-of-bounds dynamic access: the slice nl.ds(r0 = 23, 10) leaves dimension 1 (size 32)" in msg


@pytest.mark.parametrize("plane", [0, 2, 4])
def test_register_integer_index(plane):
    a = np.random.default_rng(plane).standard_normal((5, 32, 12)).astype(np.float32)
    np.testing.assert_array_equal(k.dynamic_plane(a, np.array([[plane]], np.int32)), a[plane])


def test_register_slice_skip_leaves_the_tile():
    a = np.arange(40 * 4, dtype=np.float32).reshape(40, 4)
    got = k.dynamic_skip(a, np.array([[30]], np.int32))
    np.testing.assert_array_equal(got, np.full((16, 4), 7.0, np.float32))
    got = k.dynamic_skip(a, np.array([[20]], np.int32))
    np.testing.assert_array_equal(got, a[20:36])


def test_get_nc_sub_version_is_zero():
    np.testing.assert_array_equal(k.sub_version(), [[10]])


def test_shared_constant_from_an_npy_path(tmp_path):
    rng = np.random.default_rng(9)
    table = rng.standard_normal((64, 24)).astype(np.float32)
    np.save(tmp_path / "table.npy", table)
    a = rng.standard_normal((64, 24)).astype(np.float32)
    np.testing.assert_array_equal(k.shared_constant_add(a, str(tmp_path / "table.npy")), a + table)


@pytest.mark.parametrize("dtype", ["int32", "uint8", "float16"])
def test_shared_constant_keeps_dtype_and_shape(tmp_path, dtype):
    table = (np.arange(12 * 10) % 97).astype(dtype).reshape(12, 10)
    np.save(tmp_path / "t.npy", table)
    got = k.shared_constant_copy(str(tmp_path / "t.npy"), 5, 7)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, table[:5, :7])


def test_shared_constant_relative_path_and_uninitialized_check(tmp_path):
    """A relative path is taken from the kernel file's folder; the constant counts as written."""
    import shutil
    import subprocess
    import nki_testing
    shutil.copy(HERE / "language_rest_kernels.py", tmp_path / "kern.py")
    table = np.arange(4 * 6, dtype=np.float32).reshape(4, 6)
    np.save(tmp_path / "c.npy", table)
    argv = [nki_testing.nki_bin(), "run", str(tmp_path / "kern.py") + ":shared_constant_copy", "--arg", "path='c.npy'",
            "--arg", "rows=4", "--arg", "cols=6", "--check-uninitialized", "--out", str(tmp_path / "out")]
    proc = subprocess.run(argv, capture_output=True, text=True, cwd="/")
    assert proc.returncode == 0, proc.stderr
    outs = list((tmp_path / "out").glob("*.npy"))
    assert len(outs) == 1
    np.testing.assert_array_equal(np.load(outs[0]), table)

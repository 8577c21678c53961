"""DMA instructions against NumPy: dma_copy casting and dge modes, dynamic addressing
(.ap(scalar_offset= / vector_offset=)) executed at run time — row gathers and scatters with
vector_offset, scalar offsets from a register, a [1,1] SBUF tensor and a runtime loop's
induction register, on dims 0 and 1 — and oob_mode (error names the access; skip leaves the
out-of-bounds rows untouched)."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import nki  # noqa: E402
import matmul_dma_kernels as K  # noqa: E402
from reference import to_dtype  # noqa: E402

RNG = np.random.default_rng(11)


@pytest.mark.parametrize("dtype", ["float32", "int32", "float16", "uint8"])
@pytest.mark.parametrize("P", [128, 1, 37])
def test_vector_offset_gather(dtype, P):
    data = (RNG.standard_normal((300, 24)) * 50).astype(dtype)
    idx = RNG.integers(0, 300, (P, 1)).astype(np.uint32)
    np.testing.assert_array_equal(K.gather_rows(data, idx, "error"), data[idx[:, 0]])


def test_vector_offset_gather_int32_indices_repeat():
    data = RNG.standard_normal((10, 8)).astype(np.float32)
    idx = np.array([[3], [3], [0], [9]], np.int32)
    np.testing.assert_array_equal(K.gather_rows(data, idx, "error"), data[idx[:, 0]])


def test_vector_offset_gather_skip_keeps_out_of_bounds_rows():
    data = RNG.standard_normal((50, 16)).astype(np.float32)
    idx = RNG.integers(0, 50, (64, 1)).astype(np.uint32)
    idx[[0, 7, 63]] = [[50], [1000], [2**32 - 1]]
    out = K.gather_rows(data, idx, "skip")
    ok = idx[:, 0] < 50
    np.testing.assert_array_equal(out[ok], data[idx[ok, 0]])
    np.testing.assert_array_equal(out[~ok], -1)


def test_vector_offset_gather_error_names_the_access():
    data = RNG.standard_normal((50, 16)).astype(np.float32)
    idx = np.zeros((8, 1), np.uint32)
    idx[5] = 77
    with pytest.raises(nki.NkiError) as e:
        K.gather_rows(data, idx, "error")
    msg = str(e.value)
    assert "matmul_dma_kernels.py:" in msg and "dma_copy: src (%data): out-of-bounds dynamic access" in msg
    assert "vector_offset 'idx'[5] = 77" in msg and "tensor 'data' f32[50,16], whose elements are 0..799" in msg
    assert "pattern [[16,8],[1,16]] offset 0" in msg


@pytest.mark.parametrize("dtype", ["float32", "bfloat16", "int16"])
def test_vector_offset_scatter(dtype):
    src = RNG.integers(-100, 100, (96, 12)).astype(np.float32)
    idx = RNG.permutation(200)[:96].reshape(96, 1).astype(np.uint32)
    arg = nki.as_dtype(src, getattr(nki.language, dtype)) if dtype == "bfloat16" else src.astype(dtype)
    out = K.scatter_rows(arg, idx, 200, "error")
    expected = np.zeros((200, 12), np.float32)
    expected[idx[:, 0]] = src
    np.testing.assert_array_equal(np.asarray(out, np.float32), expected)


def test_vector_offset_scatter_skip():
    src = RNG.standard_normal((16, 4)).astype(np.float32)
    idx = np.arange(16, dtype=np.uint32).reshape(16, 1) * 2
    out = K.scatter_rows(src, idx, 20, "skip")  # rows 20.. do not exist: skipped
    expected = np.zeros((20, 4), np.float32)
    expected[idx[:10, 0]] = src[:10]
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("use_register", [True, False])
@pytest.mark.parametrize("start,rows", [(0, 1), (7, 4), (196, 4)])
def test_scalar_offset_rows(use_register, start, rows):
    data = RNG.standard_normal((200, 16)).astype(np.float32)
    out = K.dynamic_slice(data, np.array([[start]], np.int32), rows, use_register, 0)
    np.testing.assert_array_equal(out, data[start:start + rows])


@pytest.mark.parametrize("use_register", [True, False])
def test_scalar_offset_columns(use_register):
    data = RNG.standard_normal((128, 40)).astype(np.float32)
    out = K.dynamic_slice(data, np.array([[9]], np.int32), 5, use_register, 1)
    np.testing.assert_array_equal(out, data[:, 9:14])


def test_scalar_offset_out_of_bounds_is_an_error():
    data = RNG.standard_normal((20, 16)).astype(np.float32)
    with pytest.raises(nki.NkiError) as e:
        K.dynamic_slice(data, np.array([[18]], np.int32), 4, True, 0)
    assert "scalar_offset r" in str(e.value) and "= 18 (x 16 elements per index of dimension 0)" in str(e.value)
    assert "reaches element 320 of tensor 'data' f32[20,16], whose elements are 0..319" in str(e.value)


@pytest.mark.parametrize("n", [1, 5, 12])
def test_scalar_offset_runtime_loop_register(n):
    data = RNG.standard_normal((12, 8)).astype(np.float32)
    out = K.dynamic_loop_rows(data, n)
    np.testing.assert_array_equal(out[:n], data[:n])


@pytest.mark.parametrize("dtype", ["float16", "int16", "uint16"])
@pytest.mark.parametrize("shape,in_sbuf,dge", [((16, 128), False, "hwdge"), ((16, 128), True, "hwdge"),
                                               ((100, 7), False, "unknown"), ((4, 3, 5), True, "unknown"),
                                               ((2, 3, 4, 5), False, "unknown"), ((1, 1), False, "unknown")])
def test_dma_transpose(dtype, shape, in_sbuf, dge):
    a = (RNG.standard_normal(shape) * 1000).astype(dtype)
    perm = {2: (1, 0), 3: (2, 1, 0), 4: (3, 1, 2, 0)}[len(shape)]
    np.testing.assert_array_equal(K.dma_transpose(a, in_sbuf, dge), a.transpose(perm))


def test_dma_transpose_bfloat16_bits():
    a = RNG.standard_normal((16, 128)).astype(np.float32)
    a[0, :4] = [np.nan, np.inf, -0.0, 1e-40]
    out = K.dma_transpose(nki.as_dtype(a, nki.language.bfloat16), False, "hwdge")
    np.testing.assert_array_equal(out, to_dtype(a, "bfloat16").T)


@pytest.mark.parametrize("idx_shape", [(128, 1), (16, 1), (128, 2)])
def test_gather_transpose(idx_shape):
    data = RNG.standard_normal((500, 64)).astype(np.float16)
    idx = RNG.integers(0, 500, idx_shape).astype(np.uint32)
    out = K.gather_transpose(data, idx, "error")
    np.testing.assert_array_equal(out, data[idx.T.flatten()].T)


def test_gather_transpose_skip():
    data = RNG.standard_normal((40, 32)).astype(np.float16)
    idx = RNG.integers(0, 40, (16, 1)).astype(np.uint32)
    idx[[2, 9]] = 40
    out = K.gather_transpose(data, idx, "skip")
    expected = np.zeros((32, 16), np.float16)
    ok = idx[:, 0] < 40
    expected[:, ok] = data[idx[ok, 0]].T
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("n,staged", [(2, (False, False)), (2, (True, False)), (3, (True, True, False))])
@pytest.mark.parametrize("in_dtype,out_dtype", [("float32", "float32"), ("float16", "float32"),
                                                ("float32", "bfloat16"), ("int32", "int32")])
def test_dma_compute_sum(n, staged, in_dtype, out_dtype):
    xs = [(RNG.standard_normal((32, 20)) * 100).astype(in_dtype) for _ in range(3)]
    out = K.dma_compute_sum(xs[0], xs[1], xs[2], n, out_dtype, staged + (False,) * (3 - len(staged)))
    total = np.zeros((32, 20), np.float32)
    for x in xs[:n]:
        total = total + x.astype(np.float32)  # fp32 adds in source order
    np.testing.assert_array_equal(out, to_dtype(total, out_dtype))


@pytest.mark.parametrize("shape", [(1, 33), (128, 17)])
def test_dma_compute_sum_edge_shapes(shape):
    xs = [(RNG.standard_normal(shape) * 100).astype(np.float32) for _ in range(3)]
    out = K.dma_compute_sum(xs[0], xs[1], xs[2], 3, "float32", (True, False, True))
    np.testing.assert_array_equal(out, (xs[0] + xs[1]) + xs[2])  # fp32 adds in source order


@pytest.mark.parametrize("oob", ["error", "skip"])
def test_dma_compute_scatter_add(oob):
    base = RNG.standard_normal((50, 8)).astype(np.float32)
    src = RNG.standard_normal((16, 8)).astype(np.float32)
    idx = RNG.permutation(50)[:16].reshape(16, 1).astype(np.uint32)
    if oob == "skip":
        idx[3] = 50
    out = K.scatter_add(base, src, idx, oob)
    expected = base.copy()
    for p in range(16):
        if idx[p, 0] < 50:
            expected[idx[p, 0]] += src[p]
    np.testing.assert_array_equal(out, expected)


def test_dma_compute_gather_add():
    acc = RNG.standard_normal((64, 8)).astype(np.float32)
    data = RNG.standard_normal((90, 8)).astype(np.float32)
    idx = RNG.integers(0, 90, (64, 1)).astype(np.uint32)
    np.testing.assert_array_equal(K.gather_add(acc, data, idx), acc + data[idx[:, 0]])


@pytest.mark.parametrize("dtype", ["float32", "bfloat16", "int8"])
@pytest.mark.parametrize("start", [0, 5, 24])
def test_scalar_offset_on_a_compute_engine_copy(dtype, start):
    a = (RNG.standard_normal((64, 32)) * 20).astype(np.float32)
    arg = nki.as_dtype(a, nki.language.bfloat16) if dtype == "bfloat16" else a.astype(dtype)
    out = K.dynamic_tensor_copy(arg, np.array([[start]], np.int32), 8)
    stored = to_dtype(a, "bfloat16") if dtype == "bfloat16" else a.astype(dtype)
    np.testing.assert_array_equal(out, stored[:, start:start + 8])


def test_scalar_offset_on_a_compute_engine_copy_out_of_bounds():
    a = RNG.standard_normal((64, 32)).astype(np.float32)
    with pytest.raises(nki.NkiError) as e:
        K.dynamic_tensor_copy(a, np.array([[30]], np.int32), 8)
    # column 32 of partition 0 would be partition 1's first element: out of partition 0's row
    assert "tensor_copy: src (%t): out-of-bounds dynamic access: scalar_offset r0 = 30 (x 1 elements per index of " \
           "dimension 1) reaches element 32 of tensor 't' f32[64,32], past the end of partition 0's 32 elements" \
        in str(e.value)


@pytest.mark.parametrize("dge", ["unknown", "swdge", "none"])
@pytest.mark.parametrize("out_dtype", ["float32", "bfloat16", "float16", "int8", "uint8", "int32", "uint16"])
def test_dma_copy_casts_through_fp32(dge, out_dtype):
    a = (RNG.standard_normal((32, 40)) * 300).astype(np.float32)
    a[0, :6] = [np.nan, np.inf, -np.inf, 2.5, -2.5, 1e10]
    with np.errstate(invalid="ignore", over="ignore"):
        np.testing.assert_array_equal(K.cast_copy(a, out_dtype, dge), to_dtype(a, out_dtype))


def test_dma_copy_hwdge_same_dtype_is_bit_exact():
    a = RNG.integers(-2**31, 2**31, (16, 33), dtype=np.int64).astype(np.int32)
    np.testing.assert_array_equal(K.cast_copy(a, "int32", "hwdge"), a)

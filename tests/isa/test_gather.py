"""Gather and sort-like instructions against NumPy references written from the NKI
documentation: max8, nc_find_index8, nc_match_replace8, nc_stream_shuffle, local_gather,
nc_n_gather, nonzero_with_count (trn2+), topk (trn2+). Edge shapes (1 and 128 partitions, odd
free sizes), ties, NaN and the documented duplicate rules."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import nki  # noqa: E402
import nki.language as nl  # noqa: E402
import gather_kernels as K  # noqa: E402
from reference import bf16_round, to_dtype  # noqa: E402

RNG = np.random.default_rng(23)


def top8(row):
    """The 8 largest values, descending; NaN above every number (np.sort puts NaN last)."""
    return np.sort(np.asarray(row, np.float32))[::-1][:8]


# ---- max8 ----

@pytest.mark.parametrize("shape", [(1, 8), (128, 37), (3, 4, 5), (16, 2, 3, 7)])
def test_max8_shapes(shape):
    a = RNG.standard_normal(shape).astype(np.float32)
    out = K.max8(a, "float32")
    flat = a.reshape(shape[0], -1)
    np.testing.assert_array_equal(out, np.stack([top8(r) for r in flat]))


def test_max8_strided_src():
    a = RNG.standard_normal((64, 50)).astype(np.float32)
    np.testing.assert_array_equal(K.max8_strided(a), np.stack([top8(r) for r in a[:, 2::3]]))


@pytest.mark.parametrize("src_dtype,dst_dtype", [("bfloat16", "bfloat16"), ("float16", "float32"),
                                                  ("int32", "float32"), ("float32", "bfloat16"),
                                                  ("uint8", "int16")])
def test_max8_dtypes(src_dtype, dst_dtype):
    a = RNG.uniform(-100, 250, (8, 19)).astype(np.float32)
    if src_dtype in ("int32", "uint8"):
        a = np.clip(np.rint(a), 0 if src_dtype == "uint8" else -2**31, 255 if src_dtype == "uint8" else 2**31)
        src = a.astype(src_dtype)
    elif src_dtype == "bfloat16":
        a = bf16_round(a)
        src = nki.as_dtype(a, nl.bfloat16)
    else:
        a = a.astype(src_dtype).astype(np.float32)
        src = a.astype(src_dtype)
    out = K.max8(src, dst_dtype)
    np.testing.assert_array_equal(out, to_dtype(np.stack([top8(r) for r in a]), dst_dtype))


def test_max8_ties_nan_and_exactly_eight():
    a = np.array([[3, 1, 3, 3, -np.inf, 2, 2, 9, 0, 3],
                  [1, np.nan, 5, np.inf, 5, -1, np.nan, 0, 2, 7]], np.float32)
    out = K.max8(a, "float32")
    np.testing.assert_array_equal(out[0], [9, 3, 3, 3, 3, 2, 2, 1])
    np.testing.assert_array_equal(out[1], [np.nan, np.nan, np.inf, 7, 5, 5, 2, 1])
    b = RNG.standard_normal((128, 8)).astype(np.float32)
    np.testing.assert_array_equal(K.max8(b, "float32"), -np.sort(-b, axis=1))


def test_max8_psum_operands():
    a = RNG.standard_normal((64, 30)).astype(np.float32)
    np.testing.assert_array_equal(K.max8_psum(a), np.stack([top8(r) for r in a]))


# ---- nc_find_index8 ----

def find_index8_ref(data, vals, all_ones):
    out = np.full(vals.shape, all_ones, np.uint64)
    for p in range(data.shape[0]):
        row = data[p].reshape(-1)
        for i in range(8):
            hits = np.flatnonzero(row == vals[p, i])
            nth = int(np.sum(vals[p, :i] == vals[p, i]))  # earlier equal vals take earlier hits
            if nth < len(hits):
                out[p, i] = hits[nth]
    return out


@pytest.mark.parametrize("dtype,all_ones", [("uint32", 2**32 - 1), ("uint16", 2**16 - 1)])
def test_find_index8_duplicates_and_missing(dtype, all_ones):
    data = np.array([[5, 2, 5, 3, 5, 7, 2, 0, 1, 9, 11],
                     [1, 2, 3, 4, 8, 8, 8, 8, 8, 8, 8]], np.float32)
    vals = np.array([[5, 5, 2, 42, 5, 5, 9, 2],
                     [3, 8, 8, 8, 8, 8, 8, 8]], np.float32)
    out = K.find_index8(data, vals, dtype)
    np.testing.assert_array_equal(out[0], [0, 2, 1, all_ones, 4, all_ones, 9, 6])
    np.testing.assert_array_equal(out[1], [2, 4, 5, 6, 7, 8, 9, 10])  # ascending for duplicates
    np.testing.assert_array_equal(out, find_index8_ref(data, vals, all_ones))


@pytest.mark.parametrize("shape", [(128, 8), (1, 16384), (7, 3, 33)])
def test_max8_then_find_index8(shape):
    data = RNG.permutation(np.prod(shape)).astype(np.float32).reshape(shape)  # distinct values
    m, i = K.max_then_find(data)
    flat = data.reshape(shape[0], -1)
    expected = np.argsort(-flat, axis=1, kind="stable")[:, :8]
    np.testing.assert_array_equal(i, expected)
    np.testing.assert_array_equal(m, np.take_along_axis(flat, expected, axis=1))


def test_find_index8_bf16_data_fp32_vals_compare_as_fp32():
    data = bf16_round(RNG.standard_normal((4, 24)).astype(np.float32))
    vals = data[:, [3, 0, 23, 5, 5, 1, 2, 9]].copy()
    vals[:, 7] += np.float32(1e-3)  # not representable in bf16: never found
    out = K.find_index8(nki.as_dtype(data, nl.bfloat16), vals, "uint32")
    np.testing.assert_array_equal(out, find_index8_ref(data, vals, 2**32 - 1))


# ---- nc_match_replace8 ----

def match_replace8_ref(data, vals, imm, all_ones):
    out = data.copy().reshape(data.shape[0], -1)
    idx = np.full(vals.shape, all_ones, np.uint64)
    for p in range(out.shape[0]):
        taken = np.zeros(out.shape[1], bool)
        for i in range(7, -1, -1):  # the documented order: vals taken from the last
            hits = np.flatnonzero((data.reshape(out.shape)[p] == vals[p, i]) & ~taken)
            if len(hits):
                taken[hits[0]] = True
                out[p, hits[0]] = imm
                idx[p, i] = hits[0]
    return out.reshape(data.shape), idx


def test_match_replace8_documented_example():
    data = np.array([[1, 2, 3, 4, 8, 8, 8, 8, 8, 8, 8]], np.float32)
    vals = np.array([[3, 8, 8, 8, 8, 8, 8, 8]], np.float32)
    d, i = K.match_replace8(data, vals, -1.0, "uint32")
    np.testing.assert_array_equal(i[0], [2, 10, 9, 8, 7, 6, 5, 4])
    np.testing.assert_array_equal(d[0], [1, 2, -1, 4, -1, -1, -1, -1, -1, -1, -1])


@pytest.mark.parametrize("parts,free,idx_dtype", [(128, 64, "uint32"), (1, 9, "uint16"), (5, 301, "uint16")])
def test_match_replace8_after_max8(parts, free, idx_dtype):
    data = np.round(RNG.standard_normal((parts, free)) * 4).astype(np.float32)  # many ties
    vals = np.stack([top8(r) for r in data])
    vals[0, 3] = 1000.0  # absent
    d, i = K.match_replace8(data, vals, -np.inf, idx_dtype)
    ones = 2**32 - 1 if idx_dtype == "uint32" else 2**16 - 1
    ed, ei = match_replace8_ref(data, vals, np.float32(-np.inf), ones)
    np.testing.assert_array_equal(d, ed)
    np.testing.assert_array_equal(i, ei)


def test_match_replace8_without_dst_idx_bf16():
    data = bf16_round(RNG.standard_normal((16, 40)).astype(np.float32))
    vals = data[:, :8].copy()
    vals[:, 2] = np.nan  # NaN matches nothing
    out = K.match_replace8_no_idx(nki.as_dtype(data, nl.bfloat16), vals, 0.5)
    np.testing.assert_array_equal(out, match_replace8_ref(data, vals, np.float32(0.5), 0)[0])


# ---- nc_stream_shuffle ----

def shuffle_ref(src, init, mask):
    out = init.copy()
    for i in range(init.shape[0]):
        q, lane = divmod(i, 32)
        if mask[lane] != 255:
            out[i] = src[32 * q + mask[lane]]
    return out


@pytest.mark.parametrize("dtype", ["float32", "int16", "uint8"])
def test_stream_shuffle_128_partitions(dtype):
    src = RNG.integers(0, 100, (128, 7)).astype(dtype)
    init = RNG.integers(100, 200, (128, 7)).astype(dtype)
    mask = [int(x) for x in RNG.permutation(32)]
    mask[5] = 255
    mask[17] = 255
    np.testing.assert_array_equal(K.stream_shuffle(src, init, tuple(mask)), shuffle_ref(src, init, mask))


def test_stream_shuffle_broadcast_and_in_place_bf16():
    src = bf16_round(RNG.standard_normal((32, 33)).astype(np.float32))
    mask = [0] * 16 + [31 - i for i in range(16)]  # partition 0 broadcast, then a reversal
    out = K.stream_shuffle_in_place(nki.as_dtype(src, nl.bfloat16), tuple(mask))
    np.testing.assert_array_equal(out, shuffle_ref(src, src, mask))


def test_stream_shuffle_one_partition():
    src = RNG.standard_normal((1, 5)).astype(np.float32)
    init = np.zeros((1, 5), np.float32)
    np.testing.assert_array_equal(K.stream_shuffle(src, init, (0,) + (255,) * 31), src)
    np.testing.assert_array_equal(K.stream_shuffle(src, init, (255,) * 32), init)


# ---- local_gather ----

def local_gather_ref(src, index, per_elem, valid):
    parts = src.shape[0]
    flat = src.reshape(parts, -1)
    out = np.empty((parts, valid * per_elem), src.dtype)
    for g in range(parts // 16):
        idx = index[16 * g:16 * g + 16].flatten(order="F")[:valid]  # partition-first
        for k, x in enumerate(idx):
            out[16 * g:16 * g + 16, k * per_elem:(k + 1) * per_elem] = flat[16 * g:16 * g + 16, x:x + per_elem]
    return out


def test_local_gather_documented_example():
    src = (RNG.random((128, 512, 4)) * 100).astype(np.float32)
    index_per_core = RNG.integers(0, 512, (16, 4)).astype(np.uint16)
    index = np.tile(index_per_core, (8, 1))
    out = K.local_gather(src, index * 4, 4, 64, (128, 4, 16, 4))
    expected = np.empty((128, 64, 4), np.float32)
    for g in range(8):
        ids = index[16 * g:16 * g + 16].flatten(order="F")[:64]
        expected[16 * g:16 * g + 16] = np.take(src[16 * g:16 * g + 16], ids, axis=1)
    np.testing.assert_array_equal(out, expected.reshape(128, 4, 16, 4))


@pytest.mark.parametrize("dtype,parts,cols,per_elem,valid", [("bfloat16", 16, 3, 1, None), ("int32", 32, 2, 2, 29),
                                                            ("uint8", 48, 1, 32, 16)])
def test_local_gather_groups_dtypes(dtype, parts, cols, per_elem, valid):
    width = 70
    src = RNG.integers(-50, 50, (parts, width)).astype(np.float32)
    if dtype == "uint8":
        src = np.abs(src)
    index = RNG.integers(0, width - per_elem + 1, (parts, cols)).astype(np.uint16)  # differs per core
    n = valid if valid is not None else 16 * cols
    arg = nki.as_dtype(src, nl.bfloat16) if dtype == "bfloat16" else src.astype(dtype)
    out = K.local_gather(arg, index, per_elem, valid, (parts, n * per_elem))
    np.testing.assert_array_equal(out, local_gather_ref(src.astype(np.float32), index, per_elem, n))


# ---- nc_n_gather ----

@pytest.mark.parametrize("dtype,shape,icols", [("float32", (128, 3, 50), 7), ("bfloat16", (1, 9), 20),
                                               ("int8", (17, 5, 2, 3), 1)])
def test_n_gather(dtype, shape, icols):
    data = RNG.integers(-100, 100, shape).astype(np.float32)
    flat = data.reshape(shape[0], -1)
    indices = RNG.integers(0, flat.shape[1], (shape[0], icols)).astype(np.uint32)
    indices[0, 0] = flat.shape[1] - 1
    arg = nki.as_dtype(data, nl.bfloat16) if dtype == "bfloat16" else data.astype(dtype)
    out = K.n_gather(arg, indices)
    np.testing.assert_array_equal(out, np.take_along_axis(flat, indices.astype(np.int64), axis=1))


def test_n_gather_index_out_of_range_is_reported():
    data = np.zeros((4, 10), np.float32)
    indices = np.full((4, 2), 3, np.uint32)
    indices[2, 1] = 10
    with pytest.raises(nki.NkiError, match=r"indices\[2, 1\] = 10 is outside data's 10 elements per partition"):
        K.n_gather(data, indices)


# ---- nonzero_with_count ----

def nonzero_ref(src, init, offset, pad):
    out = init.copy()
    n = src.shape[1]
    for p in range(0, src.shape[0], 16):
        hits = np.flatnonzero(src[p] != 0) + offset
        out[p, :n] = pad
        out[p, :len(hits)] = hits
        out[p, n] = len(hits)
    return out


def test_nonzero_with_count_documented_example():
    src = np.zeros((16, 8), np.float32)
    src[0] = [0, 1, 1, 0, 0, 1, 0, 0]
    init = np.full((16, 9), 77, np.int32)
    out = K.nonzero_with_count(src, init, 16, -1)
    np.testing.assert_array_equal(out[0], [17, 18, 21, -1, -1, -1, -1, -1, 3])
    np.testing.assert_array_equal(out[1:], init[1:])  # only partition 0 of the core


@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_nonzero_with_count_one_partition(dtype):
    src = (RNG.integers(0, 2, (1, 33)) * RNG.integers(1, 100, (1, 33))).astype(dtype)
    init = np.full((1, 34), 5, np.int32)
    out = K.nonzero_with_count(src, init, 3, -2)
    np.testing.assert_array_equal(out, nonzero_ref(src, init, 3, -2))


@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_nonzero_with_count_128_partitions(dtype):
    src = (RNG.integers(0, 3, (128, 33)) * RNG.integers(-2**20, 2**20, (128, 33))).astype(dtype)
    if dtype == "float32":
        src[0, :4] = [np.nan, -0.0, 0.0, 1e-30]  # NaN is nonzero, -0.0 is zero
    src[16] = 0
    init = RNG.integers(-9, 9, (128, 34)).astype(np.int32)
    out = K.nonzero_with_count(src, init, 0, -7)
    np.testing.assert_array_equal(out, nonzero_ref(src, init, 0, -7))


# ---- topk ----

def topk_ref(src, init_val, init_idx, n, descending):
    val, idx = init_val.copy(), init_idx.copy()
    k = init_val.shape[1]
    for g in range(src.shape[0] // 16):
        snake = src[16 * g:16 * g + 16].T.reshape(-1)[:n]  # element e at (e % 16, e // 16)
        # descending, NaN first, ties by lower index
        order = np.array(sorted(range(n), key=lambda e: (not np.isnan(snake[e]), -snake[e], e))[:k])
        if not descending:
            order = order[::-1]
        for j in range(16 * ((k + 15) // 16)):
            p, c = 16 * g + j % 16, j // 16
            val[p, c] = snake[order[j]] if j < k else np.nan
            idx[p, c] = order[j] if j < k else 2**32 - 1
    return val, idx


@pytest.mark.parametrize("parts,cols,n,k,sorted_", [(16, 3, 42, 8, False), (32, 3, 48, 20, True),
                                                      (128, 8, 128, 1, False), (16, 40, 601, 33, True)])
def test_topk(parts, cols, n, k, sorted_):
    src = bf16_round(np.round(RNG.standard_normal((parts, cols)) * 8) / 4)  # ties
    init_val = bf16_round(RNG.standard_normal((parts, k)).astype(np.float32))
    init_idx = RNG.integers(0, 1000, (parts, k)).astype(np.uint32)
    v, i = K.topk(nki.as_dtype(src, nl.bfloat16), nki.as_dtype(init_val, nl.bfloat16), init_idx, n, sorted_)
    ev, ei = topk_ref(src, init_val, init_idx, n, sorted_)
    np.testing.assert_array_equal(v, ev)
    np.testing.assert_array_equal(i, ei)


def test_topk_values_are_the_k_largest_ascending():
    src = bf16_round(RNG.standard_normal((16, 4)).astype(np.float32))
    v, i = K.topk(nki.as_dtype(src, nl.bfloat16), nki.as_dtype(np.zeros((16, 16), np.float32), nl.bfloat16),
                  np.zeros((16, 16), np.uint32), 64, False)
    snake = src.T.reshape(-1)
    got = v[:, 0]  # k = 16: one column, result j at partition j
    np.testing.assert_array_equal(got, np.sort(snake)[-16:])
    np.testing.assert_array_equal(snake[i[:, 0]], got)


def test_find_index8_nan_is_never_found():
    data = np.array([[np.nan, 1, 2, 3, 4, 5, 6, 7, 8, np.nan]], np.float32)
    vals = np.array([[np.nan, 1, 8, 2, 3, 4, 5, np.nan]], np.float32)
    out = K.find_index8(data, vals, "uint32")
    np.testing.assert_array_equal(out[0], [2**32 - 1, 1, 8, 2, 3, 4, 5, 2**32 - 1])


def test_topk_nan_ranks_first():
    src = bf16_round(RNG.standard_normal((16, 2)).astype(np.float32))
    src[3, 1] = np.nan  # snake element 19
    init_val = np.zeros((16, 8), np.float32)
    init_idx = np.zeros((16, 8), np.uint32)
    v, i = K.topk(nki.as_dtype(src, nl.bfloat16), nki.as_dtype(init_val, nl.bfloat16), init_idx, 32, True)
    assert np.isnan(v[0, 0]) and i[0, 0] == 19
    ev, ei = topk_ref(src, init_val, init_idx, 32, True)
    np.testing.assert_array_equal(i, ei)


def test_available_on_trn1(monkeypatch):
    """max8, nc_find_index8, nc_match_replace8, nc_stream_shuffle and the gathers are NeuronCore-v2
    instructions too (only nonzero_with_count and topk need trn2)."""
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn1")
    a = RNG.permutation(128 * 20).astype(np.float32).reshape(128, 20)
    m, i = K.max_then_find(a)
    np.testing.assert_array_equal(i, np.argsort(-a, axis=1)[:, :8])
    ix = RNG.integers(0, 20, (128, 3)).astype(np.uint32)
    np.testing.assert_array_equal(K.n_gather(a, ix), np.take_along_axis(a, ix.astype(np.int64), axis=1))
    mask = tuple(range(31, -1, -1))
    np.testing.assert_array_equal(K.stream_shuffle(a, a, mask), shuffle_ref(a, a, mask))

"""The remaining selection and scan instructions against NumPy: tensor_scalar_cumulative (every
cumulative operator, accumulator commands, per-partition immediates, strided patterns, narrow
dtypes), select_reduce and range_select (the Vector accumulators' max, -inf/FP32_MIN fills,
NaN), dropout (the documented random stream, reproduced here from SplitMix64's definition) and
sequence_bounds (the NKI documentation's example and random segmentations)."""

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
import select_kernels as K  # noqa: E402
from reference import arith, to_dtype  # noqa: E402

RNG = np.random.default_rng(23)
FP32_MIN = np.float32(-3.4028235e38)
IDENTITY = {"add": 0.0, "subtract": 0.0, "multiply": 1.0, "maximum": -np.inf, "minimum": np.inf}


def same(out, expected):
    np.testing.assert_array_equal(np.asarray(out).view(np.uint8), np.asarray(expected).view(np.uint8))


def scan(a, op0, imm0, op1, reg):
    """reg = op1(op0(a[:, i], imm0), reg) per column, in fp32; returns every reg."""
    a = np.asarray(a, np.float32).reshape(a.shape[0], -1)
    reg = np.broadcast_to(np.asarray(reg, np.float32).reshape(-1), (a.shape[0],)).copy()
    out = np.empty_like(a)
    for i in range(a.shape[1]):
        reg = arith(op1, arith(op0, a[:, i], np.asarray(imm0, np.float32).reshape(-1)), reg)
        out[:, i] = reg
    return out


# ---- tensor_scalar_cumulative ----

@pytest.mark.parametrize("op1", ["add", "subtract", "multiply", "maximum", "minimum"])
@pytest.mark.parametrize("shape", [(128, 37), (1, 5), (7, 1)])
def test_cumulative_operators(op1, shape):
    a = RNG.uniform(-1.5, 1.5, shape).astype(np.float32)
    out = K.cumulative(a, "multiply", 0.75, op1, "", None, "float32")
    np.testing.assert_array_equal(out, scan(a, "multiply", 0.75, op1, IDENTITY[op1]))


def test_cumulative_load_reduce_with_vectors():
    a = RNG.standard_normal((64, 20)).astype(np.float32)
    v0 = RNG.standard_normal((64, 1)).astype(np.float32)
    v1 = RNG.standard_normal((64, 1)).astype(np.float32)
    out = K.cumulative(a, "subtract", v0, "maximum", "load_reduce", v1, "float32")
    np.testing.assert_array_equal(out, scan(a, "subtract", v0, "maximum", v1))


def test_cumulative_scalar_load_reduce():
    a = RNG.standard_normal((16, 9)).astype(np.float32)
    out = K.cumulative(a, "add", 1.0, "multiply", "load_reduce", -2.0, "float32")
    np.testing.assert_array_equal(out, scan(a, "add", 1.0, "multiply", -2.0))


def test_cumulative_reduce_carries_across_instructions():
    a = RNG.standard_normal((128, 13)).astype(np.float32)
    b = RNG.standard_normal((128, 6)).astype(np.float32)
    expected = scan(np.concatenate([a, b], axis=1), "add", 0.0, "add", 0.0)
    np.testing.assert_array_equal(K.cumulative_two_tiles(a, b), expected)


def test_cumulative_strided_access_patterns():
    a = RNG.standard_normal((32, 22)).astype(np.float32)
    out = K.cumulative_strided(a)
    expected = np.zeros_like(a)
    expected[:, 1::2] = scan(a[:, 0::2], "multiply", 2.0, "add", 0.0)
    np.testing.assert_array_equal(out, expected)


def test_cumulative_nan_and_inf_propagate():
    a = np.array([[1.0, np.inf, 2.0, -np.inf, 3.0], [1.0, np.nan, 2.0, 5.0, 1.0]], np.float32)
    for op1 in ["add", "maximum", "minimum"]:
        out = K.cumulative(a, "multiply", 1.0, op1, "", None, "float32")
        np.testing.assert_array_equal(out, scan(a, "multiply", 1.0, op1, IDENTITY[op1]))


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "int16", "uint8", "int8"])
def test_cumulative_rounds_and_saturates_on_write(dtype):
    # Running sums of halves hit the ties of every integer dtype and climb past int8/uint8's range.
    a = np.tile(np.array([0.5, 1.0, 1.5, 2.25, 60.0, -0.75], np.float32), (8, 4))
    out = K.cumulative(a, "add", 0.0, "add", "", None, dtype)
    same(out, to_dtype(scan(a, "add", 0.0, "add", 0.0), dtype))


def test_cumulative_narrow_input_read_as_fp32():
    a = RNG.standard_normal((128, 31)).astype(np.float32)
    ab = nki.as_dtype(a, nl.bfloat16)
    out = K.cumulative(ab, "multiply", 3.0, "add", "", None, "float32")
    np.testing.assert_array_equal(out, scan(to_dtype(a, "bfloat16"), "multiply", 3.0, "add", 0.0))


# ---- select_reduce ----

@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("pred_dtype", ["uint8", "int8", "uint16", "int16"])
def test_select_reduce_predicates(reverse, pred_dtype):
    pred = RNG.integers(-2, 3, (128, 19)).astype(pred_dtype)
    t = RNG.standard_normal((128, 19)).astype(np.float32)
    out = K.select(pred, t, -4.5, reverse, "reset_reduce", "float32")
    sel = np.where((pred != 0) != reverse, t, np.float32(-4.5))
    np.testing.assert_array_equal(out[:, :19], sel)
    np.testing.assert_array_equal(out[:, 19], sel.max(axis=1))


def test_select_reduce_vector_on_false_idle_keeps_reduce_res_untouched():
    pred = RNG.integers(0, 2, (1, 33)).astype(np.uint8)
    t = RNG.standard_normal((1, 33)).astype(np.float32)
    f = np.array([[2.5]], np.float32)
    out = K.select(pred, t, f, False, "idle", "float32")
    np.testing.assert_array_equal(out[:, :33], np.where(pred != 0, t, f))
    np.testing.assert_array_equal(out[:, 33], 7.0)  # no read-out with idle and no reduce_res


def test_select_reduce_bf16_dst_reduces_in_fp32():
    pred = RNG.integers(0, 2, (64, 16)).astype(np.uint8)
    pred[:, 0] = 1
    t = RNG.standard_normal((64, 16)).astype(np.float32) * 100
    out = K.select(pred, t, np.float32(-3.0e38).item(), False, "reset_reduce", "bfloat16")
    sel = np.where(pred != 0, t, np.float32(-3.0e38))
    same(out[:, :16], to_dtype(sel, "bfloat16"))
    np.testing.assert_array_equal(out[:, 16], sel.max(axis=1))  # unrounded: the registers are fp32


def test_select_reduce_int8_on_true_and_nan():
    pred = np.array([[1, 1, 0, 1]], np.uint8)
    t = np.array([[-128, 127, 5, 3]], np.int8)
    out = K.select(pred, t, 0.5, False, "reset_reduce", "int8")
    same(out[:, :4].astype(np.float32), np.array([[-128, 127, 0, 3]], np.float32))  # 0.5 rounds to even 0
    assert out[0, 4] == 127
    tn = np.array([[1.0, np.nan, 2.0, 0.0]], np.float32)
    out = K.select(pred, tn, 1.0, False, "reset_reduce", "float32")
    assert np.isnan(out[0, 1]) and np.isnan(out[0, 4])  # max propagates NaN


def test_select_reduce_accumulates_across_instructions():
    pred = RNG.integers(0, 2, (32, 8)).astype(np.uint8)
    a = RNG.standard_normal((32, 8)).astype(np.float32)
    b = RNG.standard_normal((32, 8)).astype(np.float32) + 0.5
    out = K.select_then_reduce(pred, a, b)
    sel = lambda x: np.where(pred != 0, x, np.float32(-1e30))  # noqa: E731
    np.testing.assert_array_equal(out[:, 0], np.maximum(sel(a).max(axis=1), sel(b).max(axis=1)))


# ---- range_select ----

CMP = {"equal": np.equal, "less": np.less, "less_equal": np.less_equal, "greater": np.greater,
       "greater_equal": np.greater_equal}


def range_ref(a, b0, b1, c0, c1, start):
    a = np.asarray(a, np.float32).reshape(a.shape[0], -1)
    idx = (start + np.arange(a.shape[1])).astype(np.float32)[None, :]
    mask = CMP[c0](idx, b0) & CMP[c1](idx, b1)
    sel = np.where(mask, a, FP32_MIN)
    return sel, sel.max(axis=1)


@pytest.mark.parametrize("c0,c1", [("greater_equal", "less"), ("greater", "less_equal"), ("equal", "less_equal"),
                                   ("less", "greater")])
@pytest.mark.parametrize("start", [0, 1000])
def test_range_select_windows(c0, c1, start):
    P, F = 128, 45
    a = RNG.standard_normal((P, F)).astype(np.float32)
    b0 = (start + RNG.integers(-5, F, (P, 1))).astype(np.float32)
    b1 = b0 + RNG.integers(0, 20, (P, 1)).astype(np.float32)
    out = K.range_sel(a, b0, b1, c0, c1, start, "", "float32")
    sel, red = range_ref(a, b0, b1, c0, c1, start)
    np.testing.assert_array_equal(out[:, :F], sel)
    np.testing.assert_array_equal(out[:, F], red)  # an empty window leaves FP32_MIN, not -inf


def test_range_select_bf16_fill_becomes_minus_inf_and_3d_index():
    P = 16
    a = RNG.standard_normal((P, 3, 7)).astype(np.float32)
    b0 = np.full((P, 1), 4.0, np.float32)
    b1 = np.full((P, 1), 15.5, np.float32)
    out = K.range_sel(nki.as_dtype(a, nl.bfloat16), b0, b1, "greater_equal", "less", 0, "reset_reduce", "bfloat16")
    sel, red = range_ref(to_dtype(a, "bfloat16"), b0, b1, "greater_equal", "less", 0)
    same(out[:, :21], to_dtype(sel, "bfloat16"))
    assert np.all(out[:, :4] == -np.inf)
    np.testing.assert_array_equal(out[:, 21], red)


# ---- dropout ----

def splitmix_unit(seed, index):
    """Draw `index` of the simulator's random stream as docs/isa-selection.md (dropout) defines
    it: SplitMix64 of seed + (index + 1) * golden ratio, top 24 bits as a fraction of 2^24."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.asarray(index, np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(40)).astype(np.float64) / 2.0**24


def dropout_ref(a, prob, first_draw):
    u = splitmix_unit(0, first_draw + np.arange(a.size)).reshape(a.shape)
    return np.where(u < np.asarray(prob, np.float64).reshape(-1, 1), np.zeros_like(a), a)


def test_dropout_matches_the_documented_stream_and_advances():
    a = RNG.standard_normal((128, 40)).astype(np.float32) + 10
    out = K.drop(a, 0.3, 2)
    np.testing.assert_array_equal(out[:, :40], dropout_ref(a, 0.3, 0))
    np.testing.assert_array_equal(out[:, 40:], dropout_ref(a, 0.3, a.size))  # fresh draws, a new mask
    assert not np.array_equal(out[:, :40] == 0, out[:, 40:] == 0)
    frac = np.mean(out == 0)
    assert abs(frac - 0.3) < 0.02, frac
    np.testing.assert_array_equal(K.drop(a, 0.3, 2), out)  # deterministic from run to run


@pytest.mark.parametrize("shape", [(1, 33), (128, 17)])
def test_dropout_edge_shapes(shape):
    a = RNG.standard_normal(shape).astype(np.float32) + 10
    np.testing.assert_array_equal(K.drop(a, 0.4, 1), dropout_ref(a, 0.4, 0))


def test_dropout_extremes_and_per_partition_prob():
    a = RNG.standard_normal((96, 17)).astype(np.float32)
    np.testing.assert_array_equal(K.drop(a, 0.0, 1), a)
    same(K.drop(a, 1.0, 1), np.zeros_like(a))
    prob = np.linspace(0, 1, 96, dtype=np.float32).reshape(96, 1)
    out = K.drop(a, prob, 1)
    np.testing.assert_array_equal(out, dropout_ref(a, prob, 0))
    assert np.all(out[0] == a[0]) and np.all(out[-1] == 0)


@pytest.mark.parametrize("dtype", ["int32", "uint8", "int16"])
def test_dropout_integer_data_bit_exact(dtype):
    info = np.iinfo(dtype)
    a = RNG.integers(info.min, info.max, (8, 21), endpoint=True).astype(dtype)
    out = K.drop(a, np.full((8, 1), 0.5, np.float32), 1)
    same(out, dropout_ref(a, 0.5, 0).astype(dtype))


def test_dropout_bf16_keeps_nan_and_inf_bits():
    a = np.array([[np.nan, np.inf, -np.inf, -0.0, 1.00390625, 3.0]] * 4, np.float32)
    out = K.drop(nki.as_dtype(a, nl.bfloat16), 0.5, 1)
    same(out, dropout_ref(to_dtype(a, "bfloat16"), 0.5, 0))


def test_dropout_broadcast_source():
    v = RNG.standard_normal((128, 1)).astype(np.float32)
    out = K.drop_broadcast(v, 9, 0.5)
    np.testing.assert_array_equal(out, dropout_ref(np.repeat(v, 9, axis=1), 0.5, 0))


# ---- sequence_bounds ----

def bounds_ref(ids):
    """Start and end (exclusive) of each element's run of equal ids; 0 is padding (n, -1)."""
    ids = np.asarray(ids).reshape(-1)
    n = ids.size
    start, end = np.empty(n), np.empty(n)
    for i in range(n):
        if ids[i] == 0:
            start[i], end[i] = n, -1
            continue
        s = i
        while s > 0 and ids[s - 1] == ids[i]:
            s -= 1
        e = i + 1
        while e < n and ids[e] == ids[i]:
            e += 1
        start[i], end[i] = s, e
    return np.stack([start, end])[None]


@pytest.mark.parametrize("dtype", ["int32", "float32"])
def test_sequence_bounds_documented_example(dtype):
    ids = np.array([[0, 1, 1, 2, 2, 2, 0, 3, 3]], dtype)
    out = K.seq_bounds(ids, dtype)
    np.testing.assert_array_equal(out, np.array([[[9, 1, 1, 3, 3, 3, 9, 7, 7], [-1, 3, 3, 6, 6, 6, -1, 9, 9]]], dtype))


@pytest.mark.parametrize("n", [1, 2, 511, 512])
def test_sequence_bounds_random_segments(n):
    ids = np.sort(RNG.integers(0, max(2, n // 4), n)).reshape(1, n).astype(np.int32)
    ids[0, n // 2:] = np.maximum(ids[0, n // 2:], 1)
    np.testing.assert_array_equal(K.seq_bounds(ids, "int32"), bounds_ref(ids))


def test_sequence_bounds_runs_not_ids_and_float_out_from_int_ids():
    ids = np.array([[5, 5, 7, 5, 0, 0, 7, 7, 2**24 + 1, 2**24]], np.int32)  # equal ids in separate runs
    out = K.seq_bounds(ids, "float32")
    np.testing.assert_array_equal(out, bounds_ref(ids).astype(np.float32))


def test_accumulators_are_shared_per_partition_lane():
    a = RNG.standard_normal((64, 10)).astype(np.float32) * 5
    pred = RNG.integers(0, 2, (64, 7)).astype(np.uint8)
    b = RNG.standard_normal((64, 7)).astype(np.float32)
    out = K.shared_accumulators(a, pred, b)
    sel = np.where(pred != 0, b, np.float32(-50.0)).max(axis=1)
    np.testing.assert_array_equal(out[32:, 0], np.maximum(a[32:].max(axis=1), sel[32:]))
    np.testing.assert_array_equal(out[:32, 0], sel[:32])


def test_select_reduce_strided_patterns():
    pred = RNG.integers(0, 2, (128, 23)).astype(np.uint8)
    t = RNG.standard_normal((128, 23)).astype(np.float32)
    out = K.select_strided(pred, t)
    sel = np.where(pred[:, 0:22:2] != 0, t[:, 1:22:2], np.float32(-8.0))
    expected = np.zeros((128, 23), np.float32)
    expected[:, 1:22:2] = sel
    np.testing.assert_array_equal(out[:, :23], expected)
    np.testing.assert_array_equal(out[:, 23], sel.max(axis=1))


def test_range_select_one_partition_at_64_negative_start():
    a = RNG.standard_normal((128, 19)).astype(np.float32)
    b0 = np.full((128, 1), -1.0, np.float32)
    b1 = np.full((128, 1), 4.0, np.float32)
    out = K.range_one_partition(a, b0, b1)
    sel, red = range_ref(a[64:65, 0:18:2], b0[64:65], b1[64:65], "greater", "less_equal", -3)
    np.testing.assert_array_equal(out[:, :9], sel)
    np.testing.assert_array_equal(out[:, 9], red)


# ---- broadcast ([P,1] read with step 0) and strided operands ----

def test_cumulative_broadcast_source():
    v = RNG.uniform(-1, 1, (32, 1)).astype(np.float32)
    out = K.cumulative_broadcast(v, 9)
    np.testing.assert_array_equal(out, scan(np.repeat(v, 9, axis=1), "multiply", 2.0, "add", IDENTITY["add"]))


def test_range_select_broadcast_on_true_tile():
    P, n = 64, 21
    v = RNG.standard_normal((P, 1)).astype(np.float32)
    b0 = RNG.integers(-3, n, (P, 1)).astype(np.float32)
    b1 = b0 + RNG.integers(0, 8, (P, 1)).astype(np.float32)
    out = K.range_sel_broadcast(v, b0, b1, n)
    sel, red = range_ref(np.repeat(v, n, axis=1), b0, b1, "greater_equal", "less", 0)
    np.testing.assert_array_equal(out[:, :n], sel)
    np.testing.assert_array_equal(out[:, n], red)


def test_dropout_strided_data():
    a = RNG.standard_normal((16, 26)).astype(np.float32) + 10
    np.testing.assert_array_equal(K.drop_strided(a, 0.5), dropout_ref(a[:, 0::2], 0.5, 0))

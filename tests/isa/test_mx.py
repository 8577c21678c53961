"""The NeuronCore-v4 (trn3) instructions against NumPy: exponential (exp(src - max_value), the
Vector accumulators' running sum per reduce_cmd), activate2 (the tensor-scalar stage, the
function, prelu's slope, the Scalar accumulators with five operators), quantize_mx (MX groups of 8 partitions x 4
elements, the documented scale formula, packed fp8 x4 words, the per-quadrant scale layout), and
the float8_e8m0fnu / packed MX dtypes. The fp8 and e8m0 references are written here from the
formats' definitions."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import nki  # noqa: E402
import mx_kernels as K  # noqa: E402
K_ = K
from reference import arith, assert_ulp_close, bf16_round, f64_then_f32  # noqa: E402

RNG = np.random.default_rng(41)


@pytest.fixture(autouse=True)
def trn3(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn3")


def exp_ref(a, m):
    """exp of the fp32 difference, evaluated in float64 and rounded to fp32: the simulator's
    definition (src/sim/fpmath.h), compared within 1 ulp; NumPy's float32 exp is not a fixed
    reference (its SIMD code paths differ by an ulp or more)."""
    return f64_then_f32(np.exp, np.asarray(a, np.float32) - np.asarray(m, np.float32))


# ---- exponential ----

@pytest.mark.parametrize("shape", [(128, 64), (1, 7), (32, 1)])
def test_exponential_immediate_max(shape):
    a = RNG.uniform(-4, 4, shape).astype(np.float32)
    out, r = K.exponential(a, 1.5, "float32", "", None)
    assert_ulp_close(out, exp_ref(a, 1.5), 1)
    np.testing.assert_array_equal(r, np.zeros((shape[0], 1), np.float32))  # idle: reduce_res untouched


def test_exponential_vector_max_and_sum():
    a = RNG.uniform(-4, 4, (64, 40)).astype(np.float32)
    m = a.max(axis=1, keepdims=True)
    out, r = K.exponential(a, m, "float32", "reset_reduce", None)
    e = exp_ref(a, m)
    assert_ulp_close(out, e, 1)
    assert out.max() <= 1.0
    np.testing.assert_allclose(r, e.astype(np.float64).sum(axis=1, keepdims=True), rtol=1e-5)


def test_exponential_bf16_dst_sums_unrounded_values():
    a = RNG.uniform(-2, 2, (16, 33)).astype(np.float32)
    out, r = K.exponential(a, 0.0, "bfloat16", "reset_reduce", None)
    e = exp_ref(a, 0.0)
    # dst is rounded to bf16 on the write; the accumulators add the fp32 results.
    np.testing.assert_array_equal(out, bf16_round(out))
    np.testing.assert_allclose(out, e, rtol=2**-8)
    np.testing.assert_allclose(r, e.astype(np.float64).sum(axis=1, keepdims=True), rtol=1e-5)
    assert np.abs(r - out.astype(np.float64).sum(axis=1, keepdims=True)).max() > 0


def test_exponential_load_reduce_starts_from_init():
    a = RNG.uniform(-1, 1, (8, 10)).astype(np.float32)
    init = RNG.uniform(-5, 5, (8, 1)).astype(np.float32)
    _, r = K.exponential(a, 0.25, "float32", "load_reduce", init)
    np.testing.assert_allclose(r, init + exp_ref(a, 0.25).astype(np.float64).sum(axis=1, keepdims=True), rtol=1e-5)
    _, r = K.exponential(a, 0.25, "float32", "load_reduce", 3.0)
    np.testing.assert_allclose(r, 3.0 + exp_ref(a, 0.25).astype(np.float64).sum(axis=1, keepdims=True), rtol=1e-5)


def test_exponential_reset_zeroes_without_adding():
    a = RNG.uniform(-1, 1, (4, 6)).astype(np.float32)
    _, r = K.exponential(a, 0.0, "float32", "reset", None)
    np.testing.assert_array_equal(r, np.zeros((4, 1), np.float32))


def test_exponential_accumulators_carry_across_instructions():
    a = RNG.uniform(-3, 3, (32, 20)).astype(np.float32)
    b = RNG.uniform(-3, 3, (32, 20)).astype(np.float32)
    r = K.exponential_chain(a, b)
    expected = exp_ref(a, 0).astype(np.float64).sum(axis=1) + exp_ref(b, 0).astype(np.float64).sum(axis=1)
    np.testing.assert_allclose(r[:, 0], expected, rtol=1e-5)


# ---- activate2 ----

def act2_stage(a, imm0, imm1, op0, op1, reverse0=False, reverse1=False):
    """The tensor-scalar stage in fp32: (a op0 imm0) op1 imm1, operands swapped by reverse*."""
    t = arith(op0, imm0, a) if reverse0 else arith(op0, a, imm0)
    return arith(op1, imm1, t) if reverse1 else arith(op1, t, imm1)


@pytest.mark.parametrize("op0,op1", [("multiply", "add"), ("multiply", "subtract"), ("multiply", "bypass"),
                                     ("add", "bypass"), ("subtract", "bypass"), ("bypass", "bypass")])
def test_activate2_tensor_scalar_pairs(op0, op1):
    a = RNG.uniform(-3, 3, (64, 48)).astype(np.float32)
    out, _ = K.activate2(a, "copy", 1.75, -0.5, op0, op1, False, False, 0.0, "", "idle")
    np.testing.assert_array_equal(out, act2_stage(a, 1.75, -0.5, op0, op1))


def test_activate2_reverse_and_vector_immediates():
    a = RNG.uniform(-3, 3, (32, 16)).astype(np.float32)
    i0 = RNG.uniform(1, 2, (32, 1)).astype(np.float32)
    i1 = RNG.uniform(-1, 1, (32, 1)).astype(np.float32)
    out, _ = K.activate2(a, "copy", i0, i1, "subtract", "bypass", True, False, 0.0, "", "idle")
    np.testing.assert_array_equal(out, i0 - a)  # imm0 - data
    out, _ = K.activate2(a, "copy", i0, i1, "multiply", "subtract", False, True, 0.0, "", "idle")
    np.testing.assert_array_equal(out, act2_stage(a, i0, i1, "multiply", "subtract", reverse1=True))


def test_activate2_function_after_the_stage():
    a = RNG.uniform(-2, 2, (16, 40)).astype(np.float32)
    out, _ = K.activate2(a, "exp", 2.0, -1.0, "multiply", "add", False, False, 0.0, "", "idle")
    assert_ulp_close(out, f64_then_f32(np.exp, act2_stage(a, 2.0, -1.0, "multiply", "add")), 1)


def test_activate2_prelu_slope_number_and_per_partition():
    a = RNG.uniform(-4, 4, (8, 30)).astype(np.float32)
    out, _ = K.activate2(a, "prelu", 1.0, 0.0, "multiply", "add", False, False, 0.125, "", "idle")
    np.testing.assert_array_equal(out, np.where(a < 0, a * np.float32(0.125), a))
    slope = RNG.uniform(0, 1, (8, 1)).astype(np.float32)
    out, _ = K.activate2(a, "prelu", 1.0, 0.0, "multiply", "add", False, False, slope, "", "idle")
    np.testing.assert_array_equal(out, np.where(a < 0, a * slope, a))


@pytest.mark.parametrize("rop", ["maximum", "minimum", "abs_max", "abs_min"])
def test_activate2_reduces_with_any_of_its_operators(rop):
    a = RNG.uniform(-5, 5, (128, 33)).astype(np.float32)
    out, r = K.activate2(a, "copy", 1.0, 0.0, "multiply", "add", False, False, 0.0, rop, "reset_reduce")
    expected = out[:, :1].copy()
    for j in range(1, out.shape[1]):
        expected = arith(rop, expected, out[:, j:j + 1])
    np.testing.assert_array_equal(r, expected)


def test_activate2_sum_and_registers_shared_with_activation():
    a = RNG.uniform(-1, 1, (32, 25)).astype(np.float32)
    out, r = K.activate2(a, "copy", 3.0, 0.0, "multiply", "add", False, False, 0.0, "add", "reset_reduce")
    # add folds each fp32 result into the register in order
    np.testing.assert_array_equal(r[:, 0], np.cumsum(out, axis=1, dtype=np.float32)[:, -1])
    # activation's reset_reduce leaves the row sums (fp32, in order); activate2's reduce folds its
    # max onto them.
    r = K.activate2_after_activation(a)
    sums = np.cumsum(a, axis=1, dtype=np.float32)[:, -1]
    np.testing.assert_array_equal(r[:, 0], np.maximum(sums, a.max(axis=1)))


# ---- fp8 / e8m0 references from the format definitions ----

def fp8_table(elem):
    """Value of every code 0..255 of float8_e4m3fn (bias 7, NaN = S.1111.111) or float8_e5m2
    (bias 15, IEEE inf/NaN)."""
    eb, mb, bias = (4, 3, 7) if elem == "e4m3fn" else (5, 2, 15)
    vals = []
    for c in range(256):
        s, e, m = c >> 7, (c >> mb) & ((1 << eb) - 1), c & ((1 << mb) - 1)
        if elem == "e5m2" and e == 31:
            v = np.inf if m == 0 else np.nan
        elif elem == "e4m3fn" and e == 15 and m == 7:
            v = np.nan
        elif e == 0:
            v = m * 2.0 ** (1 - bias - mb)
        else:
            v = (1 + m / 2**mb) * 2.0 ** (e - bias)
        vals.append(-v if s else v)
    return np.array(vals)


def fp8_encode(x, elem):
    """Nearest code (ties to the even code) for finite |x| within the format's range."""
    table = fp8_table(elem)
    pos = table[:128]
    n = int(np.argmax(~np.isfinite(pos))) if not np.all(np.isfinite(pos)) else 128
    mags = pos[:n]  # increasing with the code
    a = np.abs(np.asarray(x, np.float64))
    hi = np.clip(np.searchsorted(mags, a), 1, n - 1)
    lo = hi - 1
    dlo, dhi = a - mags[lo], mags[hi] - a
    code = np.where(dlo < dhi, lo, np.where(dhi < dlo, hi, np.where(lo % 2 == 0, lo, hi)))
    code = np.where(a >= mags[-1], n - 1, code)
    return (code | np.where(np.signbit(x), 128, 0)).astype(np.uint32)


def quantize_ref(x, elem):
    """(packed words [P, F/4] uint32, scale exponents E [P/8, F/4]) per nki-api.md §7.3."""
    x = np.asarray(x, np.float32)
    P, F = x.shape
    emax = 8 if elem == "e4m3fn" else 15
    amax = np.abs(x).reshape(P // 8, 8, F // 4, 4).max(axis=(1, 3))
    _, e2 = np.frexp(amax)  # amax = m * 2^e2, m in [0.5, 1): floor(log2(amax)) = e2 - 1
    E = np.where(amax > 0, e2 - 1 - (emax - 1), -127).clip(-127, 127)
    Erow = np.repeat(np.repeat(E, 8, axis=0), 4, axis=1)
    codes = fp8_encode(x.astype(np.float64) * 2.0 ** (-Erow), elem).reshape(P, F // 4, 4)
    words = sum(codes[:, :, i] << (8 * i) for i in range(4)).astype(np.uint32)
    return words, E


def scale_layout(E, P):
    """The scale tile as quantize_mx writes it: block b at partition (b//4)*32 + b%4 when P > 32."""
    if P <= 32:
        return E
    out = np.full((P, E.shape[1]), np.nan)
    for b in range(P // 8):
        out[(b // 4) * 32 + b % 4] = E[b]
    return out


@pytest.mark.parametrize("elem", ["e4m3fn", "e5m2"])
@pytest.mark.parametrize("shape", [(32, 16), (128, 8), (64, 4)])
def test_quantize_mx_bits_and_scales(elem, shape):
    P, F = shape
    x = bf16_round(RNG.standard_normal(shape).astype(np.float32) * np.float32(3.0) ** RNG.integers(-6, 6, shape))
    x[:8, :4] = 0.0  # one all-zero group: scale 2^-127
    q, s = K.quantize(x, "bfloat16", f"float8_{elem}_x4", "float8_e8m0fnu")
    words, E = quantize_ref(x, elem)
    np.testing.assert_array_equal(np.asarray(q).view(np.uint32), words)
    assert E[0, 0] == -127
    layout = scale_layout(E, P)
    used = ~np.isnan(layout)
    s = np.asarray(s, np.float64)
    np.testing.assert_array_equal(s[used], 2.0 ** layout[used])
    np.testing.assert_array_equal(s[~used], 2.0 ** -127)  # memset 0 = code 0, not written


def test_quantize_mx_scale_tile_of_the_data_shape():
    # nki-library gives dst_scale dst's shape, also for 32 partitions: scales in partitions 0..3.
    x = bf16_round(RNG.standard_normal((32, 12)).astype(np.float32))
    q, s = K.quantize(x, "bfloat16", "float8_e4m3fn_x4", "uint8", 32)
    words, E = quantize_ref(x, "e4m3fn")
    np.testing.assert_array_equal(np.asarray(q).view(np.uint32), words)
    np.testing.assert_array_equal(s[:4], (E + 127).astype(np.uint8))
    assert not s[4:].any()


def test_quantize_mx_uint8_scales_from_float16():
    x = RNG.uniform(-100, 100, (32, 8)).astype(np.float16).astype(np.float32)
    q, s = K.quantize(x, "float16", "float8_e4m3fn_x4", "uint8")
    words, E = quantize_ref(x, "e4m3fn")
    np.testing.assert_array_equal(np.asarray(q).view(np.uint32), words)
    np.testing.assert_array_equal(s, (E + 127).astype(np.uint8))


def test_quantize_mx_largest_value_does_not_saturate():
    # The scale is 2^(floor(log2 amax) - 7) for e4m3fn: amax / scale < 256, so the largest value
    # rounds to nearest (62 / 0.25 = 248 is a tie that goes to the even 256) instead of clamping.
    x = np.full((32, 4), 0.5, np.float32)
    x[3, 2] = 62.0
    x[4, 1] = 60.0
    q, s = K.quantize(x, "bfloat16", "float8_e4m3fn_x4", "float8_e8m0fnu")
    words, E = quantize_ref(x, "e4m3fn")
    np.testing.assert_array_equal(np.asarray(q).view(np.uint32), words)
    assert E[0, 0] == 5 - 7 and np.asarray(s, np.float64)[0, 0] == 0.25
    table = fp8_table("e4m3fn")
    assert table[(int(words[3, 0]) >> 16) & 0xFF] * 0.25 == 64.0
    assert table[(int(words[4, 0]) >> 8) & 0xFF] * 0.25 == 60.0


# ---- dtypes ----

def test_e8m0_conversions():
    x = np.array([1.0, 1.5, 1.49, 3.0, 0.75, 2.0**-126, 0.0, 2.0**127, 3.0e38, -1.0, np.inf, np.nan, 5.0e-39],
                 np.float32)
    out = K.convert(x.reshape(1, -1), "float8_e8m0fnu")[0]
    expected = [1.0, 2.0, 1.0, 4.0, 1.0, 2.0**-126, 2.0**-127, 2.0**127, np.nan, np.nan, np.nan, np.nan, 2.0**-127]
    np.testing.assert_array_equal(out.astype(np.float64), np.array(expected))


@pytest.mark.parametrize("dtype,width", [("float8_e4m3fn_x4", np.uint32), ("float8_e5m2_x4", np.uint32),
                                         ("float4_e2m1fn_x4", np.uint16)])
def test_packed_dtypes_move_bit_exactly(dtype, width):
    bits = RNG.integers(0, np.iinfo(width).max, (32, 6), dtype=np.uint64).astype(width)
    t, z = K.packed_roundtrip(nki.from_bits(bits, dtype), dtype)
    np.testing.assert_array_equal(np.asarray(t.bits if hasattr(t, "bits") else t), bits)
    np.testing.assert_array_equal(np.asarray(z.bits if hasattr(z, "bits") else z), np.zeros_like(bits))


# ---- nc_matmul_mx ----

E2M1 = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, -0.0, -0.5, -1.0, -1.5, -2.0, -3.0, -4.0, -6.0])


def unpack(words, dtype):
    """[K, F] packed words -> [K, F, 4] values (value q in bits q*w..)."""
    words = np.asarray(words).astype(np.uint64)
    if dtype == "float4_e2m1fn_x4":
        return np.stack([E2M1[(words >> (4 * q)) & 0xF] for q in range(4)], axis=-1)
    table = fp8_table("e4m3fn" if dtype == "float8_e4m3fn_x4" else "e5m2")
    return np.stack([table[(words >> (8 * q)) & 0xFF] for q in range(4)], axis=-1)


def scale_rows(K):
    """The scale-tile partition of each 8-partition block (nki-api.md §7.3 / quantize_mx layout)."""
    return [(b // 4) * 32 + b % 4 if K > 32 else b for b in range(K // 8)]


def matmul_mx_ref(st, mv, sdt, mdt, sscale, mscale, magnitude=False):
    """The dequantized einsum in float64 (with magnitude: of the absolute values, the scale of the
    fp32 accumulation error)."""
    K, M = st.shape
    N = mv.shape[1]
    rows = scale_rows(K)

    def deq(words, dt, scale, F):
        v = unpack(words, dt)
        bits = np.asarray(scale, np.int64)[rows][:, :F]  # [K/8, F]
        f = 2.0 ** (np.repeat(bits, 8, axis=0) - 127)
        v = v * f[:, :, None]
        return np.abs(v) if magnitude else v
    return np.einsum("kiq,kjq->ij", deq(st, sdt, sscale, M), deq(mv, mdt, mscale, N))


def assert_fp32_sum(out, args, rel=1e-5):
    """out equals the dequantized einsum up to fp32 accumulation error (relative to the sum of
    the products' magnitudes, since terms cancel)."""
    ref, mag = matmul_mx_ref(*args), matmul_mx_ref(*args, magnitude=True)
    assert np.all(np.abs(np.asarray(out, np.float64) - ref) <= rel * mag + 1e-30), np.abs(out - ref).max()


def random_words(dtype, shape):
    if dtype == "float4_e2m1fn_x4":
        return RNG.integers(0, 2**16, shape, dtype=np.uint64).astype(np.uint16)
    # fp8 values from finite codes only (no NaN/inf bytes).
    table = fp8_table("e4m3fn" if dtype == "float8_e4m3fn_x4" else "e5m2")
    finite = np.flatnonzero(np.isfinite(table) & (np.abs(table) < 1000))
    codes = RNG.choice(finite, shape + (4,)).astype(np.uint32)
    return sum(codes[..., q] << (8 * q) for q in range(4)).astype(np.uint32)


def random_scales(K, F):
    """Scale bits at the layout's rows; every other partition holds 0xFF (NaN) to show it is unused."""
    sp = K if K > 32 else K // 8
    s = np.full((sp, F), 0xFF, np.uint8)
    s[scale_rows(K)] = RNG.integers(120, 134, (K // 8, F), dtype=np.uint8)
    return s


@pytest.mark.parametrize("sdt,mdt", [("float8_e4m3fn_x4", "float8_e4m3fn_x4"), ("float8_e5m2_x4", "float8_e4m3fn_x4"),
                                     ("float4_e2m1fn_x4", "float4_e2m1fn_x4"), ("float8_e4m3fn_x4", "float4_e2m1fn_x4")])
@pytest.mark.parametrize("K,M,N", [(128, 64, 96), (32, 2, 5), (64, 128, 512)])
def test_matmul_mx_against_dequantized_einsum(sdt, mdt, K, M, N):
    st, mv = random_words(sdt, (K, M)), random_words(mdt, (K, N))
    ss, ms = random_scales(K, M), random_scales(K, N)
    out = K_.matmul_mx(nki.from_bits(st, sdt), nki.from_bits(mv, mdt), nki.from_bits(ss, "float8_e8m0fnu"),
                       nki.from_bits(ms, "float8_e8m0fnu"), "float32", False)
    assert_fp32_sum(out, (st, mv, sdt, mdt, ss, ms))


def test_matmul_mx_uint8_scales_bf16_dst_and_accumulate():
    st, mv = random_words("float8_e4m3fn_x4", (64, 32)), random_words("float8_e4m3fn_x4", (64, 48))
    ss, ms = random_scales(64, 40), random_scales(64, 48)  # the stationary scale tile has spare columns
    args = (st, mv, "float8_e4m3fn_x4", "float8_e4m3fn_x4", ss, ms)
    ref = matmul_mx_ref(*args)
    out = K_.matmul_mx(nki.from_bits(st, "float8_e4m3fn_x4"), nki.from_bits(mv, "float8_e4m3fn_x4"), ss, ms,
                       "float32", True)
    assert_fp32_sum(out / 2, args)
    out = K_.matmul_mx(nki.from_bits(st, "float8_e4m3fn_x4"), nki.from_bits(mv, "float8_e4m3fn_x4"), ss, ms,
                       "bfloat16", False)
    np.testing.assert_array_equal(out, bf16_round(out))
    mag = matmul_mx_ref(*args, magnitude=True)
    assert np.all(np.abs(out - ref) <= 2**-8 * np.abs(ref) + 1e-5 * mag)


@pytest.mark.parametrize("elem", ["float8_e4m3fn_x4", "float8_e5m2_x4"])
@pytest.mark.parametrize("K,row_tile", [(128, -1), (32, 96), (64, 64)])
def test_quantize_then_matmul_mx(elem, K, row_tile):
    x = bf16_round(RNG.standard_normal((K, 64)).astype(np.float32))
    y = bf16_round(RNG.standard_normal((K, 40)).astype(np.float32))
    out = K_.quantize_matmul(x, y, elem, row_tile)
    short = "e4m3fn" if elem == "float8_e4m3fn_x4" else "e5m2"
    (wx, ex), (wy, ey) = quantize_ref(x, short), quantize_ref(y, short)
    lay = lambda E: np.where(np.isnan(scale_layout(E, K)), 0, scale_layout(E, K) + 127)  # noqa: E731
    assert_fp32_sum(out, (wx, wy, elem, elem, lay(ex), lay(ey)))
    # and close to the unquantized product: sum over k, q of x[k, 4i+q] * y[k, 4j+q]
    exact = np.einsum("kiq,kjq->ij", x.reshape(K, 16, 4).astype(np.float64), y.reshape(K, 10, 4))
    tol = 0.15 if short == "e5m2" else 0.08
    assert np.abs(out - exact).max() < tol * np.abs(x).max() * np.abs(y).max() * np.sqrt(4 * K)


@pytest.mark.parametrize("K", [32, 128])
def test_quantize_matmul_nki_library_layout(K):
    G = 3
    x = bf16_round(RNG.standard_normal((K, G, 32)).astype(np.float32))
    y = bf16_round(RNG.standard_normal((K, G, 24)).astype(np.float32))
    out = K_.quantize_matmul_3d(x, y)
    total = 0
    mag = 0
    for g in range(G):
        (wx, ex), (wy, ey) = quantize_ref(x[:, g, :], "e4m3fn"), quantize_ref(y[:, g, :], "e4m3fn")
        lay = lambda E: np.where(np.isnan(scale_layout(E, K)), 0, scale_layout(E, K) + 127)  # noqa: E731
        args = (wx, wy, "float8_e4m3fn_x4", "float8_e4m3fn_x4", lay(ex), lay(ey))
        total = total + matmul_mx_ref(*args)
        mag = mag + matmul_mx_ref(*args, magnitude=True)
    assert np.all(np.abs(out - total) <= 1e-5 * mag)


def test_exponential_strided_and_broadcast_patterns():
    a = RNG.uniform(-3, 3, (32, 10)).astype(np.float32)
    v = RNG.uniform(-1, 1, (32, 1)).astype(np.float32)
    t, b = K.exponential_patterns(a, v)
    expected = np.zeros_like(a)
    expected[:, 1::2] = exp_ref(a[:, 0::2], v)
    assert_ulp_close(t, expected, 1)
    assert_ulp_close(b, np.repeat(exp_ref(v, -1.0), 6, axis=1), 1)


def test_quantize_mx_strided_view():
    x = bf16_round(RNG.standard_normal((64, 32)).astype(np.float32))
    q, s = K.quantize_strided(x)
    picked = x.reshape(64, 8, 4)[:, 0::2, :].reshape(64, 16)
    words, E = quantize_ref(picked, "e4m3fn")
    q = np.asarray(q).view(np.uint32)
    np.testing.assert_array_equal(q[:, 0::2], words)
    assert not q[:, 1::2].any()
    rows = scale_rows(64)
    np.testing.assert_array_equal(s[rows], (E + 127).astype(np.uint8))


def test_matmul_mx_strided_and_broadcast_scale_views():
    dt = "float8_e5m2_x4"
    st, mv = random_words(dt, (64, 16)), random_words(dt, (64, 20))
    ss, ms = random_scales(64, 16), random_scales(64, 20)
    o, o2 = K_.matmul_mx_patterns(nki.from_bits(st, dt), nki.from_bits(mv, dt), ss, ms)
    assert_fp32_sum(o, (st, mv[:, 0::2], dt, dt, ss, ms[:, 0::2]))
    assert_fp32_sum(o2, (st, mv, dt, dt, ss, np.repeat(ms[:, 0:1], 20, axis=1)))


def test_as_dtype_refuses_packed_values():
    with pytest.raises(TypeError, match="packs four values per element.*nki.from_bits"):
        nki.as_dtype(np.ones((4, 4), np.float32), "float8_e4m3fn_x4")
    t = nki.from_bits(np.array([[0x3800B838]], np.uint32), "float8_e4m3fn_x4")
    np.testing.assert_array_equal(t.bits(), [[0x3800B838]])

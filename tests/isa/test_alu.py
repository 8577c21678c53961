"""ALU operators through tensor_tensor and tensor_scalar, against NumPy: every operator of
nki-api.md §8.1 in fp32 (with NaN/Inf, signed zeros and rounding ties on narrow outputs), integer
outputs (round half to even, saturation, NaN -> 0), and the bit-vector operators on raw integer
bits for every integer dtype, including values beyond fp32's 2^24."""

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
import isa_kernels as K  # noqa: E402
from reference import BITVEC, arith, as_words, assert_ulp_close, f64_then_f32, from_words, to_dtype  # noqa: E402

RNG = np.random.default_rng(4)
SPECIAL = np.array([0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 3.5, np.inf, -np.inf, np.nan, 1e30, -1e-30,
                    65504.0, 65520.0, 3.0e38], np.float32)


def operands(shape):
    a = RNG.standard_normal(shape).astype(np.float32) * 4
    b = RNG.standard_normal(shape).astype(np.float32) * 4
    n = min(a.size, SPECIAL.size)
    a.flat[:n] = SPECIAL[:n]
    b.flat[:n] = np.roll(SPECIAL, 3)[:n]
    return a, b


def same(out, expected):
    np.testing.assert_array_equal(np.asarray(out).view(np.uint8), np.asarray(expected).view(np.uint8))


BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "mod", "fmod", "equal", "not_equal",
          "less", "less_equal", "greater", "greater_equal", "logical_and", "logical_or", "logical_xor",
          "abs_max", "abs_min"]


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shape", [(128, 33), (1, 7), (64, 4, 5)])
def test_tensor_tensor_fp32(op, shape):
    a, b = operands(shape)
    out = K.tensor_tensor(a, b, op, "float32", "vector")
    expected = arith(op, a, b)
    np.testing.assert_array_equal(out, expected)  # NaN positions must agree too


def test_tensor_tensor_power_on_gpsimd():
    # power is a transcendental: the simulator's is pow in double rounded to fp32 (src/sim/fpmath.h),
    # compared with NumPy's float64 pow rounded the same way, within 1 ulp (double rounding)
    a = np.abs(operands((32, 16))[0]) + 0.5
    b = RNG.uniform(-3, 3, (32, 16)).astype(np.float32)
    out = K.tensor_tensor(a, b, "power", "float32", "unknown")
    assert_ulp_close(out, f64_then_f32(np.power, a, b), 1)


def test_tensor_tensor_power_special_cases():
    # C99 pow (what NumPy follows): zeros, infinities, NaN, negative bases with integer exponents;
    # every result here is exact, so any correct pow gives these values and signs (a NaN's sign is
    # not specified: x86 makes -NaN, the simulator +NaN)
    a = np.array([[0.0, -0.0, -0.0, 0.0, -2.0, -2.0, -2.0, np.inf, -np.inf, -np.inf, 1.0, np.nan, 0.5, 2.0, -1.0, 4.0]],
                 np.float32)
    b = np.array([[-1.0, -1.0, 3.0, 0.0, 3.0, 2.0, 0.5, -2.0, 3.0, -3.0, np.nan, 0.0, np.inf, -np.inf, np.inf, 0.5]],
                 np.float32)
    out = K.tensor_tensor(a, b, "power", "float32", "unknown")
    expected = f64_then_f32(np.power, a, b)
    np.testing.assert_array_equal(out, expected)  # NaN where NaN
    number = ~np.isnan(expected)
    np.testing.assert_array_equal(np.signbit(out[number]), np.signbit(expected[number]))  # -0 where -0


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "int8", "uint8", "int16", "uint16", "int32", "uint32"])
def test_tensor_tensor_rounds_on_write(dtype):
    # Ties (x.5 for integers, the bf16/f16 halfway points), saturation, NaN and inf.
    a = np.array([0.5, 1.5, 2.5, -0.5, -1.5, 1e10, -1e10, np.nan, np.inf, -np.inf,
                  1.00390625, 1.01171875, 2049.0, 4097.0, 70000.0, 255.5] * 8, np.float32).reshape(8, 16)
    b = np.zeros_like(a)
    out = K.tensor_tensor(a, b, "add", dtype, "vector")
    same(out, to_dtype(a + b, dtype))


INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32"]


def int_operands(dtype, shape):
    info = np.iinfo(dtype)
    a = RNG.integers(info.min, info.max, shape, dtype=np.int64, endpoint=True).astype(dtype)
    b = RNG.integers(info.min, info.max, shape, dtype=np.int64, endpoint=True).astype(dtype)
    a.flat[:4] = [info.min, info.max, 0, -1 if info.min < 0 else 1]
    return a, b


@pytest.mark.parametrize("op", ["bitwise_and", "bitwise_or", "bitwise_xor"])
@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_tensor_tensor_bitvec_raw_bits(op, dtype):
    a, b = int_operands(dtype, (128, 9))
    out = K.tensor_tensor(a, b, op, dtype, "vector")
    same(out, from_words(BITVEC[op](as_words(a), as_words(b)), dtype))


@pytest.mark.parametrize("op", ["left_shift", "right_shift"])
@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_tensor_tensor_shifts(op, dtype):
    a, _ = int_operands(dtype, (16, 40))
    b = np.tile(np.arange(40, dtype=np.int64) % 34, (16, 1)).astype(dtype)  # shift counts 0..33
    out = K.tensor_tensor(a, b, op, dtype, "vector")
    same(out, from_words(BITVEC[op](as_words(a), as_words(b)), dtype))


def test_bitvec_beyond_fp32_precision():
    # 2^24 + 1 and friends are not representable in fp32: a float path would lose the low bits.
    a = np.array([[2**24 + 1, 2**31 - 1, -(2**31), 0x12345677]], np.int32)
    b = np.array([[1, 0x7FFFFFFF, -1, 0x0F0F0F0F]], np.int32)
    same(K.tensor_tensor(a, b, "bitwise_xor", "int32", "vector"), a ^ b)
    same(K.tensor_tensor(a, b, "bitwise_and", "int32", "vector"), a & b)


@pytest.mark.parametrize("op0,op1", [("add", "multiply"), ("subtract", "maximum"), ("multiply", "add"),
                                     ("divide", "minimum"), ("greater", "logical_or"), ("mod", "subtract")])
@pytest.mark.parametrize("rev0,rev1", [(False, False), (True, False), (False, True), (True, True)])
def test_tensor_scalar_immediates(op0, op1, rev0, rev1):
    a, _ = operands((128, 17))
    x0, x1 = 1.75, -2.5
    out = K.tensor_scalar_imm(a, op0, x0, op1, x1, rev0, rev1, "float32")
    t = arith(op0, x0, a) if rev0 else arith(op0, a, x0)
    expected = arith(op1, x1, t) if rev1 else arith(op1, t, x1)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("op", ["abs", "rsqrt", "reciprocal", "square", "relu", "logical_not"])
def test_tensor_scalar_unary(op):
    a, _ = operands((4, 30))
    out = K.tensor_scalar_imm(a, op, None, "", 0.0, False, False, "float32")
    np.testing.assert_array_equal(out, arith(op, a, 0))


@pytest.mark.parametrize("shape", [(96, 20), (1, 33), (128, 17)])
def test_tensor_scalar_per_partition_vectors_bf16_out(shape):
    a, _ = operands(shape)
    v0 = RNG.standard_normal((shape[0], 1)).astype(np.float32)
    v1 = RNG.standard_normal((shape[0], 1)).astype(np.float32)
    out = K.tensor_scalar_vec(a, v0, v1, "multiply", "add", "bfloat16")
    same(out, to_dtype(arith("add", arith("multiply", a, v0), v1), "bfloat16"))


@pytest.mark.parametrize("op0,x0,op1,x1", [("bitwise_and", 0x0F0F, "left_shift", 3),
                                           ("right_shift", 5, "bitwise_xor", 0x5A),
                                           ("bitwise_or", -256, "invert", 0)])
@pytest.mark.parametrize("dtype", ["int16", "uint16", "int32", "uint32", "uint8"])
def test_tensor_scalar_bitvec(op0, x0, op1, x1, dtype):
    a, _ = int_operands(dtype, (32, 11))
    out = K.tensor_scalar_imm(a, op0, x0, op1, x1, False, False, dtype)
    w = BITVEC[op1](BITVEC[op0](as_words(a), x0 & 0xFFFFFFFF), x1 & 0xFFFFFFFF)
    same(out, from_words(w, dtype))

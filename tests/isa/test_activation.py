"""nisa.activation against NumPy: every activation function of nki-api.md §8.2 over its valid
input range (libm-accurate, so compared to a float64 reference within a few fp32 ulps), the
scale/bias stage, and the accumulator registers driven by reduce_cmd (reset_reduce, reduce,
idle with a read-out, activation_reduce)."""

import math
import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import isa_kernels as K  # noqa: E402
from reference import to_dtype  # noqa: E402

erf = np.vectorize(math.erf)


def sig(x):
    return 1 / (1 + np.exp(-x))


def softplus(x):
    return np.log1p(np.exp(x))


# name -> (float64 reference, valid input range)
FUNCTIONS = {
    "copy": (lambda x: x, (-100, 100)),
    "exp": (np.exp, (-80, 80)),
    "log": (np.log, (1e-6, 1e6)),
    "tanh": (np.tanh, (-10, 10)),
    "sigmoid": (sig, (-30, 30)),
    "relu": (lambda x: np.maximum(x, 0), (-5, 5)),
    "square": (np.square, (-100, 100)),
    "sqrt": (np.sqrt, (1e-6, 1e6)),
    "rsqrt": (lambda x: 1 / np.sqrt(x), (1e-6, 1e6)),
    "reciprocal": (lambda x: 1 / x, (0.01, 1e4)),
    "gelu": (lambda x: 0.5 * x * (1 + erf(x / math.sqrt(2))), (-8, 8)),
    "gelu_dx": (lambda x: 0.5 * (1 + erf(x / math.sqrt(2))) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi),
                (-8, 8)),
    "gelu_apprx_tanh": (lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))),
                        (-8, 8)),
    "gelu_apprx_sigmoid": (lambda x: x * sig(1.702 * x), (-8, 8)),
    "gelu_apprx_sigmoid_dx": (lambda x: sig(1.702 * x) + 1.702 * x * sig(1.702 * x) * (1 - sig(1.702 * x)),
                              (-8, 8)),
    "silu": (lambda x: x * sig(x), (-20, 20)),
    "silu_dx": (lambda x: sig(x) * (1 + x * (1 - sig(x))), (-20, 20)),
    "abs": (np.abs, (-5, 5)),
    "sign": (np.sign, (-5, 5)),
    "sin": (np.sin, (-math.pi, math.pi)),
    "arctan": (np.arctan, (-math.pi / 2, math.pi / 2)),
    "softplus": (softplus, (-20, 20)),
    "mish": (lambda x: x * np.tanh(softplus(x)), (-20, 20)),
    "erf": (erf, (-4, 4)),
    "erf_dx": (lambda x: 2 / math.sqrt(math.pi) * np.exp(-x * x), (-4, 4)),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function(name):
    ref, (lo, hi) = FUNCTIONS[name]
    rng = np.random.default_rng(len(name))
    x = rng.uniform(lo, hi, (128, 40)).astype(np.float32)
    zero_bias = np.zeros((128, 1), np.float32)
    out = K.activation(x, name, 1.0, zero_bias, "float32")
    expected = ref(x.astype(np.float64))
    np.testing.assert_allclose(out, expected, rtol=2e-5, atol=2e-6)


def test_scale_and_bias_then_bf16():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((64, 24)).astype(np.float32)
    bias = rng.standard_normal((64, 1)).astype(np.float32)
    out = K.activation(x, "copy", 0.5, bias, "bfloat16")
    np.testing.assert_array_equal(out, to_dtype(x * np.float32(0.5) + bias, "bfloat16"))


def test_accumulators():
    rng = np.random.default_rng(8)
    a = rng.standard_normal((128, 16)).astype(np.float32)
    b = rng.standard_normal((128, 16)).astype(np.float32)
    out = K.activation_accumulate(a, b)
    sum_exp = np.exp(a.astype(np.float64)).sum(axis=1)
    np.testing.assert_allclose(out[:, 0], sum_exp, rtol=1e-5)
    np.testing.assert_allclose(out[:, 1], sum_exp + b.sum(axis=1), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(out[:, 2], np.square(b.astype(np.float64)).sum(axis=1), rtol=1e-5)

"""The random-number instructions against a Python model of the generator docs/language.md
documents (XORWOW per partition lane, seeded by SplitMix64 from the run's seed, engine, lane and
generator): rng on the Vector and GpSimd engines and its truncation to the dtype, consecutive
draws, set_rng_seed, rand_set_state / rand_get_state, rand2 (trn3) and `nki run --seed`."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE), str(HERE.parent)]

import nki_testing  # noqa: E402
import gather_kernels as K  # noqa: E402
from reference import bf16_round  # noqa: E402

M32, M64 = 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF
VECTOR, GPSIMD = 2, 4  # the simulator's engine numbers (tensor=1, vector, scalar, gpsimd)


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & M64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return x, z ^ (z >> 31)


def seeded_state(seed, engine, lane, gen):
    x, _ = splitmix64(seed)
    x ^= (engine << 48) ^ (lane << 16) ^ gen
    words = []
    for _ in range(3):
        x, r = splitmix64(x)
        words += [r & M32, r >> 32]
    if not any(words[:5]):
        words[0] = 1
    return words


def xorwow(s):
    t = s[0] ^ (s[0] >> 2)
    s[0], s[1], s[2], s[3] = s[1], s[2], s[3], s[4]
    s[4] = (s[4] ^ ((s[4] << 4) & M32)) ^ (t ^ ((t << 1) & M32))
    s[5] = (s[5] + 362437) & M32
    return (s[4] + s[5]) & M32


class Engine:
    """One engine's generators: `gens` per lane, element j of a partition uses generator j % gens."""

    def __init__(self, seed, engine, gens, lanes=128):
        self.gens = gens
        self.state = [[seeded_state(seed, engine, p, g) for g in range(gens)] for p in range(lanes)]

    def draw(self, parts, free, first=0):
        return np.array([[xorwow(self.state[first + p][j % self.gens]) for j in range(free)]
                         for p in range(parts)], np.uint64)


@pytest.mark.parametrize("parts,free", [(128, 9), (1, 33)])
def test_rng_vector_uint32_matches_the_documented_generator(parts, free):
    out = K.rng(parts, free, "uint32", "vector")
    np.testing.assert_array_equal(out, Engine(0, VECTOR, 4).draw(parts, free))


@pytest.mark.parametrize("dtype", ["uint8", "int16", "int32", "uint16", "int8"])
def test_rng_gpsimd_truncates_to_the_low_bits(dtype):
    out = K.rng(16, 5, dtype, "gpsimd")
    bits = Engine(0, GPSIMD, 1).draw(16, 5)
    size = np.dtype(dtype).itemsize * 8
    np.testing.assert_array_equal(out, (bits & ((1 << size) - 1)).astype("uint%d" % size).view(dtype))


def test_rng_second_draw_continues_the_sequence():
    out = K.rng_twice(3, 6)
    eng = Engine(0, VECTOR, 4)
    np.testing.assert_array_equal(out[:, 0, :], eng.draw(3, 6))
    np.testing.assert_array_equal(out[:, 1, :], eng.draw(3, 6))


def test_rng_bits_look_uniform():
    out = K.rng(128, 512, "uint32", "vector").astype(np.float64)
    assert abs(out.mean() / 2**32 - 0.5) < 0.01
    assert len(np.unique(out)) > 0.99 * out.size


@pytest.mark.parametrize("seed", [0, 12345, 2**32 - 1])
def test_set_rng_seed(seed):
    out = K.seeded_rng(np.array([[seed]], np.uint32), 4, 10)
    np.testing.assert_array_equal(out, Engine(seed, VECTOR, 4).draw(4, 10))


def test_rand_set_state_then_rng_then_get_state():
    rng = np.random.default_rng(5)
    state = rng.integers(0, 2**32, (32, 6), dtype=np.uint64).astype(np.uint32)
    out, after = K.state_roundtrip(state, 7)
    lanes = [list(map(int, row)) for row in state]
    expected = np.array([[xorwow(lanes[p]) for _ in range(7)] for p in range(32)], np.uint64)
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(after, np.array(lanes, np.uint64))


def test_rand_get_state_vector_needs_trn3(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn3")
    out = K.get_state(2, 24, "vector")
    expected = [sum((seeded_state(0, VECTOR, p, g) for g in range(4)), []) for p in range(2)]
    np.testing.assert_array_equal(out, np.array(expected, np.uint64))


@pytest.mark.parametrize("parts,free", [(128, 64), (1, 33)])
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_rand2_uniform_in_range(monkeypatch, dtype, parts, free):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn3")
    out = K.rand2(parts, free, -2.0, 3.0, dtype)
    bits = Engine(0, VECTOR, 4).draw(parts, free)
    u = (bits >> 8).astype(np.float32) * np.float32(2.0**-24)
    expected = np.float32(-2.0) + u * np.float32(5.0)
    np.testing.assert_array_equal(out, bf16_round(expected) if dtype == "bfloat16" else expected)
    assert out.min() >= -2.0 and out.max() <= 3.0


def test_rand2_per_partition_bounds(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn3")
    lo = np.arange(8, dtype=np.float32).reshape(8, 1)
    hi = lo + np.float32(0.5)
    out = K.rand2_vec(lo, hi, 100)
    assert np.all(out >= lo) and np.all(out < hi)


def run_with_seed(tmp_path, *seed):
    out = tmp_path / ("seed" + "_".join(seed))
    argv = ["run", "gather_kernels.py:rng", "--arg", "parts=4", "--arg", "free=6", "--arg", "dtype='uint32'",
            "--arg", "engine='gpsimd'", "--out", str(out)] + (["--seed", seed[0]] if seed else [])
    proc = nki_testing.run_nki(argv, cwd=HERE)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    (npy,) = out.glob("*.npy")
    return np.load(npy)


def test_cli_seed_is_deterministic_and_selects_the_stream(tmp_path):
    a, b = run_with_seed(tmp_path, "7"), run_with_seed(tmp_path, "7")
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, Engine(7, GPSIMD, 1).draw(4, 6))
    np.testing.assert_array_equal(run_with_seed(tmp_path), Engine(0, GPSIMD, 1).draw(4, 6))
    assert not np.array_equal(a, run_with_seed(tmp_path, "8"))


def test_cli_seed_rejects_a_non_number(tmp_path):
    argv = ["run", "gather_kernels.py:rng", "--seed", "abc"]
    proc = subprocess.run([nki_testing.nki_bin()] + argv, cwd=HERE, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--seed" in proc.stderr, nki_testing.describe(argv, proc)


def test_rng_vector_on_trn1(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn1")
    np.testing.assert_array_equal(K.rng(2, 3, "uint32", "vector"), Engine(0, VECTOR, 4).draw(2, 3))

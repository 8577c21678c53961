"""nki.collectives between the cores of a kernel[2] launch against NumPy: ncc.all_reduce (add,
minimum, maximum; SBUF and coalesced HBM tensors; fp32 accumulation rounded on write),
ncc.all_gather (dim 0, HBM and SBUF), ncc.rank_id, and their timing (hw-model.md §8, Mesh)."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import nki  # noqa: E402
import nki_testing  # noqa: E402
import collective_kernels as k  # noqa: E402

KERNELS = "tests/kernels/collective_kernels.py"
NP_OPS = {"add": np.add, "minimum": np.minimum, "maximum": np.maximum}


def rand(shape, seed, dtype=np.float32):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


@pytest.mark.parametrize("op", ["add", "minimum", "maximum"])
def test_all_reduce_sbuf(op):
    a = rand((256, 96), 1)
    want = NP_OPS[op](a[:128], a[128:])
    np.testing.assert_array_equal(k.all_reduce_sbuf[2](a, op=op), np.concatenate([want, want]))


def test_all_reduce_accumulates_in_fp32_and_rounds_on_write():
    # Reference: the fp32 sum of the two fp16 blocks, rounded once to fp16.
    a = (rand((256, 64), 2) * 1000).astype(np.float16)
    want = (a[:128].astype(np.float32) + a[128:].astype(np.float32)).astype(np.float16)
    got = k.all_reduce_sbuf[2](a)
    assert got.dtype == np.float16
    np.testing.assert_array_equal(got, np.concatenate([want, want]))


def test_all_reduce_of_one_core_is_a_copy():
    a = rand((128, 32), 3)
    np.testing.assert_array_equal(k.all_reduce_sbuf[1](a), a)


def test_all_reduce_coalesced_hbm_tensors():
    a, b = rand((256, 64), 4), rand((256, 64), 5)
    out_a, out_b = k.all_reduce_hbm[2](a, b)
    np.testing.assert_array_equal(out_a, np.tile(a[:128] + a[128:], (2, 1)))
    np.testing.assert_array_equal(out_b, np.tile(b[:128] + b[128:], (2, 1)))


@pytest.mark.parametrize("n", [1, 3])
def test_all_reduce_in_a_runtime_loop(n):
    # x <- x0 + x1 on both cores, n times: (2 ** (n - 1)) * (block0 + block1), exact in fp32.
    a = rand((256, 32), 9)
    want = 2.0 ** (n - 1) * (a[:128] + a[128:])
    np.testing.assert_array_equal(k.all_reduce_loop[2](a, n=n), np.concatenate([want, want]))


def test_all_gather_hbm_concatenates_in_rank_order():
    a = rand((256, 48), 6)
    got = k.all_gather_hbm[2](a)
    want = np.concatenate([a[:128], 2 * a[128:]])
    np.testing.assert_array_equal(got, np.stack([want, want]))


def test_all_gather_sbuf_along_partitions():
    a = rand((128, 40), 7)
    got = k.all_gather_sbuf[2](a)
    np.testing.assert_array_equal(got, np.stack([a, a]))


def test_all_gather_sbuf_along_the_free_dim():
    a = rand((128, 2 * 24), 8)
    got = k.all_gather_free[2](a)
    want = np.concatenate([a[:, :24], 2 * a[:, 24:]], axis=1)
    np.testing.assert_array_equal(got, np.stack([want, want]))


@pytest.mark.parametrize("lnc", [1, 2])
def test_rank_id_is_the_core(lnc):
    got = k.rank_ids[lnc](np.zeros((1, 1), np.float32))
    np.testing.assert_array_equal(got.ravel(), np.arange(lnc))


def test_outside_a_kernel_it_is_kernel_only():
    import nki.collectives as ncc
    with pytest.raises(ncc.KernelOnlyError):
        ncc.rank_id()


# --- timing ---------------------------------------------------------------------------------------

def timing(fn, *args, kernels=KERNELS):
    argv = ["run", f"{kernels}:{fn}", "--lnc", "2", "--timing-only", "--json", *args]
    proc = nki_testing.run_nki(argv, cwd=nki_testing.SOURCE_DIR)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    return json.loads(proc.stdout)


def test_collective_costs_a_hop_plus_bytes():
    small = timing("all_reduce_sbuf", "--arg", "a=zeros:256x16:float32")
    big = timing("all_reduce_sbuf", "--arg", "a=zeros:256x4096:float32")
    # Both cores leave the collective together and finish their identical tails together.
    for t in (small, big):
        c0, c1 = (c["device_time_us"] for c in t["cores"])
        assert c0 == pytest.approx(c1)
    # A tiny all_reduce still pays the Mesh hop (1.5 us): the same load / exchange / store with a
    # sendrecv (and one more compute instruction) is faster by about that. 2 MiB per core moves on
    # the DMA engines at the read-add-write rate, well above the hop.
    exchange = timing("exchange", "--arg", "a=zeros:256x16:float32", kernels="tests/kernels/spmd_kernels.py")
    assert small["device_time_us"] > exchange["device_time_us"] + 1.0
    assert big["device_time_us"] > small["device_time_us"] + 1.0


def test_runtime_loop_collective_is_timed_per_iteration(tmp_path):
    path = tmp_path / "loop.py"
    src = (HERE / "collective_kernels.py").read_text()
    path.write_text(src.replace("def all_reduce_loop(a, n=3)", "def all_reduce_loop(a, n=4)"))
    three = timing("all_reduce_loop", "--arg", "a=zeros:256x16:float32")  # the default n=3
    four = timing("all_reduce_loop", "--arg", "a=zeros:256x16:float32", kernels=str(path))
    # One more iteration: at least one more Mesh hop (1.5 us).
    assert four["device_time_us"] > three["device_time_us"] + 1.5

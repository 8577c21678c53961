"""LNC2 launches (kernel[2], `nki run --lnc 2`) against NumPy: work split by nl.program_id(),
tiles exchanged with nisa.sendrecv, shared HBM ordered by nisa.core_barrier, deadlocks reported,
and the two cores timed in parallel."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import nki  # noqa: E402
import nki_testing  # noqa: E402
import spmd_kernels as k  # noqa: E402

KERNELS = "tests/kernels/spmd_kernels.py"


def rand(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


# --- numbers, through Python ---------------------------------------------------------------------

@pytest.mark.parametrize("rows", [256, 1024])
@pytest.mark.parametrize("lnc", [1, 2])
def test_add_split_across_cores(rows, lnc):
    a, b = rand((rows, 384), rows), rand((rows, 384), rows + 1)
    np.testing.assert_array_equal(k.add_split[lnc](a, b), a + b)


def test_simulate_of_an_lnc2_kernel():
    a, b = rand((512, 128), 1), rand((512, 128), 2)
    np.testing.assert_array_equal(nki.simulate(k.add_split[2])(a, b), a + b)


@pytest.mark.parametrize("lnc", [1, 2])
def test_inputs_written_by_either_core_are_updated_in_place(lnc):
    a = rand((512, 64), 12)
    before = a.copy()
    sums = k.double_in_place[lnc](a)
    np.testing.assert_array_equal(a, 2 * before)  # rows of core 1 too
    np.testing.assert_allclose(sums[:, 0], (2 * before).sum(axis=1), rtol=1e-5, atol=1e-5)


def test_matmul_split_across_cores():
    x, y = rand((128, 96), 3), rand((96, 512), 4)
    got = k.matmul_split[2](x, y)
    np.testing.assert_allclose(got, x.astype(np.float64) @ y, rtol=1e-4, atol=1e-4)


def test_sendrecv_exchanges_tiles_both_ways():
    a = rand((256, 64), 5)
    got = k.exchange[2](a)
    want = np.concatenate([10 * a[:128] + a[128:], 10 * a[128:] + a[:128]])
    np.testing.assert_allclose(got, want, rtol=1e-6)


@pytest.mark.parametrize("n", [0, 1, 3])
def test_sendrecv_in_a_runtime_loop(n):
    x = rand((256, 32), 12).astype(np.float64)
    a, b = x[:128], x[128:]
    for _ in range(n):  # both cores add the other's tile at once: (a, b) -> (a + b, a + b)
        a, b = a + b, b + a
    got = k.ping_pong[2](x.astype(np.float32), np.array([[n]], dtype=np.int32))
    np.testing.assert_allclose(got, np.concatenate([a, b]), rtol=1e-5)


def test_runtime_loop_sendrecv_is_timed_per_iteration(tmp_path):
    x = np.zeros((256, 512), np.float32)
    times = []
    for n in (1, 5):
        np.save(tmp_path / "x.npy", x)
        np.save(tmp_path / "count.npy", np.array([[n]], dtype=np.int32))
        argv = ["run", f"{KERNELS}:ping_pong", "--lnc", "2", "--json", "--arg", f"x={tmp_path / 'x.npy'}",
                "--arg", f"count={tmp_path / 'count.npy'}"]
        proc = nki_testing.run_nki(argv, cwd=nki_testing.SOURCE_DIR)
        assert proc.returncode == 0, nki_testing.describe(argv, proc)
        times.append(json.loads(proc.stdout)["device_time_us"])
    assert times[1] > 2 * times[0], times


@pytest.mark.parametrize("lnc", [1, 2])
def test_sendrecv_rotation_and_self_exchange(lnc):
    a = rand((128 * lnc, 16), 13)
    want = np.concatenate([a[128 * ((c - 1) % lnc):][:128] for c in range(lnc)])
    np.testing.assert_array_equal(k.rotate[lnc](a), want)


def test_sendrecv_between_slices_of_one_tile():
    a = rand((128, 96), 11)
    np.testing.assert_allclose(k.allgather_columns[2](a), 2 * a, rtol=1e-6)


@pytest.mark.parametrize("writer", [0, 1])
def test_core_barrier_orders_a_write_before_the_other_cores_read(writer):
    a = rand((128, 64), 6)
    np.testing.assert_allclose(k.barrier_handoff[2](a, writer=writer), 2 * a + 1, rtol=1e-6)


def test_without_the_barrier_the_handoff_is_a_race():
    # Core 0 reads the scratch tensor, core 1 writes it, and nothing orders the two.
    with pytest.raises(nki.NkiError) as e:
        k.barrier_handoff[2](rand((128, 64), 7), use_barrier=False)
    assert "race on shared HBM tensor 'scratch': core 1 writes bytes that core 0 reads" in e.value.message
    assert e.value.location.endswith("spmd_kernels.py:80:9")
    # Core 0 writes first, core 1 reads: a read after an unordered write.
    with pytest.raises(nki.NkiError, match="core 1 reads bytes that core 0 writes"):
        k.barrier_handoff[2](rand((128, 64), 7), use_barrier=False, writer=0)


def test_compile_ir_shows_both_cores():
    a = np.zeros((256, 64), np.float32)
    text = k.add_split[2].compile_ir(a, a)
    assert "; core 0 of 2 (nl.program_id() == 0)" in text and "; core 1 of 2 (nl.program_id() == 1)" in text
    # Core 1 works on the second half of the rows.
    core1 = text.split("; core 1 of 2")[1]
    assert ", a[128:256,0:64]" in core1 and ", a[0:128,0:64]" not in core1


def test_lnc2_needs_trn2_or_newer(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn1")
    a = np.zeros((256, 64), np.float32)
    with pytest.raises(nki.NkiError, match="LNC2 .* needs trn2 or trn3"):
        k.add_split[2](a, a)


def test_deadlock_is_an_error_at_the_instruction():
    with pytest.raises(nki.NkiError) as e:
        k.exchange[1](np.zeros((256, 64), np.float32))
    # At LNC1 the other core does not exist: the rank is rejected when the kernel is specialized.
    assert "send_to_rank=1 names no core of this launch" in e.value.message
    assert e.value.location.endswith("spmd_kernels.py:62:5")


# --- the command line ----------------------------------------------------------------------------

def nki_run(tmp_path, fn, inputs, *extra):
    argv = ["run", f"{KERNELS}:{fn}", *extra]
    for name, array in inputs.items():
        np.save(tmp_path / f"{name}.npy", array)
        argv += ["--arg", f"{name}={tmp_path / (name + '.npy')}"]
    proc = nki_testing.run_nki(argv + ["--out", str(tmp_path / "out")], cwd=nki_testing.SOURCE_DIR)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    return proc.stdout


def test_cli_lnc2_split_add(tmp_path):
    a, b = rand((512, 256), 8), rand((512, 256), 9)
    stdout = nki_run(tmp_path, "add_split", {"a": a, "b": b}, "--lnc", "2")
    np.testing.assert_array_equal(np.load(tmp_path / "out" / "out.npy"), a + b)
    assert "LNC2: the later of the cores" in stdout and "--- core 1 (nl.program_id() == 1) ---" in stdout


def test_cli_lnc2_exchange(tmp_path):
    a = rand((256, 32), 10)
    nki_run(tmp_path, "exchange", {"a": a}, "--lnc", "2")
    got = np.load(tmp_path / "out" / "out.npy")
    np.testing.assert_allclose(got, np.concatenate([10 * a[:128] + a[128:], 10 * a[128:] + a[:128]]), rtol=1e-6)


def test_cli_lnc2_uninitialized_check_sees_the_other_cores_writes(tmp_path):
    # Core 1 writes the shared scratch tensor, core 0 reads it after the barrier: with the check
    # on, the written-bytes record of a shared tensor is shared too, so this is no false alarm.
    a = rand((128, 64), 11)
    nki_run(tmp_path, "barrier_handoff", {"a": a}, "--lnc", "2", "--check-uninitialized")
    np.testing.assert_allclose(np.load(tmp_path / "out" / "out.npy"), 2 * a + 1, rtol=1e-6)


# --- timing --------------------------------------------------------------------------------------

def timing(fn, lnc, *args):
    argv = ["run", f"{KERNELS}:{fn}", "--lnc", str(lnc), "--timing-only", "--json", *args]
    proc = nki_testing.run_nki(argv, cwd=nki_testing.SOURCE_DIR)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    return json.loads(proc.stdout)


def test_two_cores_take_about_half_the_time_of_one():
    shape = ["--arg", "a=zeros:4096x2048:float32", "--arg", "b=zeros:4096x2048:float32"]
    one, two = timing("add_split", 1, *shape), timing("add_split", 2, *shape)
    assert two["lnc"] == 2 and len(two["cores"]) == 2
    assert two["device_time_us"] == max(c["device_time_us"] for c in two["cores"])
    ratio = two["device_time_us"] / one["device_time_us"]
    assert 0.45 <= ratio <= 0.6, ratio


def test_barrier_wait_is_timed():
    # Core 0 waits at the barrier for core 1's load, scale and store, then does its own: about
    # twice core 1's time.
    t = timing("barrier_handoff", 2, "--arg", "a=zeros:128x2048:float32")
    core0, core1 = (c["device_time_us"] for c in t["cores"])
    assert core0 > 1.6 * core1, (core0, core1)


def test_sendrecv_waits_for_the_later_core():
    t = timing("exchange", 2, "--arg", "a=zeros:256x512:float32")
    assert [c["device_time_us"] for c in t["cores"]][0] == pytest.approx(t["cores"][1]["device_time_us"])


def test_profile_has_one_track_group_per_core(tmp_path):
    trace = tmp_path / "trace.json"
    argv = ["run", f"{KERNELS}:exchange", "--lnc", "2", "--timing-only", "--arg", "a=zeros:256x64:float32",
            "--profile", str(trace)]
    proc = nki_testing.run_nki(argv, cwd=nki_testing.SOURCE_DIR)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
    events = json.loads(trace.read_text())["traceEvents"]
    names = {e["pid"]: e["args"]["name"] for e in events if e["name"] == "process_name"}
    assert names[1].startswith("NeuronCore 0 of 2") and names[2].startswith("NeuronCore 1 of 2")
    for pid in (1, 2):
        ops = [e["name"] for e in events if e["ph"] == "X" and e["pid"] == pid]
        assert ops.count("sendrecv") == 1 and ops.count("dma_copy") == 2

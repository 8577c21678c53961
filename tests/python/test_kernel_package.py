"""The Python package as a kernel author uses it: the kernel package tilekit/ (laid out like a real
NKI library: dataclass configs and enums in config.py, helpers in a sibling module, nl constants
as defaults) imported by plain Python and called on NumPy arrays and torch tensors, checked
against NumPy; the compile cache; in-place input updates; every compile-time argument kind; each
error kind as its documented exception; timing from Python; the module surface."""

import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]  # ctest sets PYTHONPATH; by hand, this

import nki  # noqa: E402
import nki.collectives as ncc  # noqa: E402
import nki.compiler  # noqa: E402
import nki.isa as nisa  # noqa: E402
import nki.isa.constants  # noqa: E402
import nki.language as nl  # noqa: E402
import nki.typing as nt  # noqa: E402
from tilekit import config, helpers  # noqa: E402
from tilekit import kernels as K  # noqa: E402

RNG = np.random.default_rng(6)


def rand(shape):
    return RNG.standard_normal(shape).astype(np.float32)


def fused_reference(a, b, cfg=config.DEFAULT, op=np.add, post=None, repeat=1, bias=0.0, shift=True, trim=(0, 0)):
    """NumPy version of tilekit.kernels.fused, in float32 as the engines compute."""
    x = a.astype(np.float32)
    for _ in range(repeat):
        x = op(x, b).astype(np.float32)
    x = (x * np.float32(cfg.scale)).astype(np.float32) + np.float32(bias + (1.0 if shift else 0.0))
    if post is not None:
        x = post(x)
    if cfg.epilogue == config.Epilogue.RELU:
        x = np.maximum(x, 0)
    elif cfg.epilogue == config.Epilogue.NEGATE:
        x = -x
    if trim[1]:
        x[:, x.shape[1] - trim[1]:] = 0
    return x


# --- calling kernels of a package ------------------------------------------------------------------

def test_defaults_from_module_level_config():
    a, b = rand((128, 256)), rand((128, 256))
    np.testing.assert_allclose(K.fused(a, b), fused_reference(a, b), rtol=1e-6)


def test_every_compile_time_argument_kind(capsys):
    a, b = rand((128, 256)), rand((128, 256))
    cfg = config.TileConfig(tile_free=64, scale=0.5, epilogue=config.Epilogue.RELU)  # NKIObject with an enum
    out = K.fused(a, b, cfg,                      # NKIObject instance (positional)
                  op=nl.multiply,                 # nl operator constant
                  post=helpers.square,            # a Python function, resolved to its source
                  repeat=2,                       # int
                  bias=-0.25,                     # float
                  shift=False,                    # bool
                  label="custom",                 # str
                  tag=None,                       # None
                  trim=(0, 3))                    # tuple
    expected = fused_reference(a, b, cfg, op=np.multiply, post=np.square, repeat=2, bias=-0.25, shift=False,
                               trim=(0, 3))
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    assert "custom tiles of 64 epilogue Epilogue.RELU tag None" in capsys.readouterr().out


def test_enum_member_argument_changes_the_kernel():
    a, b = rand((128, 128)), rand((128, 128))
    for ep in config.Epilogue:
        cfg = config.TileConfig(epilogue=ep)
        np.testing.assert_allclose(K.fused(a, b, cfg=cfg), fused_reference(a, b, cfg), rtol=1e-6)


def test_function_argument_from_a_sibling_module():
    a, b = rand((128, 128)), rand((128, 128))
    np.testing.assert_allclose(K.fused(a, b, post=helpers.add_one), fused_reference(a, b, post=lambda x: x + 1),
                               rtol=1e-6)


def test_several_outputs_are_a_tuple():
    a = rand((128, 64))
    lo, hi = K.split_halves(a)
    np.testing.assert_array_equal(lo, a[:, :32])
    np.testing.assert_array_equal(hi, a[:, 32:])


# --- in-place updates --------------------------------------------------------------------------------

def test_written_inputs_are_updated_in_place():
    acc, x = rand((128, 64)), rand((128, 64))
    acc0, x0 = acc.copy(), x.copy()
    doubled = K.accumulate(acc, x, times=3)
    np.testing.assert_allclose(acc, acc0 + x0 + x0 + x0, rtol=1e-6)  # written: updated
    np.testing.assert_array_equal(x, x0)                                # only read: untouched
    np.testing.assert_array_equal(doubled, 2 * x0)


def test_in_place_update_of_a_strided_view():
    big = rand((128, 128))
    big0 = big.copy()
    view = big[:, ::2]  # not contiguous: the update goes through the view into `big`
    x = rand((128, 64))
    K.accumulate(view, x)
    np.testing.assert_allclose(big[:, ::2], big0[:, ::2] + x, rtol=1e-6)
    np.testing.assert_array_equal(big[:, 1::2], big0[:, 1::2])


def test_read_only_input_that_the_kernel_writes():
    acc = rand((128, 64))
    acc.flags.writeable = False
    with pytest.raises(ValueError, match="the kernel writes this input, but the NumPy array is read-only"):
        K.accumulate(acc, rand((128, 64)))


# --- the compile cache -------------------------------------------------------------------------------

def test_compile_cache(capsys):
    nki.clear_cache()
    a, b = rand((128, 128)), rand((128, 128))
    K.fused(a, b, label="cached")
    K.fused(rand((128, 128)), rand((128, 128)), label="cached")  # same shapes/dtypes/values: a hit
    assert nki.cache_info() == {"hits": 1, "misses": 1, "size": 1}
    assert capsys.readouterr().out.count("cached tiles") == 1    # compile-time print runs per compile
    K.fused(rand((128, 256)), rand((128, 256)), label="cached")   # new shape
    K.fused(a.astype(np.float16), b.astype(np.float16), label="cached")  # new dtype
    K.fused(a, b, label="other")                                  # new compile-time value
    K.fused(a, b, label="cached", bias=0)                         # 0 is not 0.0
    K.fused(a, b, label="cached", cfg=config.TileConfig(scale=2.0))  # new NKIObject field
    assert nki.cache_info()["misses"] == 6 and nki.cache_info()["hits"] == 1


def test_cache_key_includes_the_target(monkeypatch):
    nki.clear_cache()
    a = rand((128, 64))
    for t in ("trn1", "trn2", "trn3", "gen3"):
        monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", t)
        np.testing.assert_array_equal(K.split_halves(a)[0], a[:, :32])
    assert nki.cache_info() == {"hits": 1, "misses": 3, "size": 3}  # gen3 is trn2


def test_jit_platform_target_picks_the_target(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn2")
    a = rand((128, 64))
    pinned = nki.jit(K.split_halves.fn, platform_target="trn1", mode="auto", debug_kernel=True)
    assert "on trn1" in str(nki.benchmark(pinned)(a))
    assert "on trn2" in str(nki.benchmark(K.split_halves)(a))


# --- errors ------------------------------------------------------------------------------------------

def error_line(pattern, path=K.__file__):
    """(path, line) of the first line of `path` containing `pattern`."""
    lines = Path(path).read_text().splitlines()
    return str(Path(path).resolve()), next(i for i, t in enumerate(lines, 1) if pattern in t)


@pytest.mark.parametrize("kernel,args,exc,builtin,where,message", [
    (K.too_many_partitions, (), nisa.NkiValidationError, None, "(2 * P, 4)",
     "nl.ndarray(): partition dimension 256 exceeds the maximum of 128"),
    (K.matmul_into_sbuf, (), nisa.NkiValidationError, None, "nisa.nc_matmul(dst=r",
     "nc_matmul: dst must be in psum"),
    (K.wrong_keyword, (), nki.NkiTypeError, TypeError, "bogus=1",
     "combine() got an unexpected keyword argument 'bogus'"),
    (K.needs_config, (config.TileConfig(epilogue=config.Epilogue.NEGATE),), nki.NkiAssertionError, AssertionError,
     "assert isinstance", "assertion failed: NEGATE is not allowed here"),
    (K.uses_broken_module, (), nki.NkiSyntaxError, SyntaxError, "def nothing(a)", "expected ':'"),
])
def test_each_error_kind(kernel, args, exc, builtin, where, message):
    path = HERE / "tilekit" / ("broken.py" if exc is nki.NkiSyntaxError else "kernels.py")
    file, line = error_line(where, path)
    with pytest.raises(exc) as info:
        kernel(rand((128, 128)), *args)
    err = info.value
    assert isinstance(err, nki.NkiError)
    if builtin is not None:
        assert isinstance(err, builtin)
    text = str(err)
    # Exactly the command line's diagnostic: file:line:col: error: message, source line, caret.
    first, source, caret = text.splitlines()[:3]
    assert first.startswith(f"{file}:{line}:") and f"error: {message}" in first, text
    col = int(first.split(":")[2])
    assert source.strip() == Path(file).read_text().splitlines()[line - 1].strip()
    assert caret.strip() == "^" and caret.index("^") - 4 == col - 1
    assert err.location == f"{file}:{line}:{col}" and message in err.message


def test_simulator_fault_is_a_runtime_error(monkeypatch):
    monkeypatch.setenv("NKI_MAX_LOOP_ITERATIONS", "100")
    x = np.zeros((8, 4), np.float32)
    np.testing.assert_array_equal(K.repeat_until_zero(x, np.array([[5]], np.int32)), x + 5)
    with pytest.raises(nki.NkiRuntimeError, match="runtime loops ran more than 100 iterations") as info:
        K.repeat_until_zero(x, np.array([[-1]], np.int32))
    assert isinstance(info.value, RuntimeError) and isinstance(info.value, nki.NkiError)


def test_limits_are_jit_options():
    """nki.jit(max_...=N) sets the limits the command's --max-* flags set (docs/cli.md, Limits)."""
    x = np.zeros((8, 4), np.float32)
    endless = nki.jit(K.repeat_until_zero.fn, max_loop_iterations=50)
    with pytest.raises(nki.NkiRuntimeError, match="runtime loops ran more than 50 iterations"):
        endless(x, np.array([[-1]], np.int32))
    np.testing.assert_array_equal(endless(x, np.array([[5]], np.int32)), x + 5)
    with pytest.raises(nki.NkiError, match="more than 3 instructions"):
        nki.jit(K.repeat_until_zero.fn, max_instructions=3)(x, np.array([[5]], np.int32))
    with pytest.raises(nki.NkiError, match="past the limit of 100 bytes"):
        nki.jit(K.repeat_until_zero.fn, max_hbm_bytes=100)(x, np.array([[5]], np.int32))

    def loops():
        for _ in range(1000):
            pass

    with pytest.raises(nki.NkiError, match="compile-time Python passed 10 steps"):
        nki.jit(loops, max_compile_steps=10)()

    def recurse(n):
        return recurse(n + 1)

    def deep():
        recurse(0)

    with pytest.raises(nki.NkiError, match="calls nested more than 5 deep"):
        nki.jit(deep, max_call_depth=5)()
    for bad in (0, -1, 1.5, True, "10"):
        with pytest.raises(ValueError, match="must be a positive int"):
            nki.jit(deep, max_call_depth=bad)


def test_error_text_is_the_command_lines(tmp_path):
    """The exception's text is what `nki check` prints for the same kernel and arguments."""
    import subprocess
    nki_bin = os.environ.get("NKI_BIN") or str(SOURCE_DIR / "build" / "nki")
    if not os.path.exists(nki_bin):
        pytest.skip("the nki command is not built")
    with pytest.raises(nki.NkiTypeError) as info:
        K.wrong_keyword(np.zeros((128, 128), np.float32))
    proc = subprocess.run([nki_bin, "check", f"{K.__file__}:wrong_keyword", "--arg", "a=zeros:128x128:float32"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.rstrip("\n") == str(info.value)


def test_bad_python_values_are_type_errors():
    with pytest.raises(TypeError, match="float64"):
        K.split_halves(np.zeros((128, 4)))
    with pytest.raises(nki.NkiTypeError, match="argument 'trim' is a generator, which cannot be passed to a kernel"):
        K.fused(rand((128, 128)), rand((128, 128)), trim=(i for i in range(2)))


def test_lists_are_compile_time_arguments_like_tuples():
    a, b = rand((128, 128)), rand((128, 128))
    np.testing.assert_array_equal(K.fused(a, b, trim=[0, 0]), K.fused(a, b, trim=(0, 0)))


# --- dtypes NumPy lacks ------------------------------------------------------------------------------

def test_bfloat16_bits_round_trip():
    x = np.array([1.0, 1.00390625, -2.5, 3.0e38], np.float32)
    bits = nki.to_bits(x, nl.bfloat16)
    assert bits.dtype == np.uint16
    # bfloat16 is the top half of float32, rounded to nearest even: an independent reference.
    u = x.view(np.uint32).astype(np.uint64)
    expected = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    np.testing.assert_array_equal(bits, expected)
    np.testing.assert_array_equal(nki.from_bits(bits, nl.bfloat16).numpy(),
                                  (bits.astype(np.uint32) << 16).view(np.float32))


def test_bfloat16_and_fp8_through_kernels():
    x = np.linspace(-4, 4, 128 * 8, dtype=np.float32).reshape(128, 8)
    bits = nki.to_bits(x, nl.bfloat16)
    widened = K.widen(nki.from_bits(bits, nl.bfloat16))  # bf16 in
    np.testing.assert_array_equal(widened, (bits.astype(np.uint32) << 16).view(np.float32))
    narrowed = K.narrow(x)  # bf16 out: float32 values (exact), or ml_dtypes.bfloat16 when installed
    np.testing.assert_array_equal(np.asarray(narrowed, np.float32), nki.from_bits(bits, nl.bfloat16).numpy())
    f8 = K.narrow(x, dtype=nl.float8_e4m3fn)
    np.testing.assert_array_equal(np.asarray(f8, np.float32), nki.as_dtype(x, nl.float8_e4m3fn).numpy())


def test_outputs_use_ml_dtypes_when_importable(monkeypatch):
    """With ml_dtypes importable, an output of a dtype NumPy lacks comes back as that dtype (here a
    stand-in module whose 'bfloat16' is float16, to see the conversion without ml_dtypes)."""
    import types
    monkeypatch.setattr(nki, "_ml_dtypes", lambda: types.SimpleNamespace(bfloat16=np.float16))
    out = K.narrow(np.full((128, 8), 1.5, np.float32))
    assert out.dtype == np.float16 and (out == 1.5).all()
    assert K.narrow(np.ones((128, 8), np.float32), dtype=nl.float8_e5m2).dtype == np.float32  # not in it


def test_typed_array_input_updated_in_place():
    acc = nki.as_dtype(np.ones((128, 64), np.float32), nl.bfloat16)
    x = nki.as_dtype(np.full((128, 64), 0.5, np.float32), nl.bfloat16)
    K.accumulate(acc, x, times=2)
    np.testing.assert_array_equal(acc.numpy(), np.full((128, 64), 2.0, np.float32))


# --- timing ------------------------------------------------------------------------------------------

def test_benchmark(monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn1")
    a, b = rand((128, 512)), rand((128, 512))
    r = nki.benchmark(K.fused)(a, b, cfg=config.TileConfig(tile_free=256))
    assert r.target == "trn1" and r.device_time_us > 0
    assert set(r.busy_percent) >= {"tensor", "vector", "scalar", "gpsimd", "sync", "dma_engines"}
    assert 0 < r.busy_percent["vector"] <= 100
    assert r.hbm_bytes == 3 * 128 * 512 * 4  # a and b read, out written
    assert r.mfu_percent == 0.0 and r.matmul_flops == 0
    assert r.top_lines and {line["source"].split(":")[0] for line in r.top_lines} == {"kernels.py", "helpers.py"}
    assert str(r).startswith("estimated device time:") and "on trn1" in str(r)
    np.testing.assert_allclose(r.outputs, fused_reference(a, b), rtol=1e-6)
    quick = nki.benchmark(K.fused, timing_only=True)(a, b, cfg=config.TileConfig(tile_free=256))
    assert quick.outputs is None and quick.device_time_us == pytest.approx(r.device_time_us)


def test_profile_writes_a_chrome_trace(tmp_path):
    acc, x = rand((128, 64)), rand((128, 64))
    acc0 = acc.copy()
    trace = tmp_path / "t.json"
    r = nki.profile(K.accumulate, trace=trace)(acc, x)
    assert r.trace_path == str(trace)
    events = json.loads(trace.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    names = {e.get("name") for e in events}
    assert {"dma_copy", "tensor_tensor", "tensor_scalar"} <= names
    np.testing.assert_allclose(acc, acc0 + x, rtol=1e-6)  # profile is a real call: in-place update too


# --- the module surface ------------------------------------------------------------------------------

def test_module_surface():
    assert nki.isa.constants.oob_mode is nisa.oob_mode and nki.isa.constants.dge_mode.swdge == 1
    assert nki.isa.constants.matmul_perf_mode is nisa.matmul_perf_mode and nki.isa.constants.engine.vector == 5
    assert issubclass(nisa.NkiValidationError, nki.NkiError)
    assert repr(nt.tensor[128, 512]) == "nt.tensor[128, 512]" and nt.tensor[128, 512] == nt.tensor[128, 512]
    group = ncc.ReplicaGroup([[0, 1], [2, 3]])
    assert isinstance(group, nl.NKIObject) and group.replica_groups == [[0, 1], [2, 3]]

    @nki.compiler.skip_middle_end_transformations
    def f():
        return 1

    assert f() == 1


@pytest.mark.parametrize("call", [
    lambda: ncc.all_reduce(srcs=[], dsts=[], replica_group=None, op=nl.add),
    lambda: ncc.rank_id(),
    lambda: nisa.VirtualRegister(),
    lambda: nl.NkiTensor(),
    lambda: nl.copy(1),
])
def test_kernel_only_names(call):
    with pytest.raises(nki.KernelOnlyError, match="only be used inside a kernel"):
        call()


# --- PyTorch -------------------------------------------------------------------------------------------

@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def test_torch_tensors_in_and_out(torch):
    a, b = torch.randn(128, 128), torch.randn(128, 128)
    out = K.fused(a, b)
    assert isinstance(out, torch.Tensor) and out.dtype == torch.float32
    np.testing.assert_allclose(out.numpy(), fused_reference(a.numpy(), b.numpy()), rtol=1e-6)
    acc, x = torch.zeros(128, 64), torch.ones(128, 64)
    K.accumulate(acc, x, times=2)
    assert torch.equal(acc, torch.full((128, 64), 2.0))
    narrowed = K.narrow(a)
    assert narrowed.dtype == torch.bfloat16 and torch.equal(narrowed, a.to(torch.bfloat16))
    assert torch.equal(K.widen(narrowed), narrowed.float())


def test_torch_custom_op_in_a_module(torch):
    op = nki.nki_op(K.fused, name="tilekit_fused", cfg=config.TileConfig(scale=2.0), post=helpers.square)
    assert op.schema == ("tilekit_fused(Tensor a, Tensor b, int repeat=1, float bias=0.0, bool shift=True, "
                         "str label='fused') -> Tensor")

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(128, 128)

        def forward(self, x, y):
            return op(self.linear(x), y, 1, 0.5) * 2

    model = Model()
    x, y = torch.randn(128, 128), torch.randn(128, 128)
    with torch.no_grad():
        got = model(x, y)
        h = model.linear(x).numpy()
    cfg = config.TileConfig(scale=2.0)
    expected = fused_reference(h, y.numpy(), cfg, post=np.square, bias=0.5) * 2
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5)
    assert torch.equal(torch.ops.nki.tilekit_fused(h_t := torch.from_numpy(h), y, 1, 0.5), op(h_t, y, 1, 0.5))


def test_torch_custom_op_with_two_outputs(torch):
    halves = nki.nki_op(K.split_halves, name="tilekit_split_halves", outputs=2)
    assert halves.schema == "tilekit_split_halves(Tensor a) -> (Tensor, Tensor)"
    a = torch.randn(128, 64)
    lo, hi = torch.ops.nki.tilekit_split_halves(a)
    assert torch.equal(lo, a[:, :32]) and torch.equal(hi, a[:, 32:])
    wrong = nki.nki_op(K.split_halves, name="tilekit_split_halves_one")
    with pytest.raises(TypeError, match="register it with outputs=2"):
        wrong(a)

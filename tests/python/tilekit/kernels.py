"""tilekit kernels."""
import nki
import nki.isa as nisa
import nki.language as nl
from nki.isa.constants import engine, oob_mode

from . import helpers
from .config import DEFAULT, P, Epilogue, TileConfig


@nki.jit
def fused(a, b, cfg=DEFAULT, op=nl.add, post=None, repeat=1, bias=0.0, shift=True, label="fused",
          tag=None, trim=(0, 0)):
    """out = epilogue(post(scale * op(a, b) + bias + shift)) on [P, N] inputs, in tiles of cfg.tile_free
    columns; `repeat` applies `op` with b that many times; the last trim[1] columns are left 0."""
    print(label, "tiles of", cfg.tile_free, "epilogue", cfg.epilogue, "tag", tag)
    rows, cols = a.shape
    assert rows == P, "tilekit kernels take exactly nl.tile_size.pmax rows"
    out = nl.ndarray((rows, cols), dtype=cfg.out_dtype, buffer=nl.shared_hbm)
    width = cfg.tile_free
    for j in range(cols // width):
        cols_j = nl.ds(j * width, width)
        x = helpers.load_tile(a[:, cols_j], rows, width)
        y = helpers.load_tile(b[:, cols_j], rows, width)
        for _ in range(repeat):
            helpers.combine(x, x, y, op=op)
        nisa.tensor_scalar(dst=x, data=x, op0=nl.multiply, operand0=cfg.scale, op1=nl.add,
                           operand1=bias + (1.0 if shift else 0.0))
        if post:
            post(x, x)
        helpers.apply_epilogue(x, cfg.epilogue)
        if j == cols // width - 1 and trim[1] > 0:
            nisa.memset(dst=x[:, width - trim[1]:width], value=0.0)
        res = nl.ndarray((rows, width), dtype=cfg.out_dtype, buffer=nl.sbuf)
        nisa.tensor_copy(dst=res, src=x)
        nisa.dma_copy(dst=out[:, cols_j], src=res, oob_mode=oob_mode.error)
    return out


@nki.jit
def accumulate(acc, x, times=1):
    """acc += times * x, in place (acc is an input the kernel writes); returns x * 2 as well."""
    ta = helpers.load_tile(acc, acc.shape[0], acc.shape[1])
    tx = helpers.load_tile(x, x.shape[0], x.shape[1])
    for _ in range(times):
        helpers.combine(ta, ta, tx, engine=engine.vector)
    nisa.dma_copy(dst=acc, src=ta)
    doubled = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    nisa.tensor_scalar(dst=tx, data=tx, op0=nl.multiply, operand0=2.0)
    nisa.dma_copy(dst=doubled, src=tx)
    return doubled


@nki.jit
def split_halves(a):
    """Two outputs: the first and second half of a's columns."""
    rows, cols = a.shape
    half = cols // 2
    lo = nl.ndarray((rows, half), dtype=a.dtype, buffer=nl.shared_hbm)
    hi = nl.ndarray((rows, half), dtype=a.dtype, buffer=nl.shared_hbm)
    t = helpers.load_tile(a, rows, cols, dtype=a.dtype)
    nisa.dma_copy(dst=lo, src=t[:, 0:half])
    nisa.dma_copy(dst=hi, src=t[:, half:cols])
    return lo, hi


@nki.jit
def widen(a):
    """a (bfloat16 or fp8) converted to float32."""
    t = helpers.load_tile(a, a.shape[0], a.shape[1], dtype=a.dtype)
    w = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=w, src=t)
    out = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=w)
    return out


@nki.jit
def narrow(a, dtype=nl.bfloat16):
    """a (float32) rounded to `dtype`."""
    t = helpers.load_tile(a, a.shape[0], a.shape[1])
    n = nl.ndarray(a.shape, dtype=dtype, buffer=nl.sbuf)
    nisa.tensor_copy(dst=n, src=t)
    out = nl.ndarray(a.shape, dtype=dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=n)
    return out


# --- kernels with errors, one per documented exception ------------------------------------------

@nki.jit
def too_many_partitions(a):
    nl.ndarray((2 * P, 4), dtype=a.dtype, buffer=nl.sbuf)  # a hardware rule: 128 partitions


@nki.jit
def matmul_into_sbuf(a):
    t = helpers.load_tile(a, P, P)
    r = nl.ndarray((P, P), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_matmul(dst=r, stationary=t, moving=t)  # the Tensor Engine writes PSUM only


@nki.jit
def wrong_keyword(a):
    helpers.combine(a, a, a, bogus=1)
    return a


@nki.jit
def uses_broken_module(a):
    from .broken import nothing  # a module nki cannot parse
    return nothing(a)


@nki.jit
def needs_config(a, cfg=DEFAULT):
    assert isinstance(cfg, TileConfig) and cfg.epilogue != Epilogue.NEGATE, "NEGATE is not allowed here"
    return a


@nki.jit
def repeat_until_zero(x, count):
    """Adds 1 to x while the counter (read at run time) is not 0, counting down: a negative count
    never reaches 0, so the simulator stops the runaway loop (a run-time error)."""
    counter = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.dma_copy(dst=counter, src=count)
    cond = nisa.register_alloc(counter)
    acc = helpers.load_tile(x, x.shape[0], x.shape[1])

    def body(c):
        nisa.tensor_scalar(dst=acc, data=acc, op0=nl.add, operand0=1.0)
        nisa.tensor_scalar(dst=counter, data=counter, op0=nl.subtract, operand0=1)
        nisa.register_load(dst=c, src=counter)
        return c

    nl.while_loop(cond, body)
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=acc)
    return out

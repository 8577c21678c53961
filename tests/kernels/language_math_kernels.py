"""Generic kernels over the nki.language element-wise, reduction and tensor operations, for
test_language_math.py and test_language_reduce.py. Operation names and dtypes come in as strings
and are looked up with getattr inside the kernel; inputs are loaded (converted to `in_dtype`) and
results stored to a float32 (or integer) HBM output, so the tests see exactly the tile's values."""
import nki
import nki.isa as nisa
import nki.language as nl


def finish(t, dtype):
    out = nl.ndarray(t.shape, dtype=dtype, buffer=nl.shared_hbm)
    nl.store(out, t)
    return out


@nki.jit
def unary(a, fn, in_dtype, out_dtype):
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    return finish(getattr(nl, fn)(x, dtype=getattr(nl, out_dtype)), a.dtype)


@nki.jit
def binary(a, b, fn, in_dtype, out_dtype):
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    y = nl.load(b, dtype=getattr(nl, in_dtype))
    return finish(getattr(nl, fn)(x, y, dtype=getattr(nl, out_dtype)), a.dtype)


@nki.jit
def binary_default_dtype(a, b, fn):
    """No dtype=: the result takes the input tiles' dtype."""
    x = nl.load(a)
    y = nl.load(b)
    t = getattr(nl, fn)(x, y)
    return finish(t, t.dtype)


@nki.jit
def binary_scalar(a, fn, s, scalar_first, in_dtype):
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    f = getattr(nl, fn)
    t = f(s, x) if scalar_first else f(x, s)
    return finish(t, a.dtype)


@nki.jit
def binary_column(a, col, fn):
    """x [P, F] op y [P, 1] (tensor_scalar with a per-partition operand)."""
    x = nl.load(a)
    c = nl.load(col)
    return finish(getattr(nl, fn)(x, c), a.dtype)


@nki.jit
def reduce(a, fn, axis, keepdims, in_dtype):
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    t = getattr(nl, fn)(x, axis=axis, keepdims=keepdims)
    return finish(t, nl.float32)


@nki.jit
def reduce_all(a, axis):
    x = nl.load(a)
    return finish(nl.all(x, axis=axis), a.dtype)


@nki.jit
def var(a, axis):
    x = nl.load(a)
    return finish(nl.var(x, axis=axis, dtype=nl.float32), nl.float32)


@nki.jit
def softmax(a, axis, in_dtype):
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    return finish(nl.softmax(x, axis=axis, dtype=nl.float32), nl.float32)


@nki.jit
def rms_norm(a, w, axis, n, eps, in_dtype):
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    tw = nl.load(w)
    return finish(nl.rms_norm(x, tw, axis, n, epsilon=eps, dtype=nl.float32), nl.float32)


@nki.jit
def where(c, a, b, in_dtype):
    cond = nl.load(c)
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    y = nl.load(b, dtype=getattr(nl, in_dtype))
    return finish(nl.where(cond, x, y), a.dtype)


@nki.jit
def where_scalars(c, a):
    cond = nl.load(c)
    x = nl.load(a)
    return finish(nl.add(nl.where(cond, x, -1.0), nl.where(cond, 2.5, x)), a.dtype)


@nki.jit
def broadcast_to(a, shape):
    x = nl.load(a)
    return finish(nl.broadcast_to(x, shape), a.dtype)


@nki.jit
def expand_dims_add(a, b):
    """a [P, F] + b [P, 1] widened back: expand_dims of a sum over axis 1, broadcast by tensor_scalar."""
    x = nl.load(a)
    s = nl.sum(x, axis=1)
    col = nl.expand_dims(s, 1)
    return finish(nl.subtract(x, col), a.dtype)


@nki.jit
def load_transpose2d(a, dtype):
    return finish(nl.load_transpose2d(a, dtype=getattr(nl, dtype)), a.dtype)


@nki.jit
def identity(n, dtype):
    z = nl.ndarray((n, n), dtype=nl.float32, buffer=nl.shared_hbm)
    i = nl.shared_identity_matrix(n, dtype=getattr(nl, dtype))
    nl.store(z, i)
    return z


@nki.jit
def identity_transpose(a):
    """A transpose through the Tensor engine with the identity: out = a^T @ I."""
    x = nl.load(a)
    ident = nl.shared_identity_matrix(a.shape[0], dtype=nl.float32)
    out = nl.ndarray((a.shape[1], a.shape[0]), dtype=nl.float32, buffer=nl.shared_hbm)
    ps = nl.ndarray((a.shape[1], a.shape[0]), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=ps, stationary=x, moving=ident)
    nl.store(out, nl.copy(ps))
    return out


@nki.jit
def device_print(a):
    x = nl.load(a)
    nl.device_print("x_tile", x)
    nl.device_print("a hbm", a[0:2, :])
    return finish(x, a.dtype)


@nki.jit
def program_ndim(a):
    x = nl.load(a)
    return finish(nl.add(x, nl.program_ndim()), a.dtype)


@nki.jit
def binary_broadcast(a, b, fn, in_dtype):
    """x and y of different shapes that broadcast to a common one."""
    x = nl.load(a, dtype=getattr(nl, in_dtype))
    y = nl.load(b, dtype=getattr(nl, in_dtype))
    return finish(getattr(nl, fn)(x, y, dtype=nl.float32), nl.float32)


@nki.jit
def dropout(a, rate, dtype):
    x = nl.load(a)
    return finish(nl.dropout(x, rate, dtype=getattr(nl, dtype)), a.dtype)


@nki.jit
def dropout_per_partition(a, r):
    x = nl.load(a)
    return finish(nl.dropout(x, nl.load(r)), a.dtype)

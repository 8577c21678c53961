"""Kernels for the gather, sort-like and random-number instruction tests (test_select.py,
test_random.py; imported, never collected). Each loads its inputs into SBUF, runs one or two
instructions and stores the results."""

import nki
import nki.isa as nisa
import nki.language as nl
from kernel_io import load, store


@nki.jit
def max8(a, out_dtype):
    t = nl.ndarray((a.shape[0], 8), dtype=out_dtype, buffer=nl.sbuf)
    nisa.max8(dst=t, src=load(a))
    return store(t)


@nki.jit
def max8_psum(a):
    """src in PSUM (copied there by the Vector engine), dst in PSUM."""
    s = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.psum)
    nisa.tensor_copy(dst=s, src=load(a))
    d = nl.ndarray((a.shape[0], 8), dtype=nl.float32, buffer=nl.psum)
    nisa.max8(dst=d, src=s)
    t = nl.ndarray((a.shape[0], 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=d)
    return store(t)


@nki.jit
def find_index8(data, vals, out_dtype):
    t = nl.ndarray((data.shape[0], 8), dtype=out_dtype, buffer=nl.sbuf)
    nisa.nc_find_index8(dst=t, data=load(data), vals=load(vals))
    return store(t)


@nki.jit
def max_then_find(data):
    """The documented idiom: max8, then nc_find_index8 of its values."""
    td = load(data)
    m = nl.ndarray((data.shape[0], 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.max8(dst=m, src=td)
    i = nl.ndarray((data.shape[0], 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.nc_find_index8(dst=i, data=td, vals=m)
    return store(m), store(i)


@nki.jit
def match_replace8(data, vals, imm, idx_dtype):
    td = load(data)
    d = nl.ndarray(data.shape, dtype=data.dtype, buffer=nl.sbuf)
    i = nl.ndarray((data.shape[0], 8), dtype=idx_dtype, buffer=nl.sbuf)
    nisa.nc_match_replace8(dst=d, data=td, vals=load(vals), imm=imm, dst_idx=i)
    return store(d), store(i)


@nki.jit
def match_replace8_no_idx(data, vals, imm):
    d = nl.ndarray(data.shape, dtype=data.dtype, buffer=nl.sbuf)
    nisa.nc_match_replace8(d, load(data), load(vals), imm)
    return store(d)


@nki.jit
def stream_shuffle(src, init, mask):
    d = load(init)
    nisa.nc_stream_shuffle(dst=d, src=load(src), shuffle_mask=mask)
    return store(d)


@nki.jit
def stream_shuffle_in_place(src, mask):
    t = load(src)
    nisa.nc_stream_shuffle(dst=t, src=t, shuffle_mask=mask)
    return store(t)


@nki.jit
def local_gather(src, index, num_elem_per_idx, num_valid, out_shape):
    d = nl.ndarray(out_shape, dtype=src.dtype, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=load(src), index=load(index), num_elem_per_idx=num_elem_per_idx,
                      num_valid_indices=num_valid)  # None: every index of the core's 16 partitions
    return store(d)


@nki.jit
def n_gather(data, indices):
    d = nl.ndarray(indices.shape, dtype=data.dtype, buffer=nl.sbuf)
    nisa.nc_n_gather(dst=d, data=load(data), indices=load(indices))
    return store(d)


@nki.jit
def nonzero_with_count(src, init, index_offset, padding_val):
    d = load(init)
    nisa.nonzero_with_count(dst=d, src=load(src), index_offset=index_offset, padding_val=padding_val)
    return store(d)


@nki.jit
def topk(src, init_val, init_idx, n, sorted_):
    v = load(init_val)
    i = load(init_idx)
    if sorted_:
        nisa.topk(val_dst=v, idx_dst=i, src=load(src), n=n, sorted=True)
    else:
        nisa.topk(v, i, load(src), n)
    return store(v), store(i)


@nki.jit
def rng(parts, free, dtype, engine):
    t = nl.ndarray((parts, free), dtype=dtype, buffer=nl.sbuf)
    nisa.rng(dst=t, engine=getattr(nisa.engine, engine))
    return store(t)


@nki.jit
def rng_twice(parts, free):
    """Two draws on the Vector engine: the second continues the sequence."""
    t = nl.ndarray((parts, 2, free), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rng(dst=t[:, 0, :])
    nisa.rng(dst=t[:, 1, :])
    return store(t)


@nki.jit
def seeded_rng(seed, parts, free):
    """set_rng_seed from a [1,1] tensor, then one Vector-engine draw."""
    s = load(seed)
    nisa.set_rng_seed(src_seeds=s)
    t = nl.ndarray((parts, free), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rng(dst=t, engine=nisa.engine.vector)
    return store(t)


@nki.jit
def state_roundtrip(state, free):
    """rand_set_state then rng then rand_get_state on the GpSimd engine."""
    nisa.rand_set_state(src_seeds=load(state))
    t = nl.ndarray((state.shape[0], free), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rng(dst=t, engine=nisa.engine.gpsimd)
    after = nl.ndarray(state.shape, dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rand_get_state(dst=after)
    return store(t), store(after)


@nki.jit
def get_state(parts, words, engine):
    t = nl.ndarray((parts, words), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rand_get_state(dst=t, engine=getattr(nisa.engine, engine))
    return store(t)


@nki.jit
def rand2(parts, free, lo, hi, dtype):
    t = nl.ndarray((parts, free), dtype=dtype, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=lo, max=hi)
    return store(t)


@nki.jit
def rand2_vec(lo, hi, free):
    t = nl.ndarray((lo.shape[0], free), dtype=nl.float32, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=load(lo), max=load(hi))
    return store(t)


@nki.jit
def max8_strided(a):
    """max8 of every third element a[:, 2::3]."""
    ta = load(a)
    t = nl.ndarray((a.shape[0], 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.max8(dst=t, src=ta[:, 2:a.shape[1]:3])
    return store(t)

# The gather, sort-like and random-number instructions as they appear in the IR: optional
# operands by role, immediates, attributes with their defaults, and the engines chosen.
# RUN: compile kernel --arg x=zeros:128x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    m = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((128, 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.max8(dst=m, src=t)
    nisa.nc_find_index8(dst=i, data=t, vals=m)
    nisa.nc_match_replace8(dst=t, data=t, vals=m, imm=-1.5, dst_idx=i)
    nisa.nc_match_replace8(t, t, m, 0.0)
    nisa.nc_stream_shuffle(dst=t, src=t, shuffle_mask=[31 - k for k in range(32)])
    ix = nl.ndarray((128, 2), dtype=nl.uint16, buffer=nl.sbuf)
    g = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=g, src_buffer=t, index=ix)
    nisa.local_gather(dst=g, src_buffer=t, index=ix, num_elem_per_idx=2, num_valid_indices=16)
    nisa.nc_n_gather(dst=m, data=t, indices=i)
    c = nl.ndarray((128, 65), dtype=nl.int32, buffer=nl.sbuf)
    nisa.nonzero_with_count(dst=c, src=t, index_offset=64)
    sb = nl.ndarray((128, 4), dtype=nl.bfloat16, buffer=nl.sbuf)
    vb = nl.ndarray((128, 8), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.topk(val_dst=vb, idx_dst=i, src=sb, n=64)
    nisa.topk(vb, i, sb, 50, sorted=True)
    r = nl.ndarray((128, 6), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rng(dst=r)
    nisa.rng(dst=r, engine=nisa.engine.gpsimd)
    nisa.set_rng_seed(src_seeds=r[0:1, 0:1])
    nisa.rand_set_state(src_seeds=r)
    nisa.rand_get_state(dst=r, engine=nisa.engine.gpsimd)

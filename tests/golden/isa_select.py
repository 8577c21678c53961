# The selection and scan instructions as they appear in the IR: operands by role (immediates,
# [P,1] tiles, absent optional read-outs), the documented defaults recorded as attributes
# (reduce_cmd, reduce_op, range_start, on_false_value), and the engines chosen by default.
# RUN: compile kernel --arg x=zeros:128x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.memset(dst=v, value=4.0)
    nisa.memset(dst=p, value=1)
    nisa.tensor_scalar_cumulative(dst=t, src=t, op0=nl.multiply, op1=nl.add, imm0=0.5)
    nisa.tensor_scalar_cumulative(t, t, nl.add, nl.maximum, v, imm1=-1.0, reduce_cmd=nisa.reduce_cmd.load_reduce)
    nisa.select_reduce(dst=t, predicate=p, on_true=t, on_false=v, reverse_pred=True)
    nisa.select_reduce(dst=t, predicate=p, on_true=t, on_false=-1.0, reduce_res=v,
                       reduce_cmd=nisa.reduce_cmd.reset_reduce)
    nisa.range_select(dst=t, on_true_tile=t, comp_op0=nl.greater_equal, comp_op1=nl.less, bound0=v, bound1=v,
                      reduce_res=v, range_start=3)
    nisa.dropout(dst=t, data=t, prob=0.25)
    nisa.dropout(dst=t, data=t, prob=v)
    ids = nl.ndarray((1, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.iota(dst=ids, pattern=[[1, 64]])
    b = nl.ndarray((1, 2, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.sequence_bounds(dst=b, segment_ids=ids)
    nisa.dma_copy(dst=out, src=t)
    return out

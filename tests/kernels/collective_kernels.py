"""nki.collectives kernels for test_collectives.py: ncc.all_reduce / ncc.all_gather / ncc.rank_id
between the cores of a kernel[2] launch. Core c works on block c of the input (rows c*P..)."""
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl

OPS = {"add": nl.add, "minimum": nl.minimum, "maximum": nl.maximum}


@nki.jit
def all_reduce_sbuf(a, op="add"):
    """a [n*128, F]: every core's block c of the output = op over the cores' blocks of a."""
    P, F = 128, a.shape[1]
    pid = nl.program_id(0)
    group = ncc.ReplicaGroup([list(range(nl.num_programs()))])
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    mine = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    red = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=mine, src=a[nl.ds(pid * P, P), :])
    ncc.all_reduce(srcs=[mine], dsts=[red], replica_group=group, op=OPS[op])
    nisa.dma_copy(dst=out[nl.ds(pid * P, P), :], src=red)
    return out


@nki.jit
def all_reduce_hbm(a, b):
    """Two coalesced HBM tensors in one call: block c of out_a / out_b = the sum of a's / b's blocks,
    each reduced into a private HBM tensor of the core."""
    P, F = 128, a.shape[1]
    pid = nl.program_id(0)
    group = ncc.ReplicaGroup([[0, 1]])
    out_a = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    out_b = nl.ndarray(b.shape, dtype=b.dtype, buffer=nl.shared_hbm)
    ra = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.private_hbm)
    rb = nl.ndarray((P, F), dtype=b.dtype, buffer=nl.private_hbm)
    ncc.all_reduce(srcs=[a[nl.ds(pid * P, P), :], b[nl.ds(pid * P, P), :]], dsts=[ra, rb],
                   replica_group=group, op=nl.add)
    nisa.dma_copy(dst=out_a[nl.ds(pid * P, P), :], src=ra)
    nisa.dma_copy(dst=out_b[nl.ds(pid * P, P), :], src=rb)
    return out_a, out_b


@nki.jit
def all_gather_hbm(a):
    """a [2*R, F]: core c scales its block by (c + 1) in private HBM; after the all_gather every
    core holds [1 * block0; 2 * block1] and writes it as its half of out [2, 2*R, F]."""
    R, F = a.shape[0] // 2, a.shape[1]
    pid = nl.program_id(0)
    t = nl.ndarray((R, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a[nl.ds(pid * R, R), :])
    s = nl.ndarray((R, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=s, data=t, op0=nl.multiply, operand0=float(pid + 1))
    mine = nl.ndarray((R, F), dtype=a.dtype, buffer=nl.private_hbm)
    nisa.dma_copy(dst=mine, src=s)
    gathered = nl.ndarray((2 * R, F), dtype=a.dtype, buffer=nl.private_hbm)
    ncc.all_gather(srcs=[mine], dsts=[gathered], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=0)
    out = nl.ndarray((2, 2 * R, F), dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[pid], src=gathered)
    return out


@nki.jit
def all_gather_sbuf(a):
    """a [2*64, F]: core c's SBUF tile of block c; the gathered [128, F] tile is its output half."""
    R, F = 64, a.shape[1]
    pid = nl.program_id(0)
    mine = nl.ndarray((R, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=mine, src=a[nl.ds(pid * R, R), :])
    gathered = nl.ndarray((2 * R, F), dtype=a.dtype, buffer=nl.sbuf)
    ncc.all_gather(srcs=mine, dsts=gathered, replica_group=ncc.ReplicaGroup([[1, 0]]), collective_dim=0)
    out = nl.ndarray((2, 2 * R, F), dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[pid], src=gathered)
    return out


@nki.jit
def rank_ids(a):
    """out[c, 0] = ncc.rank_id() of core c, stored from the register."""
    pid = nl.program_id(0)
    r = ncc.rank_id()
    t = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.register_store(dst=t, src=r)
    out = nl.ndarray((nl.num_programs(), 1), dtype=nl.int32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[nl.ds(pid, 1), :], src=t)
    return out


@nki.jit
def all_gather_free(a):
    """a [128, 2*F]: core c's SBUF tile is column block c scaled by (c + 1); gathered along dim 1
    (the free dim), every core holds [1 * block0, 2 * block1] and writes it as its output half."""
    P, F = 128, a.shape[1] // 2
    pid = nl.program_id(0)
    t = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a[:, nl.ds(pid * F, F)])
    mine = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=mine, data=t, op0=nl.multiply, operand0=float(pid + 1))
    gathered = nl.ndarray((P, 2 * F), dtype=a.dtype, buffer=nl.sbuf)
    ncc.all_gather(srcs=[mine], dsts=[gathered], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=1)
    out = nl.ndarray((2, P, 2 * F), dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[pid], src=gathered)
    return out


@nki.jit
def all_reduce_loop(a, n=3):
    """a [2*128, F]: n rounds of x = all_reduce(add, x) in a runtime loop, starting from core c's
    block: every core ends with 2^(n-1) * (block0 + block1)."""
    P, F = 128, a.shape[1]
    pid = nl.program_id(0)
    x = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=x, src=a[nl.ds(pid * P, P), :])
    y = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    for _ in nl.dynamic_range(n):
        ncc.all_reduce(srcs=[x], dsts=[y], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add)
        nisa.tensor_copy(dst=x, src=y)
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[nl.ds(pid * P, P), :], src=x)
    return out

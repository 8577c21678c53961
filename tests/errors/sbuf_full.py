# RUN: check kernel
# EXPECT: sbuf is full: tensor 'c' (f32[128,20000], 80000 bytes per partition) does not fit; 160000 of 212984 bytes per partition are in use by 2 live tensors; the largest:
# EXPECT: 'a' f32[128,20000] 80000 bytes, created at sbuf_full.py:13:9
# LOC: 15:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    # Three live 80 KB-per-partition tensors need 240 KB; trn2 has 212,984 bytes per partition.
    a = nl.ndarray((128, 20000), dtype=nl.float32, buffer=nl.sbuf)
    b = nl.ndarray((128, 20000), dtype=nl.float32, buffer=nl.sbuf)
    c = nl.ndarray((128, 20000), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=c, data1=a, data2=b, op=nl.add)

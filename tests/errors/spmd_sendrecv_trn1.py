# RUN: check kernel --target trn1 --arg a=zeros:128x64:float32
# EXPECT: sendrecv: needs NeuronCore-v3 or newer (trn2, trn3); the target trn1 has no second core to talk to
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    nisa.sendrecv(src=t, dst=u, send_to_rank=0, recv_from_rank=0, pipe_id=0)

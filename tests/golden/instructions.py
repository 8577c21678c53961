# Every instruction of the foundation slice as it appears in the IR: operands, immediates,
# optional operands by role, attributes, engines chosen by default or by the kernel.
# RUN: compile kernel --arg x=zeros:128x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    s = nl.zeros((128, 1), dtype=nl.float32)
    nisa.dma_copy(dst=t, src=x)
    nisa.memset(dst=s, value=0.5, engine=nisa.engine.gpsimd)
    nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=2.0, op1=nl.add, operand1=s, reverse1=True)
    nisa.tensor_tensor(dst=t, data1=t, data2=t, op=nl.maximum, name="max")
    nisa.activation(dst=t, op=nl.exp, data=t, bias=s, scale=0.25)
    nisa.tensor_copy(dst=t, src=t, engine=nisa.engine.scalar)
    pt = nl.ndarray((64, 128), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_transpose(dst=pt, data=t)
    p = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=p, stationary=t[:, 0:64], moving=t, accumulate=False)
    nisa.nc_matmul(dst=p, stationary=t[:, 0:64], moving=t, accumulate=True)
    nisa.nc_matmul(dst=p, stationary=t[:, 0:64], moving=t)
    r = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=r[0:64, :], src=p)
    nisa.dma_copy(dst=out, src=r)
    return out

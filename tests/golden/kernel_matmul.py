# The IR of the library kernel kernels/matmul.py: K = 256 (two accumulating matmuls per PSUM
# tile), M = 128, N = 1024 (two PSUM tiles).
# RUN: compile ../../kernels/matmul.py:matmul --arg lhsT=zeros:256x128:bfloat16 --arg rhs=zeros:256x1024:bfloat16

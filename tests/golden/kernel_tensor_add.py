# The IR of the library kernel kernels/tensor_add.py on a two-tile problem.
# RUN: compile ../../kernels/tensor_add.py:tensor_add --arg a=zeros:256x512:float32 --arg b=zeros:256x512:float32

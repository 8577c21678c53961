# A kernel whose helpers live in other modules of its package (absolute and relative imports).
# RUN: compile modpkg/kernels/scaled_copy.py:scaled_copy --arg x=zeros:256x32:float32

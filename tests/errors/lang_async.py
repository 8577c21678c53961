# RUN: check kernel
# EXPECT: async
# LOC: 7:1
import nki


async def kernel():
    pass

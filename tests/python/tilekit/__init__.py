"""tilekit: a small kernel library laid out the way real NKI libraries are (used by
test_kernel_package.py): module-level dataclass configs and enums in config.py, helpers in a
sibling module, nl constants as default arguments, kernels in kernels.py."""

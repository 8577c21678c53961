# Compile-time Python: every value kind, operator, container method, builtin and control-flow
# construct the specializer evaluates, observed through print() (which runs at compile time).
# RUN: compile kernel --arg a=zeros:256x64:float32
import math

import nki
import nki.language as nl
import nki.isa as nisa


def scaled(fn, *args, factor=1, **extra):
    return fn(*args) * factor + len(extra)


def make_counter(start):
    def next_value(step=1):
        return start + step
    return next_value


@nki.jit
def kernel(a, tiles_per_row=2, label="demo", flags=(True, None)):
    rows, cols = a.shape
    print("ints:", 7 // 2, -7 // 2, 7 % -3, 2 ** 10, 1 << 5, 0xFF & 0x0F, ~0, divmod(17, 5))
    print("floats:", 7 / 2, 1 / 3, 2.5 // 1, -2.5 % 1, float("1e3"), round(2.675, 2), math.ceil(rows / 100))
    print("strings:", label.upper(), f"{label!r:>8}|{cols:04d}|{1 / 7:.3f}|{rows:,}", "a,b,c".split(","))
    print("compare:", 1 < 2 <= 2 < 3, (1, "a") < (1, "b"), "mo" in label, 3 not in (1, 2))
    print("logic:", 0 or "x", 1 and None, not (), True if label else False)
    items = [c * 2 for c in range(5) if c % 2 == 0]
    items.insert(0, -1)
    items.extend((9, 9))
    print("list:", items, items.index(4), items.count(9), items[::2], sorted(items, reverse=True), items[-1])
    d = {"rows": rows, "cols": cols}
    d.setdefault("tiles", tiles_per_row)
    print("dict:", d, list(d.items())[0], {k: v for k, v in d.items() if k != "rows"}, d.pop("cols"), len(d))
    first, *rest = (1, 2, 3, 4)
    (x, y), z = (5, 6), 7
    print("unpack:", first, rest, x, y, z, flags)
    print("builtins:", min(4, 2, 8), max([3, 7]), sum([1, 2, 3], 10), any([]), all([1, 1]), abs(-4),
          list(zip("ab", range(3))), list(enumerate("xy", 1)), list(reversed((1, 2))), int(-3.9), str(1.5))
    print("functions:", scaled(lambda p, q: p + q, 2, 3, factor=2, k=1), make_counter(10)(), make_counter(10)(5))
    total = 0
    for i in range(10):
        if i == 2:
            continue
        if i > 5:
            break
        total += i
    else:
        total = -1
    n = 0
    while n < 3:
        n += 1
    print("loops:", total, n)
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    for t in nl.affine_range(rows // nl.tile_size.pmax):
        tile = nl.ndarray((nl.tile_size.pmax, cols), dtype=a.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=tile, src=a[nl.ds(t * 128, 128), :])
        nisa.dma_copy(dst=out[nl.ds(t * 128, 128), :], src=tile)
    return out

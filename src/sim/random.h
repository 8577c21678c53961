// The engines' pseudo-random number generators (nisa.rng, rand2, set_rng_seed, rand_set_state,
// rand_get_state). The NKI documentation names the algorithm, XORWOW (Marsaglia 2003: five
// xorshift words and a Weyl counter, 6 x uint32 of state), and the state sizes: 6 words per
// partition lane on GpSimd, 24 on Vector, which we model as four generators per lane used in
// turn by consecutive elements. How the hardware seeds the words, orders its draws and maps bits
// to floats is not documented, so sequences here are deterministic for a seed but not
// bit-identical to a NeuronCore's (docs/isa.md, "Random numbers").
#pragma once

#include <cstdint>

#include "ir/ops.h"

namespace nki::sim {

constexpr int kXorwowWords = 6;  // x, y, z, w, v, d (the Weyl counter)

// Advances one generator (6 words) and returns its next 32 random bits.
uint32_t xorwow_next(uint32_t* state);

// Fills one generator's 6 words from (seed, engine, lane, generator) with SplitMix64, so every
// lane and engine draws an independent-looking sequence; never the all-zero xorshift state.
void xorwow_seed(uint32_t* state, uint64_t seed, Engine engine, int64_t lane, int64_t generator);

// XORWOW generators per partition lane of an engine: 4 on Vector, 1 on GpSimd (0 elsewhere).
int rng_generators(Engine e);

// Random fp32 in [0, 1) from 32 random bits: the top 24 bits scaled by 2^-24 (exact in fp32).
float unit_float(uint32_t bits);

}  // namespace nki::sim

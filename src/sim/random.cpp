// XORWOW and its seeding (see random.h).
#include "sim/random.h"

namespace nki::sim {

uint32_t xorwow_next(uint32_t* s) {
  uint32_t t = s[0] ^ (s[0] >> 2);
  s[0] = s[1];
  s[1] = s[2];
  s[2] = s[3];
  s[3] = s[4];
  s[4] = (s[4] ^ (s[4] << 4)) ^ (t ^ (t << 1));
  s[5] += 362437u;
  return s[4] + s[5];
}

namespace {

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

void xorwow_seed(uint32_t* s, uint64_t seed, Engine engine, int64_t lane, int64_t generator) {
  uint64_t x = seed;
  splitmix64(x);
  x ^= (static_cast<uint64_t>(engine) << 48) ^ (static_cast<uint64_t>(lane) << 16) ^
       static_cast<uint64_t>(generator);
  for (int i = 0; i < kXorwowWords; i += 2) {
    const uint64_t r = splitmix64(x);
    s[i] = static_cast<uint32_t>(r);
    s[i + 1] = static_cast<uint32_t>(r >> 32);
  }
  if ((s[0] | s[1] | s[2] | s[3] | s[4]) == 0) s[0] = 1;
}

int rng_generators(Engine e) {
  return e == Engine::Vector ? 4 : e == Engine::GpSimd ? 1 : 0;
}

float unit_float(uint32_t bits) {
  return static_cast<float>(bits >> 8) * (1.0f / 16777216.0f);
}

}  // namespace nki::sim

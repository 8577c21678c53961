// Mutations of kernel files for the fuzzer (nki_fuzz.cpp): token- and line-level edits that keep
// a kernel mostly Python (so it gets past CPython's import into nki's parser and specializer),
// and the hostile ones (random and non-UTF-8 bytes, truncation, deep nesting, huge numbers,
// runaway loops, recursion and allocations). Everything is driven by one seeded generator, so a
// run is reproducible from its seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace nki::fuzz {

using Rng = std::mt19937_64;

// A crude Python tokenization, good enough to mutate by: names, numbers, strings, operators,
// newlines and the whitespace between them (kept, so joining the tokens gives the text back).
enum class TokKind { Name, Number, String, Op, Space, Newline, Comment };
struct Tok {
  TokKind kind;
  std::string text;
};
std::vector<Tok> tokenize(const std::string& text);

// Tokens of every seed by kind: what token-level mutations replace with and insert.
struct TokenPool {
  std::vector<std::string> names, numbers, strings, ops;
  std::vector<std::string> lines;  // every non-blank line of every seed, stripped of indentation
  void add(const std::string& text);
};

// `seed` mutated by 1 to 4 randomly chosen mutations.
std::string mutate(const std::string& seed, const TokenPool& pool, Rng& rng);

}  // namespace nki::fuzz

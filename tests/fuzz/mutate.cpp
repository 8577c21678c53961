// The fuzzer's mutations (see mutate.h). Each mutator takes the text and returns it edited; a
// mutator that finds nothing to edit returns the text unchanged.
#include "mutate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <set>

namespace nki::fuzz {

namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

size_t pick(Rng& rng, size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }

template <class T>
const T& pick_from(Rng& rng, const std::vector<T>& v) {
  return v[pick(rng, v.size())];
}

bool chance(Rng& rng, int percent) { return static_cast<int>(pick(rng, 100)) < percent; }

// Sizes for nesting and repetition: mostly modest, sometimes at or past the limits of CPython
// (200 brackets, 100 indentation levels) and of nki.
int nesting(Rng& rng) {
  static const std::vector<int> sizes = {2, 5, 20, 50, 99, 100, 150, 199, 200, 250, 1000, 5000, 20000, 100000};
  return pick_from(rng, sizes);
}

std::string join(const std::vector<Tok>& toks) {
  std::string out;
  for (const Tok& t : toks) out += t.text;
  return out;
}

// Indices of the tokens that are not whitespace, newlines or comments.
std::vector<size_t> solid(const std::vector<Tok>& toks, TokKind only = TokKind::Space, bool filter = false) {
  std::vector<size_t> out;
  for (size_t i = 0; i < toks.size(); ++i) {
    TokKind k = toks[i].kind;
    if (k == TokKind::Space || k == TokKind::Newline || k == TokKind::Comment) continue;
    if (filter && k != only) continue;
    out.push_back(i);
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string indent_of(const std::string& line) { return line.substr(0, line.find_first_not_of(" \t")); }

bool is_code(const std::string& line) {
  size_t p = line.find_first_not_of(" \t");
  return p != std::string::npos && line[p] != '#';
}

// Lines inside a function body (indented code lines): where statements can be inserted.
std::vector<size_t> body_lines(const std::vector<std::string>& lines) {
  std::vector<size_t> out;
  for (size_t i = 0; i < lines.size(); ++i)
    if (is_code(lines[i]) && !indent_of(lines[i]).empty()) out.push_back(i);
  return out;
}

// Statements that probe nki's limits: runaway compile-time loops and recursion, huge values and
// allocations, runtime loops, divisions by zero. "\n" separates lines; each gets the indentation.
const std::vector<std::string>& snippets() {
  static const std::vector<std::string> s = {
      "while True:\n    pass",
      "while 1:\n    _z = 0",
      "_n = 0\nwhile _n < 10**9:\n    _n += 1",
      "for _i in range(10**9):\n    pass",
      "for _i in range(2**31 - 1):\n    pass",
      "for _i in range(10**6):\n    for _j in range(10**6):\n        pass",
      "_l = [0] * 10**9",
      "_l = [0] * 2**31",
      "_l = [[0] * 10**4] * 10**4",
      "_s = 'ab' * 10**9",
      "_s = 'a' * 10**5\n_s = _s * 10**5",
      "_l = list(range(10**9))",
      "_t = tuple(range(10**8))",
      "_d = {_i: _i for _i in range(10**8)}",
      "_l = [_i for _i in range(10**9)]",
      "_l = [1]\nwhile len(_l) < 10**9:\n    _l = _l + _l",
      "_s = 'x'\nfor _i in range(40):\n    _s = _s + _s",
      "_n = 2 ** 10**9",
      "_n = 10**9 * 10**9",
      "_n = -2**31 // -1",
      "_n = 1 // 0",
      "_n = 1 % 0",
      "_n = 1.0 / 0",
      "_n = 2**31 << 40",
      "_n = 1 << -1",
      "_n = int('9' * 100)",
      "_n = float('inf') // 1",
      "_n = int(float('nan'))",
      "_n = round(1e308 * 10)",
      "def _r(n):\n    return _r(n + 1)\n_r(0)",
      "def _r(n):\n    return [_r(n + 1)]\n_r(0)",
      "_f = lambda g: g(g)\n_f(_f)",
      "_a = nl.ndarray((128, 2**30), dtype=nl.float32, buffer=nl.shared_hbm)",
      "_a = nl.ndarray((2**20, 2**20), dtype=nl.float32, buffer=nl.hbm)",
      "_a = nl.ndarray((2**31, 2**31, 2**31), dtype=nl.float32, buffer=nl.shared_hbm)",
      "_a = nl.ndarray((128, 2**31), dtype=nl.float32, buffer=nl.sbuf)",
      "_a = nl.ndarray((0, 0), dtype=nl.float32, buffer=nl.sbuf)",
      "_a = nl.ndarray((-1, 4), dtype=nl.float32, buffer=nl.sbuf)",
      "_a = nl.ndarray((), dtype=nl.float32, buffer=nl.sbuf)",
      "_a = nl.ndarray((128,) + (2,) * 40, dtype=nl.float32, buffer=nl.sbuf)",
      "_a = nl.zeros((128, 10**9), dtype=nl.float32)",
      "for _i in nl.affine_range(10**7):\n    _a = nl.ndarray((128, 4), dtype=nl.float32, buffer=nl.sbuf)",
      "for _i in nl.sequential_range(10**9):\n    pass",
      "for _i in nl.static_range(10**9):\n    pass",
      "for _i in nl.dynamic_range(10**9):\n    pass",
      "for _i in nl.dynamic_range(2**31):\n    pass",
      "_x = f'{1:{10**9}}'",
      "_x = '{:>1000000000}'.format(1)",
      "_x = '%0*d' % (10**9, 1)",
      "_x = ' '.join(['a'] * 10**8)",
      "_x = 'a'.ljust(10**9)",
      "_x = 'a'.center(10**9)",
      "_x = '1'.zfill(10**9)",
      "_x = range(10**9)[::-1]",
      "_x = range(10**9)[10**8]",
      "_x = (1,) * 10**9",
      "_x = [0] * -5",
      "_x = sorted(range(10**8))",
      "_x = sum(range(10**9))",
      "_x = max(range(10**9))",
      "_x = nl.ds(0, 10**9)",
      "_x = nl.ds(-5, 2**31)",
      "assert False, 'x' * 10**9",
      "print(*range(10**7))",
      "print('x' * 10**8)",
      "_x = [1, 2]\n_x.append(_x)\nprint(_x)",
      "_x = {}\n_x['a'] = _x\nprint(_x)",
      "_x = [1]\n_x[10**9] = 0",
      "_x = [1][2**63]",
      "_x = [1, 2, 3][::0]",
      "_x = 'abc'[::-(2**63)]",
      "_x = (lambda *a: a)(*range(10**7))",
      "_x = dict(zip(range(10**8), range(10**8)))",
      "_x = enumerate(range(10**9))",
      "_x = reversed(range(10**9))",
      "_x = divmod(1, 0)",
      "_x = pow(2, 10**9)",
      "_x = pow(2, -1, 0)",
      "_x = abs(-2**31)",
      "_x = hash([])",
      "import nki.language as nl",
      "global _g\n_g = 1",
      "nonlocal _g",
      "del _x",
      "yield 1",
      "return",
  };
  return s;
}

const std::vector<std::string>& interesting_numbers() {
  static const std::vector<std::string> n = {
      "0", "-1", "1", "2", "3", "127", "128", "129", "255", "256", "511", "512", "513", "2047", "2048",
      "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295",
      "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
      "18446744073709551616", "10**9", "10**18", "10**100", "2**62", "2**64", "-2**63", "1e308",
      "1e309", "-1e309", "1e-320", "0.0", "-0.0", "0.5", "3.5", "float('nan')", "float('inf')",
      "-float('inf')", "1_000_000_000", "0x7fffffff", "0xffffffffffffffff", "0b1", "0o777", "1j",
      "True", "False", "None", "'1'", "()", "[]", "128.0", "-128", "99999999999999999999999999999",
  };
  return n;
}

using Mutator = std::function<std::string(const std::string&, const TokenPool&, Rng&)>;

// --- token level ---

std::string token_replace(const std::string& text, const TokenPool& pool, Rng& rng, bool same_kind) {
  auto toks = tokenize(text);
  auto idx = solid(toks);
  if (idx.empty()) return text;
  Tok& t = toks[pick_from(rng, idx)];
  const std::vector<std::string>* from = nullptr;
  TokKind k = same_kind ? t.kind : static_cast<TokKind>(pick(rng, 4));
  switch (k) {
    case TokKind::Name: from = &pool.names; break;
    case TokKind::Number: from = &pool.numbers; break;
    case TokKind::String: from = &pool.strings; break;
    default: from = &pool.ops; break;
  }
  if (!from->empty()) t.text = pick_from(rng, *from);
  return join(toks);
}

std::string token_edit(const std::string& text, const TokenPool& pool, Rng& rng) {
  auto toks = tokenize(text);
  auto idx = solid(toks);
  if (idx.size() < 2) return text;
  size_t a = pick_from(rng, idx), b = pick_from(rng, idx);
  switch (pick(rng, 4)) {
    case 0: toks[a].text.clear(); break;                    // delete
    case 1: toks[a].text += " " + toks[a].text; break;      // duplicate
    case 2: std::swap(toks[a].text, toks[b].text); break;  // swap
    default: {                                              // insert a pool token
      const auto& from = chance(rng, 50) ? pool.names : pool.ops;
      if (!from.empty()) toks[a].text += " " + pick_from(rng, from);
    }
  }
  return join(toks);
}

std::string number_replace(const std::string& text, const TokenPool&, Rng& rng) {
  auto toks = tokenize(text);
  auto idx = solid(toks, TokKind::Number, true);
  if (idx.empty()) return text;
  toks[pick_from(rng, idx)].text = pick_from(rng, interesting_numbers());
  return join(toks);
}

// Wraps a name or number token in deep nesting: brackets, calls, unary operators, operator
// chains, attribute and subscript chains.
std::string deep_expression(const std::string& text, const TokenPool&, Rng& rng) {
  auto toks = tokenize(text);
  std::vector<size_t> idx;
  for (size_t i : solid(toks))
    if (toks[i].kind == TokKind::Name || toks[i].kind == TokKind::Number) idx.push_back(i);
  if (idx.empty()) return text;
  Tok& t = toks[pick_from(rng, idx)];
  const int n = nesting(rng);
  auto rep = [](const std::string& s, int k) {
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(k));
    for (int i = 0; i < k; ++i) out += s;
    return out;
  };
  const std::string x = t.text;
  switch (pick(rng, 10)) {
    case 0: t.text = rep("(", n) + x + rep(")", n); break;
    case 1: t.text = rep("[", n) + x + rep("]", n); break;
    case 2: t.text = rep("abs(", n) + x + rep(")", n); break;
    case 3: t.text = rep("-", n) + x; break;
    case 4: t.text = rep("not ", n) + x; break;
    case 5: t.text = "(" + x + rep(" + " + x, n) + ")"; break;
    case 6: t.text = "(" + rep(x + " ** ", n) + x + ")"; break;
    case 7: t.text = x + rep(".shape", std::min(n, 1000)); break;
    case 8: t.text = x + rep("[0]", n); break;
    default: t.text = "(" + rep("lambda: ", n) + x + ")" + rep("()", n); break;
  }
  return join(toks);
}

// --- line level ---

std::string line_edit(const std::string& text, const TokenPool& pool, Rng& rng) {
  auto lines = split_lines(text);
  if (lines.empty()) return text;
  size_t a = pick(rng, lines.size()), b = pick(rng, lines.size());
  switch (pick(rng, 6)) {
    case 0: lines.erase(lines.begin() + static_cast<long>(a)); break;
    case 1: lines.insert(lines.begin() + static_cast<long>(a), lines[a]); break;
    case 2: std::swap(lines[a], lines[b]); break;
    case 3: lines[a] = "    " + lines[a]; break;
    case 4:
      if (lines[a].rfind("    ", 0) == 0) lines[a] = lines[a].substr(4);
      break;
    default:  // a line of some seed, at this line's indentation
      if (!pool.lines.empty()) lines.insert(lines.begin() + static_cast<long>(a), indent_of(lines[a]) + pick_from(rng, pool.lines));
  }
  return join_lines(lines);
}

std::string insert_snippet(const std::string& text, const TokenPool&, Rng& rng) {
  auto lines = split_lines(text);
  auto body = body_lines(lines);
  if (body.empty()) return text;
  size_t at = pick_from(rng, body);
  std::string indent = indent_of(lines[at]);
  std::vector<std::string> add;
  for (const auto& l : split_lines(pick_from(rng, snippets()))) add.push_back(indent + l);
  lines.insert(lines.begin() + static_cast<long>(at), add.begin(), add.end());
  return join_lines(lines);
}

// Nested blocks around one body line: `if True:` / `for _k in range(1):` / `with` ... n deep.
std::string deep_blocks(const std::string& text, const TokenPool&, Rng& rng) {
  auto lines = split_lines(text);
  auto body = body_lines(lines);
  if (body.empty()) return text;
  size_t at = pick_from(rng, body);
  std::string indent = indent_of(lines[at]);
  const int n = std::min(nesting(rng), 300);
  static const std::array<const char*, 4> heads = {"if True:", "for _k in range(1):", "while False:", "if 1:"};
  const char* head = heads[pick(rng, heads.size())];
  std::vector<std::string> add;
  std::string in = indent;
  for (int i = 0; i < n; ++i) {
    add.push_back(in + head);
    in += " ";
  }
  add.push_back(in + "pass");
  lines.insert(lines.begin() + static_cast<long>(at), add.begin(), add.end());
  return join_lines(lines);
}

// --- byte level ---

std::string byte_edit(const std::string& text, const TokenPool&, Rng& rng) {
  std::string s = text;
  static const std::vector<std::string> specials = {"\xff", "\xc3", "\xe2\x82", "\x80", "\xef\xbb\xbf", std::string(1, '\0'),
                                                    "\r", "\t", "\f", "\v", "\\", "\"\"\"", "'", "#", ":", "\n",
                                                    "\xed\xa0\x80", "\xf4\x90\x80\x80"};
  const int edits = 1 + static_cast<int>(pick(rng, 8));
  for (int e = 0; e < edits; ++e) {
    size_t pos = s.empty() ? 0 : pick(rng, s.size() + 1);
    std::string bytes = chance(rng, 50) ? pick_from(rng, specials) : std::string(1, static_cast<char>(pick(rng, 256)));
    if (chance(rng, 50) && pos < s.size()) s.replace(pos, 1, bytes);
    else s.insert(pos, bytes);
  }
  return s;
}

std::string truncate(const std::string& text, const TokenPool&, Rng& rng) {
  if (text.empty()) return text;
  return text.substr(0, pick(rng, text.size()));
}

std::string huge_literal(const std::string& text, const TokenPool&, Rng& rng) {
  auto toks = tokenize(text);
  auto idx = solid(toks);
  if (idx.empty()) return text;
  Tok& t = toks[pick_from(rng, idx)];
  const size_t n = static_cast<size_t>(nesting(rng)) * 10;
  switch (pick(rng, 4)) {
    case 0: t.text = std::string(std::min<size_t>(n, 4000), '9'); break;  // CPython reads up to 4300 digits
    case 1: t.text = "'" + std::string(n, 'a') + "'"; break;
    case 2: t.text = "1" + std::string(std::min<size_t>(n, 400), '0') + ".5e" + std::to_string(n); break;
    default: t.text = "_" + std::string(n, 'x'); break;  // a very long name
  }
  return join(toks);
}

const std::vector<std::pair<Mutator, int>>& mutators() {
  using namespace std::placeholders;
  static const std::vector<std::pair<Mutator, int>> m = {
      {[](auto& t, auto& p, auto& r) { return token_replace(t, p, r, true); }, 20},
      {[](auto& t, auto& p, auto& r) { return token_replace(t, p, r, false); }, 6},
      {token_edit, 14},
      {number_replace, 12},
      {line_edit, 14},
      {insert_snippet, 14},
      {deep_expression, 5},
      {deep_blocks, 3},
      {byte_edit, 5},
      {truncate, 3},
      {huge_literal, 4},
  };
  return m;
}

}  // namespace

std::vector<Tok> tokenize(const std::string& s) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    char c = s[i];
    TokKind k;
    if (c == '\n') {
      k = TokKind::Newline;
      j = i + 1;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\\') {
      k = TokKind::Space;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\\')) ++j;
    } else if (c == '#') {
      k = TokKind::Comment;
      while (j < s.size() && s[j] != '\n') ++j;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      k = TokKind::Number;
      while (j < s.size() && (name_char(s[j]) || s[j] == '.' ||
                              ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
        ++j;
    } else if (c == '"' || c == '\'') {
      k = TokKind::String;
      const bool triple = s.compare(i, 3, std::string(3, c)) == 0;
      const std::string close = triple ? std::string(3, c) : std::string(1, c);
      j = i + close.size();
      while (j < s.size() && s.compare(j, close.size(), close) != 0 && (triple || s[j] != '\n')) j += s[j] == '\\' ? 2 : 1;
      j = std::min(s.size(), j + close.size());
    } else if (name_char(c)) {
      k = TokKind::Name;
      while (j < s.size() && name_char(s[j])) ++j;
      // A string prefix (f"...", rb'...') belongs to the string.
      if (j < s.size() && (s[j] == '"' || s[j] == '\'') && j - i <= 2) {
        auto rest = tokenize(s.substr(j));
        out.push_back({TokKind::String, s.substr(i, j - i) + rest.front().text});
        i = j + rest.front().text.size();
        continue;
      }
    } else {
      k = TokKind::Op;
      static const std::vector<std::string> ops3 = {"**=", "//=", ">>=", "<<=", "..."};
      static const std::vector<std::string> ops2 = {"**", "//", "==", "!=", "<=", ">=", "<<", ">>", "->", "+=",
                                                    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":="};
      j = i + 1;
      for (const auto& o : ops3)
        if (s.compare(i, 3, o) == 0) j = i + 3;
      if (j == i + 1)
        for (const auto& o : ops2)
          if (s.compare(i, 2, o) == 0) j = i + 2;
    }
    out.push_back({k, s.substr(i, j - i)});
    i = j;
  }
  return out;
}

void TokenPool::add(const std::string& text) {
  std::set<std::string> seen_names(names.begin(), names.end()), seen_numbers(numbers.begin(), numbers.end()),
      seen_strings(strings.begin(), strings.end()), seen_ops(ops.begin(), ops.end());
  auto add_to = [](std::set<std::string>& seen, std::vector<std::string>& v, const std::string& s) {
    if (seen.insert(s).second) v.push_back(s);
  };
  for (const Tok& t : tokenize(text)) {
    switch (t.kind) {
      case TokKind::Name: add_to(seen_names, names, t.text); break;
      case TokKind::Number: add_to(seen_numbers, numbers, t.text); break;
      case TokKind::String:
        if (t.text.size() < 80) add_to(seen_strings, strings, t.text);
        break;
      case TokKind::Op: add_to(seen_ops, ops, t.text); break;
      default: break;
    }
  }
  for (const auto& line : split_lines(text))
    if (is_code(line)) lines.push_back(line.substr(line.find_first_not_of(" \t")));
}

std::string mutate(const std::string& seed, const TokenPool& pool, Rng& rng) {
  const auto& ms = mutators();
  int total = 0;
  for (const auto& m : ms) total += m.second;
  std::string text = seed;
  const int rounds = 1 + static_cast<int>(pick(rng, 4) == 0 ? pick(rng, 4) : 0);
  for (int r = 0; r < rounds; ++r) {
    int x = static_cast<int>(pick(rng, static_cast<size_t>(total)));
    for (const auto& m : ms) {
      if (x < m.second) {
        text = m.first(text, pool, rng);
        break;
      }
      x -= m.second;
    }
  }
  return text;
}

}  // namespace nki::fuzz

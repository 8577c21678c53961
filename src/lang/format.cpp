// Format specs for f-strings (see format.h).
#include "lang/format.h"

#include <fmt/format.h>

#include <cmath>

#include "support/diagnostics.h"

namespace nki::lang {

namespace {

struct Spec {
  char fill = ' ';
  char align = 0;  // '<', '>', '^', '='
  char sign = '-';
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;
  int precision = -1;
  char type = 0;
};

// A width or precision: digits, at most kMaxFormatSize (a compile-time string is not the place
// for megabytes of padding, and the digits must not overflow).
constexpr int kMaxFormatSize = 1'000'000;

int parse_size(const std::string& s, size_t& i, const char* what) {
  int64_t v = 0;
  while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
    v = v * 10 + (s[i++] - '0');
    if (v > kMaxFormatSize)
      throw UserError(fmt::format("format {} too large in '{}' (at most {})", what, s, kMaxFormatSize));
  }
  return static_cast<int>(v);
}

Spec parse_spec(const std::string& s) {
  Spec sp;
  size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1])) {
    sp.fill = s[0];
    sp.align = s[1];
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    sp.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') {
    sp.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    sp.zero = true;
    ++i;
  }
  if (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
    sp.width = parse_size(s, i, "width");
  }
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    sp.precision = 0;
    if (i >= s.size() || !isdigit(static_cast<unsigned char>(s[i])))
      throw UserError("format specifier missing precision");
    sp.precision = parse_size(s, i, "precision");
  }
  if (i < s.size()) sp.type = s[i++];
  if (i != s.size()) throw UserError("invalid format specifier '" + s + "'");
  return sp;
}

std::string group(const std::string& digits, char sep) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int k = 0; k < n; ++k) {
    if (k > 0 && (n - k) % 3 == 0) out += sep;
    out += digits[k];
  }
  return out;
}

std::string pad(const std::string& sign, const std::string& body, const Spec& sp, char default_align) {
  char align = sp.align ? sp.align : (sp.zero ? '=' : default_align);
  char fill = (sp.zero && !sp.align) ? '0' : sp.fill;
  int len = static_cast<int>(sign.size() + body.size());
  if (sp.width <= len) return sign + body;
  int n = sp.width - len;
  switch (align) {
    case '<': return sign + body + std::string(n, fill);
    case '^': return std::string(n / 2, fill) + sign + body + std::string(n - n / 2, fill);
    case '=': return sign + std::string(n, fill) + body;
    default: return std::string(n, fill) + sign + body;
  }
}

std::string sign_of(bool negative, char sign) {
  if (negative) return "-";
  return sign == '+' ? "+" : sign == ' ' ? " " : "";
}

}  // namespace

std::string format_value(const Value& v, const std::string& spec) {
  if (spec.empty()) return to_str(v);
  Spec sp = parse_spec(spec);
  bool intlike = v.kind == VKind::Int || v.kind == VKind::Bool;
  if (intlike && (sp.type == 0 || sp.type == 'd' || sp.type == 'x' || sp.type == 'X' || sp.type == 'b' ||
                  sp.type == 'o')) {
    int64_t x = v.kind == VKind::Int ? v.i : v.b;
    uint64_t mag = x < 0 ? static_cast<uint64_t>(-x) : static_cast<uint64_t>(x);
    std::string digits;
    switch (sp.type) {
      case 'x':
        digits = fmt::format("{:x}", mag);
        if (sp.alt) digits = "0x" + digits;
        break;
      case 'X':
        digits = fmt::format("{:X}", mag);
        if (sp.alt) digits = "0X" + digits;
        break;
      case 'b':
        digits = fmt::format("{:b}", mag);
        if (sp.alt) digits = "0b" + digits;
        break;
      case 'o':
        digits = fmt::format("{:o}", mag);
        if (sp.alt) digits = "0o" + digits;
        break;
      default:
        digits = std::to_string(mag);
        if (sp.grouping) digits = group(digits, sp.grouping);
    }
    return pad(sign_of(x < 0, sp.sign), digits, sp, '>');
  }
  if ((intlike || v.kind == VKind::Float) &&
      (sp.type == 0 || sp.type == 'f' || sp.type == 'F' || sp.type == 'e' || sp.type == 'E' ||
       sp.type == 'g' || sp.type == 'G' || sp.type == '%')) {
    double x = v.kind == VKind::Float ? v.f : (v.kind == VKind::Int ? v.i : v.b);
    bool neg = std::signbit(x);
    double mag = std::fabs(x);
    std::string body;
    int prec = sp.precision < 0 ? 6 : sp.precision;
    switch (sp.type) {
      case 'f':
      case 'F': body = fmt::format("{:.{}f}", mag, prec); break;
      case 'e': body = fmt::format("{:.{}e}", mag, prec); break;
      case 'E': body = fmt::format("{:.{}E}", mag, prec); break;
      case 'g': body = fmt::format("{:.{}g}", mag, prec == 0 ? 1 : prec); break;
      case 'G': body = fmt::format("{:.{}G}", mag, prec == 0 ? 1 : prec); break;
      case '%': body = fmt::format("{:.{}f}%", mag * 100, prec); break;
      default:
        body = sp.precision < 0 ? to_str(Value::floating(static_cast<float>(mag)))
                                : fmt::format("{:.{}g}", mag, prec == 0 ? 1 : prec);
    }
    if (sp.grouping) {
      size_t dot = body.find_first_of(".eE%");
      std::string ip = body.substr(0, dot);
      body = group(ip, sp.grouping) + (dot == std::string::npos ? "" : body.substr(dot));
    }
    return pad(sign_of(neg, sp.sign), body, sp, '>');
  }
  if (sp.type != 0 && sp.type != 's')
    throw UserError(std::string("unknown format code '") + sp.type + "' for object of type '" + type_name(v) +
                    "'");
  std::string s = to_str(v);
  if (sp.precision >= 0 && static_cast<int>(s.size()) > sp.precision) s.resize(sp.precision);
  return pad("", s, sp, '<');
}

}  // namespace nki::lang

// Operator spellings and the AST dumper: a stable text form of parsed modules (see ast.h for the
// format), used as the golden form of parser tests and when debugging the front end.
#include "frontend/ast.h"

#include <charconv>
#include <cmath>

namespace nki::ast {

const char* binary_op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mult: return "*";
    case BinaryOp::MatMult: return "@";
    case BinaryOp::Div: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    case BinaryOp::LShift: return "<<";
    case BinaryOp::RShift: return ">>";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::BitAnd: return "&";
  }
  return "?";
}

const char* cmp_op_symbol(CmpOp op) {
  switch (op) {
    case CmpOp::Eq: return "==";
    case CmpOp::NotEq: return "!=";
    case CmpOp::Lt: return "<";
    case CmpOp::LtE: return "<=";
    case CmpOp::Gt: return ">";
    case CmpOp::GtE: return ">=";
    case CmpOp::Is: return "is";
    case CmpOp::IsNot: return "is not";
    case CmpOp::In: return "in";
    case CmpOp::NotIn: return "not in";
  }
  return "?";
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "'";
}

// Shortest round-trip spelling, always recognisable as a float ("1.0", "1e-05", "inf").
std::string float_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string opt(const ExprPtr& e) {
  return e ? dump(*e) : "_";
}

std::string join(const std::vector<ExprPtr>& v, const char* sep = " ") {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += dump(*v[i]);
  }
  return out;
}

std::string dump_param(const Param& p) {
  std::string name = p.kind == Param::Kind::VarArgs        ? "*" + p.name
                     : p.kind == Param::Kind::KwArgs       ? "**" + p.name
                     : p.kind == Param::Kind::KwOnlyMarker ? "*"
                                                           : p.name;
  if (!p.annotation && !p.default_value) return name;
  std::string out = "(" + name;
  if (p.annotation) out += " : " + dump(*p.annotation);
  if (p.default_value) out += " = " + dump(*p.default_value);
  return out + ")";
}

std::string dump_params(const std::vector<Param>& params) {
  std::string out = "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) out += ' ';
    out += dump_param(params[i]);
  }
  return out + ")";
}

std::string dump_keywords(const std::vector<Keyword>& kws) {
  std::string out;
  for (const auto& k : kws)
    out += " (kw " + (k.name.empty() ? std::string("**") : k.name) + " " + dump(*k.value) + ")";
  return out;
}

std::string dump_generators(const std::vector<Comprehension>& gens) {
  std::string out;
  for (const auto& g : gens) {
    out += " (for " + dump(*g.target) + " " + dump(*g.iter);
    for (const auto& c : g.ifs) out += " (if " + dump(*c) + ")";
    out += ")";
  }
  return out;
}

const char* unary_symbol(UnaryOpKind op) {
  switch (op) {
    case UnaryOpKind::Neg: return "u-";
    case UnaryOpKind::Pos: return "u+";
    case UnaryOpKind::Not: return "not";
    case UnaryOpKind::Invert: return "~";
  }
  return "?";
}

void dump_body(const Body& body, int indent, std::string& out) {
  for (const auto& s : body) out += dump(*s, indent);
}

std::string aliases(const std::vector<Alias>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", " : "") + names[i].name;
    if (!names[i].asname.empty()) out += " as " + names[i].asname;
  }
  return out;
}

}  // namespace

std::string dump(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Name: return e.id;
    case ExprKind::Constant:
      switch (e.const_kind) {
        case ConstKind::None: return "None";
        case ConstKind::Bool: return e.bool_value ? "True" : "False";
        case ConstKind::Int: return std::to_string(e.int_value);
        case ConstKind::Float: return float_text(e.float_value);
        case ConstKind::Str: return quote(e.str_value);
        case ConstKind::Ellipsis: return "...";
      }
      return "?";
    case ExprKind::FString: return "(fstr" + (e.elts.empty() ? "" : " " + join(e.elts)) + ")";
    case ExprKind::FormattedValue: {
      std::string out = "(fmt " + opt(e.a);
      if (e.conversion) out += std::string(" !") + e.conversion;
      if (e.b) out += " " + dump(*e.b);
      return out + ")";
    }
    case ExprKind::Attribute: return "(. " + opt(e.a) + " " + e.id + ")";
    case ExprKind::Subscript: return "(sub " + opt(e.a) + " " + opt(e.b) + ")";
    case ExprKind::Slice: return "(slice " + opt(e.a) + " " + opt(e.b) + " " + opt(e.c) + ")";
    case ExprKind::Call: {
      std::string out = "(call " + opt(e.a);
      if (!e.elts.empty()) out += " " + join(e.elts);
      return out + dump_keywords(e.keywords) + ")";
    }
    case ExprKind::BinOp:
      return std::string("(") + binary_op_symbol(e.bin_op) + " " + opt(e.a) + " " + opt(e.b) + ")";
    case ExprKind::UnaryOp: return std::string("(") + unary_symbol(e.unary_op) + " " + opt(e.a) + ")";
    case ExprKind::BoolOp:
      return std::string("(") + (e.bool_op == BoolOpKind::And ? "and " : "or ") + join(e.elts) + ")";
    case ExprKind::Compare: {
      std::string out = "(cmp " + opt(e.a);
      for (size_t i = 0; i < e.elts.size() && i < e.cmp_ops.size(); ++i)
        out += std::string(" ") + cmp_op_symbol(e.cmp_ops[i]) + " " + dump(*e.elts[i]);
      return out + ")";
    }
    case ExprKind::IfExp: return "(if " + opt(e.a) + " " + opt(e.b) + " " + opt(e.c) + ")";
    case ExprKind::Tuple: return "(tuple" + (e.elts.empty() ? "" : " " + join(e.elts)) + ")";
    case ExprKind::List: return "(list" + (e.elts.empty() ? "" : " " + join(e.elts)) + ")";
    case ExprKind::Dict: {
      std::string out = "(dict";
      for (size_t i = 0; i < e.elts.size(); ++i) {
        const Expr* key = i < e.keys.size() ? e.keys[i].get() : nullptr;
        out += key ? " (" + dump(*key) + " " + dump(*e.elts[i]) + ")" : " (** " + dump(*e.elts[i]) + ")";
      }
      return out + ")";
    }
    case ExprKind::Starred: return "(* " + opt(e.a) + ")";
    case ExprKind::Lambda: return "(lambda " + dump_params(e.params) + " " + opt(e.a) + ")";
    case ExprKind::ListComp: return "(listcomp " + opt(e.a) + dump_generators(e.generators) + ")";
    case ExprKind::GeneratorExp: return "(genexp " + opt(e.a) + dump_generators(e.generators) + ")";
    case ExprKind::DictComp:
      return "(dictcomp " + opt(e.a) + " " + opt(e.b) + dump_generators(e.generators) + ")";
  }
  return "?";
}

std::string dump(const Stmt& s, int indent) {
  std::string pad(indent * 2, ' ');
  std::string out;
  std::string line;
  bool has_body = false;
  switch (s.kind) {
    case StmtKind::Expr: line = "Expr " + opt(s.value); break;
    case StmtKind::Assign:
      line = "Assign";
      for (const auto& t : s.targets) line += " " + dump(*t) + " =";
      line += " " + opt(s.value);
      break;
    case StmtKind::AugAssign:
      line = "AugAssign " + opt(s.target) + " " + binary_op_symbol(s.aug_op) + "= " + opt(s.value);
      break;
    case StmtKind::AnnAssign:
      line = "AnnAssign " + opt(s.target) + " : " + opt(s.annotation);
      if (s.value) line += " = " + dump(*s.value);
      break;
    case StmtKind::Return: line = s.value ? "Return " + dump(*s.value) : "Return"; break;
    case StmtKind::Pass: line = "Pass"; break;
    case StmtKind::Break: line = "Break"; break;
    case StmtKind::Continue: line = "Continue"; break;
    case StmtKind::If:
      line = "If " + opt(s.test);
      has_body = true;
      break;
    case StmtKind::For:
      line = "For " + opt(s.target) + " in " + opt(s.iter);
      has_body = true;
      break;
    case StmtKind::While:
      line = "While " + opt(s.test);
      has_body = true;
      break;
    case StmtKind::FunctionDef:
      for (const auto& d : s.decorators) out += pad + "@" + dump(*d) + "\n";
      line = "FunctionDef " + s.name + " " + dump_params(s.params);
      if (s.returns) line += " -> " + dump(*s.returns);
      if (!s.docstring.empty()) line += " doc " + quote(s.docstring);
      has_body = true;
      break;
    case StmtKind::ClassDef: {
      for (const auto& d : s.decorators) out += pad + "@" + dump(*d) + "\n";
      std::string bases = join(s.bases);
      std::string kws = dump_keywords(s.keywords);
      if (bases.empty() && !kws.empty()) kws.erase(0, 1);
      line = "ClassDef " + s.name + " (" + bases + kws + ")";
      if (!s.docstring.empty()) line += " doc " + quote(s.docstring);
      has_body = true;
      break;
    }
    case StmtKind::Import: line = "Import " + aliases(s.names); break;
    case StmtKind::ImportFrom:
      line = "ImportFrom " + std::string(s.level, '.') + s.module + " import " + aliases(s.names);
      break;
    case StmtKind::Assert: line = "Assert " + opt(s.test) + (s.msg ? ", " + dump(*s.msg) : ""); break;
    case StmtKind::With:
      line = "With";
      for (size_t i = 0; i < s.items.size(); ++i) {
        line += (i ? ", " : " ") + opt(s.items[i].context);
        if (s.items[i].target) line += " as " + dump(*s.items[i].target);
      }
      has_body = true;
      break;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
      line = s.kind == StmtKind::Global ? "Global" : "Nonlocal";
      for (const auto& n : s.names) line += " " + n.name;
      break;
    case StmtKind::Delete: line = "Delete " + join(s.targets); break;
    case StmtKind::Raise:
      line = "Raise";
      if (s.value) line += " " + dump(*s.value);
      if (s.msg) line += " from " + dump(*s.msg);
      break;
    case StmtKind::Try:
      line = "Try";
      has_body = true;
      break;
  }
  out += pad + line + "\n";
  if (has_body) {
    dump_body(s.body, indent + 1, out);
    if (!s.orelse.empty()) {
      out += pad + "else\n";
      dump_body(s.orelse, indent + 1, out);
    }
  }
  return out;
}

std::string dump(const Module& m) {
  std::string out;
  if (!m.docstring.empty()) out += "doc " + quote(m.docstring) + "\n";
  dump_body(m.body, 0, out);
  return out;
}

}  // namespace nki::ast

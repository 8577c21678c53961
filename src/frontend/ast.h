// The abstract syntax tree of the Python subset NKI kernels are written in. Every node carries
// the SourceLoc of its first token. Nodes are owned by their parent through unique_ptr; a Module
// owns everything parsed from one file.
//
// Location conventions (1-based line and column, set by the parser):
//   - An expression's loc is the first token of its whole source text: `a + b` and `a.b.c(x)` are
//     at `a`; `(a + b) * c` is at the `(`; `-x` is at the `-`; a Call is at the start of its callee
//     expression; a Slice at its lower bound (or the `:` when there is none); a FormattedValue at
//     its `{`; a parenthesized tuple at its `(`, an unparenthesized one at its first element.
//     A parenthesized single expression keeps its own loc (the inner token, not the `(`).
//   - A statement's loc is its first token, except FunctionDef/ClassDef: the `def`/`class`
//     keyword (decorators carry their own locs), as in CPython.
//   - Keyword/Param/Alias locs are their first token: the name, or the `*`/`**` of starred ones.
// Docstrings: when the first statement of a module, function or class body is a plain string
// constant (not an f-string), it is moved into `docstring` and DROPPED from the body, verbatim
// (no indentation cleanup). A body may therefore be empty.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/source.h"

namespace nki::ast {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

enum class ExprKind : uint8_t {
  Name,            // id
  Constant,        // const_kind + int_value/float_value/str_value
  FString,         // parts: literal strings (Constant Str) and FormattedValue
  FormattedValue,  // value, conversion ('r','s','a' or 0), format_spec (an FString or null)
  Attribute,       // value . attr
  Subscript,       // value [ index ]   (a tuple index for a[i, j])
  Slice,           // lower : upper : step (each may be null)
  Call,            // func ( args..., keywords... )
  BinOp,           // left op right
  UnaryOp,         // op operand
  BoolOp,          // values[0] op values[1] op ...
  Compare,         // left ops[0] comparators[0] ops[1] comparators[1] ...
  IfExp,           // body if test else orelse
  Tuple,           // elts
  List,            // elts
  Dict,            // keys[i]: values[i]  (a null key means **values[i])
  Starred,         // *value (in calls, tuple/list displays and assignment targets)
  Lambda,          // lambda params: body
  ListComp,        // elt for ... (generators)
  DictComp,        // key: value for ... (generators)
  GeneratorExp,    // (elt for ...) passed to e.g. sum(), any()
};

enum class ConstKind : uint8_t { None, Bool, Int, Float, Str, Ellipsis };

enum class BinaryOp : uint8_t {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  FloorDiv,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd
};
enum class UnaryOpKind : uint8_t { Neg, Pos, Not, Invert };
enum class BoolOpKind : uint8_t { And, Or };
enum class CmpOp : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

const char* binary_op_symbol(BinaryOp op);  // "+", "-", ...
const char* cmp_op_symbol(CmpOp op);        // "==", "is not", ...

struct Keyword {
  std::string name;  // empty for **kwargs
  ExprPtr value;
  SourceLoc loc;
};

// A function parameter. Python's `*args` has kind VarArgs, `**kw` kind KwArgs; a bare `*`
// separator is a Param with kind KwOnlyMarker and empty name.
struct Param {
  enum class Kind : uint8_t { Normal, VarArgs, KwOnlyMarker, KwArgs };
  Kind kind = Kind::Normal;
  std::string name;
  ExprPtr default_value;  // may be null
  ExprPtr annotation;     // may be null
  SourceLoc loc;
};

// One `for target in iter if cond...` clause of a comprehension.
struct Comprehension {
  ExprPtr target;
  ExprPtr iter;
  std::vector<ExprPtr> ifs;
};

struct Expr {
  ExprKind kind;
  SourceLoc loc;

  // Name
  std::string id;
  // Constant
  ConstKind const_kind = ConstKind::None;
  bool bool_value = false;
  int64_t int_value = 0;  // literals are kept wide; the specializer applies 32-bit rules
  double float_value = 0;
  std::string str_value;  // Str constant; Attribute name is in `id`
  // Operators
  BinaryOp bin_op = BinaryOp::Add;
  UnaryOpKind unary_op = UnaryOpKind::Neg;
  BoolOpKind bool_op = BoolOpKind::And;
  std::vector<CmpOp> cmp_ops;
  // FormattedValue
  char conversion = 0;
  // Children, by kind:
  //   Attribute: a = value          Subscript: a = value, b = index
  //   Slice: a = lower, b = upper, c = step
  //   BinOp: a = left, b = right    UnaryOp: a = operand
  //   IfExp: a = test, b = body, c = orelse
  //   Call: a = func, elts = positional args (Starred for *x), keywords
  //   FormattedValue: a = value, b = format_spec (FString) or null
  //   Starred: a = value
  //   Lambda: params, a = body
  //   ListComp/GeneratorExp: a = elt, generators;  DictComp: a = key, b = value, generators
  //   Compare: a = left, elts = comparators
  //   BoolOp/Tuple/List/FString: elts
  //   Dict: keys (null entry for **x), elts = values
  ExprPtr a, b, c;
  std::vector<ExprPtr> elts;
  std::vector<ExprPtr> keys;
  std::vector<Keyword> keywords;
  std::vector<Param> params;
  std::vector<Comprehension> generators;

  Expr(ExprKind k, SourceLoc l) : kind(k), loc(l) {}
};

enum class StmtKind : uint8_t {
  Expr,       // value (a = expression)
  Assign,     // targets = value  (targets holds one entry per `=`, each possibly a Tuple)
  AugAssign,  // target op= value
  AnnAssign,  // target : annotation [= value]
  Return,     // value may be null
  Pass,
  Break,
  Continue,
  If,           // test, body, orelse (an elif is an If alone in orelse)
  For,          // target in iter: body else orelse
  While,        // test: body else orelse
  FunctionDef,  // name, params, body, decorators, returns
  ClassDef,     // name, bases (elts), keywords, body, decorators
  Import,       // names: module path "a.b.c" + asname
  ImportFrom,   // module (may be empty for `from . import x`), level (number of dots), names
  Assert,       // test, msg may be null
  With,         // items (context expr + optional target), body
  Global,       // names (rejected by the specializer, kept so it can say so)
  Nonlocal,
  Delete,  // targets
  Raise,   // value may be null; msg = the `from` cause, may be null
  Try,     // parsed so the specializer can reject it by name: body only (handlers dropped)
};

struct Alias {
  std::string name;    // "a.b.c" for import, "x" for from-import ("*" for star)
  std::string asname;  // empty if none
  SourceLoc loc;
};

struct WithItem {
  ExprPtr context;
  ExprPtr target;  // may be null
};

struct Stmt {
  StmtKind kind;
  SourceLoc loc;

  ExprPtr value;                 // Expr, Assign, AugAssign, AnnAssign, Return, Raise
  std::vector<ExprPtr> targets;  // Assign, Delete
  ExprPtr target;                // AugAssign, AnnAssign, For
  ExprPtr annotation;            // AnnAssign
  ast::BinaryOp aug_op = BinaryOp::Add;
  ExprPtr test;  // If, While, Assert
  ExprPtr msg;   // Assert
  ExprPtr iter;  // For
  Body body;     // If, For, While, FunctionDef, ClassDef, With, Try
  Body orelse;   // If, For, While
  // FunctionDef / ClassDef
  std::string name;
  std::vector<Param> params;
  std::vector<ExprPtr> decorators;
  ExprPtr returns;
  std::vector<ExprPtr> bases;
  std::vector<Keyword> keywords;
  std::string docstring;  // FunctionDef / ClassDef, empty if none
  // Import / ImportFrom / Global / Nonlocal
  std::vector<Alias> names;
  std::string module;
  int level = 0;
  // With
  std::vector<WithItem> items;

  Stmt(StmtKind k, SourceLoc l) : kind(k), loc(l) {}
};

struct Module {
  const SourceFile* file = nullptr;
  std::string docstring;
  Body body;
};

// A readable, stable text form of the tree, used as the golden form in tests and for debugging.
// Expressions are S-expressions: `x`, `1`, `1.5`, `'s'`, `None`, `(+ a b)`, `(u- a)`, `(not a)`,
// `(and a b)`, `(cmp a < b not in c)`, `(. a attr)`, `(sub a i)`, `(slice lo hi step)` with `_` for
// a missing part, `(call f a (* rest) (kw k v) (kw ** d))`, `(tuple ...)`, `(list ...)`,
// `(dict (k v) (** d))`, `(if test body orelse)`, `(lambda (params) body)`, `(* x)`,
// `(listcomp elt (for t iter (if c)))`, `(genexp ...)`, `(dictcomp k v (for ...))`,
// `(fstr 'lit' (fmt x !r (fstr ...)))`. A parameter is `x`, `*args`, `*`, `**kw`, or
// `(x : ann = default)` when it has an annotation or default.
// Statements are one line each, children indented by two spaces:
//   Assign t1 = t2 = value / AugAssign t += v / AnnAssign t : ann [= v] / Expr e / Return [v] /
//   If test / For t in iter / While test (body, then `else` and the orelse body) /
//   @decorator + FunctionDef name (params) [-> ret] [doc '...'] / ClassDef name (bases kw) /
//   Import a.b as c, d / ImportFrom ..m import x as y / Assert t [, msg] / With ctx as t, ctx2 /
//   Global a b / Nonlocal a / Delete t / Raise [v [from c]] / Try / Pass / Break / Continue.
// A module docstring is a first line `doc '...'`.
std::string dump(const Expr& e);
std::string dump(const Stmt& s, int indent = 0);
std::string dump(const Module& m);

}  // namespace nki::ast

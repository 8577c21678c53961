// Scheduling hints a kernel gives (nki-api.md §3.1, §3.3): instruction handles with
// .depends_on(...), and `with nl.no_reorder():` blocks. Both become explicit dependency edges
// (Instruction::deps) that the schedule pass honours; neither changes what an instruction does.
#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

Value instruction_handle(Interp& in, size_t index) {
  auto h = std::make_shared<ObjectObj>();
  const Instruction& inst = in.kernel.body.at(index);
  h->type_name = "NkiInstruction";
  h->repr = "<NkiInstruction " + std::string(op_name(inst.op)) +
            (inst.name.empty() ? "" : " '" + inst.name + "'") + ">";
  h->attrs["name"] = Value::str(inst.name);
  h->attrs["index"] = Value::integer(static_cast<int32_t>(index));
  h->attrs["depends_on"] =
      make_builtin("NkiInstruction.depends_on", [index](Interp& in, CallArgs& a) -> Value {
        if (!a.kw.empty()) in.fail(a.loc, "depends_on() takes instruction handles as positional arguments");
        Instruction& consumer = in.kernel.body.at(index);
        for (const Value& p : a.pos) {
          if (p.kind != VKind::Object || p.as<ObjectObj>().type_name != "NkiInstruction")
            in.fail(a.loc,
                    "depends_on() expects instructions returned by nki.isa calls, not " + type_name(p));
          auto producer = static_cast<uint32_t>(p.as<ObjectObj>().attrs.at("index").i);
          if (producer >= index)
            in.fail(a.loc, "depends_on(): an instruction can only depend on instructions issued before it");
          consumer.deps.push_back(producer);
        }
        return Value::none();
      });
  return Value::heap(VKind::Object, h);
}

Value no_reorder_context() {
  auto o = std::make_shared<ObjectObj>();
  o->type_name = "no_reorder";
  o->repr = "nl.no_reorder()";
  return Value::heap(VKind::Object, o);
}

Interp::Flow Interp::exec_with(const ast::Stmt& s, Env& env) {
  for (const auto& item : s.items) {
    Value ctx = eval(*item.context, env);
    if (ctx.kind != VKind::Object || ctx.as<ObjectObj>().type_name != "no_reorder")
      fail(item.context->loc, "'with' supports only nl.no_reorder() in NKI kernels, not " + to_repr(ctx));
    if (item.target) assign(*item.target, Value::none(), env);
  }
  // Instructions in the block keep their program order: each waits for the previous one (a
  // nested block simply continues the chain).
  ++no_reorder_depth_;
  struct Leave {
    Interp* in;
    ~Leave() {
      if (--in->no_reorder_depth_ == 0) in->no_reorder_last_ = -1;
    }
  } leave{this};
  return exec_body(s.body, env);
}

}  // namespace nki::lang

// The specializer's heap (lang/value.h): reference cycles of compile-time values are freed when
// the heap ends; values held from outside survive it, emptied, and can still be dropped later.
#include <gtest/gtest.h>

#include "lang/value.h"

namespace nki::lang {
namespace {

TEST(Heap, FreesAListThatHoldsItself) {
  std::weak_ptr<Obj> seen;
  {
    Heap heap;
    Value a = Value::list({});
    a.as<SeqObj>().items.push_back(a);  // a.append(a)
    seen = a.obj;
  }
  EXPECT_TRUE(seen.expired());
}

TEST(Heap, FreesAClosureAndTheScopeItWasDefinedIn) {
  std::weak_ptr<Obj> fn_seen;
  std::weak_ptr<Scope> scope_seen;
  {
    Heap heap;
    auto scope = std::make_shared<Scope>();
    auto fn = std::make_shared<FunctionObj>();
    fn->closure = scope;
    scope->vars["helper"] = Value::heap(VKind::Function, fn);  // def helper(): ... inside a function
    fn_seen = fn;
    scope_seen = scope;
  }
  EXPECT_TRUE(fn_seen.expired());
  EXPECT_TRUE(scope_seen.expired());
}

TEST(Heap, FreesAnEnumAndItsMembers) {
  std::weak_ptr<Obj> cls_seen, member_seen;
  {
    Heap heap;
    auto cls = std::make_shared<ClassObj>();
    auto member = std::make_shared<InstanceObj>();
    member->cls = cls;
    cls->attrs["RED"] = Value::heap(VKind::Instance, member);
    cls_seen = cls;
    member_seen = member;
  }
  EXPECT_TRUE(cls_seen.expired());
  EXPECT_TRUE(member_seen.expired());
}

TEST(Heap, ValuesHeldFromOutsideSurviveEmpty) {
  Value kept;
  {
    Heap heap;
    kept = Value::list({Value::integer(1), Value::str("x")});
    kept.as<SeqObj>().items.push_back(kept);
  }
  ASSERT_TRUE(kept.obj);
  EXPECT_TRUE(kept.as<SeqObj>().items.empty());
  kept = Value::none();  // dropping it after its heap ended is safe
}

TEST(Heap, NestedHeapsListTheirOwnObjects) {
  std::weak_ptr<Obj> outer_seen, inner_seen;
  {
    Heap outer;
    Value a = Value::list({});
    a.as<SeqObj>().items.push_back(a);
    outer_seen = a.obj;
    {
      Heap inner;
      Value b = Value::list({});
      b.as<SeqObj>().items.push_back(b);
      inner_seen = b.obj;
    }
    EXPECT_TRUE(inner_seen.expired());
    EXPECT_FALSE(outer_seen.expired());
    Value c = Value::list({});  // the outer heap is current again
    c.as<SeqObj>().items.push_back(c);
  }
  EXPECT_TRUE(outer_seen.expired());
}

TEST(Heap, ObjectsOutsideAnyHeapAreNotListed) {
  Value a = Value::list({Value::integer(3)});
  { Heap heap; }
  EXPECT_EQ(a.as<SeqObj>().items.size(), 1u);  // created before the heap: untouched by it
}

}  // namespace
}  // namespace nki::lang

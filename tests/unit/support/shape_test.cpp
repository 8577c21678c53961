// support/shape: the three notations of a shape.
#include "support/shape.h"

#include <gtest/gtest.h>

namespace nki {
namespace {

TEST(ShapeStr, List) {
  EXPECT_EQ(shape_str({128, 4, 64}), "[128,4,64]");
  EXPECT_EQ(shape_str({7}), "[7]");
  EXPECT_EQ(shape_str({}), "[]");
}

TEST(ShapeStr, TupleIsPythons) {
  EXPECT_EQ(shape_str({128, 64}, ShapeForm::Tuple), "(128, 64)");
  EXPECT_EQ(shape_str({5}, ShapeForm::Tuple), "(5,)");
  EXPECT_EQ(shape_str({}, ShapeForm::Tuple), "()");
}

TEST(ShapeStr, SpecIsTheCommandLines) {
  EXPECT_EQ(shape_str({128, 512}, ShapeForm::Spec), "128x512");
  EXPECT_EQ(shape_str({3}, ShapeForm::Spec), "3");
  EXPECT_EQ(shape_str({}, ShapeForm::Spec), "scalar");
}

}  // namespace
}  // namespace nki

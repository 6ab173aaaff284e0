#pragma once
// Small programs for the tile-IR tests.

#include "cim/tile/program.h"

namespace cim::testing {

/// input {4} binary -> XbarLinear dense 4->3 -> output int {3}; no tiles yet.
inline Program TinyDenseProgram() {
  Program p;
  p.model_name = "tiny";
  p.producer = "test";
  p.input.shape = {4};
  p.input.layout = Layout::kNCHW;
  p.tensors = {{"x", {4}, ValueSet::kBinary}, {"y", {3}, ValueSet::kInteger}};
  XbarLinearOp x;
  x.name = "dense";
  x.input = 0;
  x.output = 1;
  x.dense = true;
  x.geom.in_channels = 4;
  x.geom.out_channels = 3;
  x.weights = {1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, 1};
  p.ops.push_back(x);
  p.output = 1;
  return p;
}

}  // namespace cim::testing

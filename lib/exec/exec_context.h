#pragma once
// What one op kernel of the executor sees: the batch of tensors, the program
// for shapes, and the crossbar worker. Private to lib/exec.

#include <cstdint>
#include <string>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/support/check.h"
#include "cim/tile/program.h"

namespace cim {

/// Buffers a kernel reuses from batch to batch (sized to the largest layer).
struct ExecScratch {
  std::vector<int8_t> ternary;  // a crossbar layer's input as int8
  std::vector<int8_t> patches;  // im2col of that input
  std::vector<int32_t> xbar_out;
  std::vector<double> real_patches;  // im2col for digital layers
};

struct ExecContext {
  const Program& program;
  std::vector<std::vector<double>>& tensors;  // [tensor][image * numel + element]
  int64_t n = 0;                              // images in the batch
  int64_t first_image = 0;                    // global index of image 0
  int op_index = 0;
  XbarWorker& worker;
  ExecScratch& scratch;

  const Dims& Shape(int t) const { return program.tensors[static_cast<size_t>(t)].shape; }
  int64_t Numel(int t) const {
    int64_t e = 1;
    for (int64_t d : Shape(t)) e *= d;
    return e;
  }
  /// The batch of tensor t; it must have been written and not yet freed.
  const std::vector<double>& In(int t) const {
    const std::vector<double>& v = tensors[static_cast<size_t>(t)];
    CIM_CHECK(static_cast<int64_t>(v.size()) == n * Numel(t));
    return v;
  }
  /// Allocates the batch of tensor t (n x numel) and returns its data.
  double* Out(int t) const {
    std::vector<double>& v = tensors[static_cast<size_t>(t)];
    v.assign(static_cast<size_t>(n * Numel(t)), 0.0);
    return v.data();
  }
  /// "op 3 (XbarLinear \"conv1\")", for messages.
  std::string Where() const;
};

/// Strides of a row-major shape: stride[i] = product of dims after i.
std::vector<int64_t> RowMajorStrides(const Dims& shape);

}  // namespace cim

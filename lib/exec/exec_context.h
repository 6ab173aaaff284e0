#pragma once
// What one op kernel of the executor sees: the batch of tensors, the program
// for shapes, and the crossbar worker. Private to lib/exec.

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/support/check.h"
#include "cim/tile/program.h"

namespace cim {

/// An allocator whose resize() leaves new doubles uninitialized: every kernel
/// writes all of its output, so zero-filling it first is wasted bandwidth.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) {}  // NOLINT: allocator rebinding
  template <typename U>
  void construct(U* p) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// One tensor for a whole batch: [image * numel + element].
using TensorBuffer = std::vector<double, DefaultInitAllocator<double>>;

/// Buffers reused from op to op and batch to batch, so that a run does not
/// return memory to the OS and fault it back in for every tensor.
struct ExecScratch {
  /// Tensor buffers no later op reads; Out() recycles them.
  std::vector<TensorBuffer> free_tensors;
  /// The batch's tensors by id; empty when not (or no longer) live.
  std::vector<TensorBuffer> tensors;
  std::vector<int8_t> ternary;  // a crossbar layer's input as int8
  std::vector<int8_t> patches;  // im2col of that input
  std::vector<int32_t> xbar_out;
  TensorBuffer real_patches;  // im2col for digital layers
};

struct ExecContext {
  const Program& program;
  std::vector<TensorBuffer>& tensors;  // ExecScratch::tensors
  int64_t n = 0;                       // images in the batch
  int64_t first_image = 0;             // global index of image 0
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
  const TensorBuffer& In(int t) const {
    const TensorBuffer& v = tensors[static_cast<size_t>(t)];
    CIM_CHECK(static_cast<int64_t>(v.size()) == n * Numel(t));
    return v;
  }
  /// Sizes the batch of tensor t (n x numel) from a recycled buffer and returns
  /// its data. The contents are unspecified: every kernel writes all of it.
  double* Out(int t) const;
  /// "op 3 (XbarLinear \"conv1\")", for messages.
  std::string Where() const;
};

/// Strides of a row-major shape: stride[i] = product of dims after i.
std::vector<int64_t> RowMajorStrides(const Dims& shape);

/// The batch of tensor t seen as [outer][len][inner] around per-image axis
/// `axis` (outer counts the blocks of every image; a scalar tensor is one
/// block of length 1).
struct AxisBlocks {
  int64_t outer = 1, len = 1, inner = 1;
};
AxisBlocks SplitAroundAxis(const ExecContext& ctx, int t, int axis);

}  // namespace cim

#pragma once
// The tile IR: a compiled program, as cimc writes it and cimsim runs it.
//
// A program is a list of ops in execution order over numbered tensors. Tensor
// 0 is the preprocessed model input (raw pixel * scale + offset, in the layout
// the ONNX graph input has). Shapes exclude the batch dimension. Crossbar
// layers (XbarLinearOp) compute exact integer products W·x of {-1,0,+1}
// matrices; everything else is a digital op evaluated in double precision, in
// the same order of operations as the source graph so that results match an
// independent float64 evaluation of the ONNX model.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "cim/tile/mapping.h"

namespace cim {

using Dims = std::vector<int64_t>;

/// What is known about the values of a tensor; the lowering checks that a
/// crossbar layer only ever sees binary or ternary inputs.
enum class ValueSet : uint8_t {
  kReal,     // any double
  kInteger,  // integer-valued (e.g. crossbar outputs, max-pooled counts)
  kTernary,  // {-1, 0, +1}
  kBinary,   // {-1, +1}
};
const char* ValueSetName(ValueSet v);

struct TensorInfo {
  std::string name;  // the ONNX value name it came from, for messages and IR dumps
  Dims shape;        // without the batch dimension; e.g. {C, H, W} or {features}
  ValueSet values = ValueSet::kReal;
};

/// Geometry of a (possibly 1x1, 1-pixel) convolution. A dense layer with K
/// inputs and M outputs is a convolution with in = {K,1,1}, out = {M,1,1}.
/// Inputs are NCHW ({C,H,W} per image).
struct ConvGeometry {
  int64_t in_channels = 0, in_h = 1, in_w = 1;
  int64_t out_channels = 0, out_h = 1, out_w = 1;
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  double pad_value = 0.0;  // 0: ONNX zero padding (border inputs are 0); +1: Larq pad_values=1
  int64_t groups = 1;

  /// Inputs per output = (in_channels / groups) * kernel_h * kernel_w. The
  /// im2col order of one patch is (channel, ky, kx), row-major.
  int64_t PatchSize() const { return in_channels / groups * kernel_h * kernel_w; }
  int64_t OutputsPerGroup() const { return out_channels / groups; }
  int64_t Positions() const { return out_h * out_w; }
};

/// One crossbar tile: a block of one group's weight matrix placed on its own
/// crossbar instance at physical row 0, column 0.
struct Tile {
  int32_t group = 0;
  int32_t row_begin = 0, row_count = 0;  // logical inputs K: [row_begin, row_begin+row_count)
  int32_t col_begin = 0, col_count = 0;  // logical outputs within the group
  int32_t crossbar = 0;                  // program-wide crossbar index
};

/// A binarised/ternarised matrix layer executed on crossbars.
/// Output tensor: {out_channels, out_h, out_w} (or {out_channels} when dense),
/// ValueSet::kInteger, equal to W·x exactly in the reference executor.
/// Partial sums of row tiles (K direction) are added digitally.
struct XbarLinearOp {
  std::string name;  // source node name
  int input = 0, output = 0;
  bool dense = false;
  ConvGeometry geom;
  bool ternary_weights = false;  // weights in {-1,0,+1} (else {-1,+1})
  bool ternary_inputs = false;   // inputs in {-1,0,+1} (else {-1,+1} except zero padding)
  /// out_channels x PatchSize(), row-major; row m = weights of output m
  /// (m = group * OutputsPerGroup() + local output). Values in {-1,0,+1}.
  std::vector<int8_t> weights;
  Mapping mapping = Mapping::kBnnI;
  std::vector<Tile> tiles;
};

/// A real-valued matrix layer computed digitally (e.g. a first layer that sees
/// real pixels). y[m] = bias[m] + sum_k W[m][k] x[k], summed in k order.
struct DigitalLinearOp {
  std::string name;
  int input = 0, output = 0;
  bool dense = false;
  ConvGeometry geom;
  std::vector<double> weights;  // out_channels x PatchSize(), row-major
  std::vector<double> bias;     // out_channels entries, or empty
};

/// One elementwise step with a per-channel (or scalar) constant operand.
/// Each step evaluates exactly one ONNX op, in double precision.
struct PointwiseStep {
  enum class Kind : uint8_t {
    kAdd,        // x + c
    kSub,        // x - c      (reversed: c - x)
    kMul,        // x * c
    kDiv,        // x / c      (reversed: c / x)
    kMax,        // max(x, c)
    kMin,        // min(x, c)
    kSign,       // ONNX Sign: -1, 0, +1 (sign(0) = 0)
    kRelu,       // max(x, 0)
    kNeg,        // -x
    kAbs,        // |x|
    kBatchNorm,  // (x - mean) / sqrt(var + eps) * scale + bias, in that order
  };
  Kind kind = Kind::kAdd;
  bool reversed = false;
  /// One entry (scalar) or one per channel. kBatchNorm uses c (scale), c2
  /// (bias), c3 (mean), c4 (var) and eps.
  std::vector<double> c, c2, c3, c4;
  double eps = 0.0;
};

/// Applies a chain of steps elementwise; channel index along `channel_axis` of
/// the per-image shape picks the constant of per-channel steps.
struct PointwiseOp {
  std::string name;
  int input = 0, output = 0;
  int channel_axis = 0;
  std::vector<PointwiseStep> steps;
};

/// A per-channel step function of an integer-valued input, the exact fold of
/// "BatchNorm/affine chain + sign/ternary quantizer" after a crossbar layer:
///   y = low  if x <  lower[c]
///   y = mid  if lower[c] <= x < upper[c]
///   y = high if x >= upper[c]
/// (binary quantizers have lower == upper). low/mid/high are per channel so a
/// negative BN scale (a decreasing function) is expressed too.
struct ThresholdOp {
  std::string name;
  int input = 0, output = 0;
  int channel_axis = 0;
  std::vector<int64_t> lower, upper;
  std::vector<int8_t> low, mid, high;
};

struct PoolOp {
  enum class Kind : uint8_t { kMax, kAverage, kGlobalAverage };
  std::string name;
  int input = 0, output = 0;  // NCHW per image: {C,H,W}
  Kind kind = Kind::kMax;
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  bool count_include_pad = false;  // AveragePool: divide by the full window
};

/// Constant padding of any rank (per-image dims; pads_begin/pads_end exclude batch).
struct PadOp {
  std::string name;
  int input = 0, output = 0;
  std::vector<int64_t> pads_begin, pads_end;
  double value = 0.0;
};

/// Permutes per-image dims (perm excludes the batch axis: an ONNX perm
/// [0,2,3,1] becomes {1,2,0}).
struct TransposeOp {
  std::string name;
  int input = 0, output = 0;
  std::vector<int64_t> perm;
};

/// Changes the shape without moving data (Reshape, Flatten, Squeeze, ...).
struct ReshapeOp {
  std::string name;
  int input = 0, output = 0;
};

/// Elementwise op of two tensors of the same shape (residual Add, ...).
struct BinaryOp {
  enum class Kind : uint8_t { kAdd, kSub, kMul };
  std::string name;
  int lhs = 0, rhs = 0, output = 0;
  Kind kind = Kind::kAdd;
};

struct SoftmaxOp {
  std::string name;
  int input = 0, output = 0;
  int axis = 0;  // per-image axis
};

using Op = std::variant<XbarLinearOp, DigitalLinearOp, PointwiseOp, ThresholdOp, PoolOp, PadOp,
                        TransposeOp, ReshapeOp, BinaryOp, SoftmaxOp>;

enum class Layout : uint8_t { kNHWC, kNCHW };
const char* LayoutName(Layout l);

/// How raw dataset pixels become tensor 0: x = raw * scale + offset (double),
/// arranged in `layout` (datasets deliver HWC bytes).
struct InputSpec {
  Dims shape;  // per image, in `layout`, e.g. {28,28,1} for NHWC
  Layout layout = Layout::kNHWC;
  double scale = 1.0 / 255.0;
  double offset = 0.0;
};

struct CrossbarGeometry {
  int64_t rows = 256;
  int64_t cols = 256;
};

struct Program {
  std::string model_name;    // e.g. "mnist_bnn_conv"
  std::string source_file;   // the ONNX file it was compiled from
  std::string producer;      // "cimc 0.1.0"
  std::string dataset_hint;  // from the sidecar ("mnist"), may be empty
  InputSpec input;
  CrossbarGeometry geometry;
  Mapping mapping = Mapping::kBnnI;  // the mapping every XbarLinearOp uses
  std::vector<TensorInfo> tensors;   // tensor 0 = model input
  std::vector<Op> ops;               // execution order
  int output = 0;                    // tensor holding the model output (logits/probabilities)
  int num_crossbars = 0;             // number of distinct Tile::crossbar indices
};

/// Checks ids, shapes, weight sizes and tile coverage. An error names the op.
Status VerifyProgram(const Program& p);

/// The textual tile IR (`cimc --emit=ir`), stable for golden tests.
std::string PrintProgram(const Program& p);

}  // namespace cim

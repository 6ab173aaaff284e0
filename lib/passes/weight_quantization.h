#pragma once
// Recognises a constant weight matrix whose rows are each in {-s, 0, +s}:
// plain ±1 / {-1,0,+1} kernels (Larq kernel quantizers folded by tf2onnx) and
// ±s_c kernels (tf2onnx's Conv+BatchNormalization fusion, magnitude-aware
// sign), so that the layer runs on crossbars as s_c * (sign(W) · x).

#include <cstdint>
#include <optional>
#include <vector>

namespace cim::passes {

/// Relative tolerance of "equal magnitude" (float32 rounding of W * s_c).
inline constexpr double kWeightRelTolerance = 1e-6;

struct QuantizedWeights {
  std::vector<int8_t> signs;   // rows x cols, row-major, each in {-1, 0, +1}
  std::vector<double> scales;  // one per row, > 0
  bool ternary = false;        // some sign is 0
  bool unit_scales = true;     // every scale is 1 (no rescaling step needed)
};

/// Splits the rows x cols row-major matrix `w` into signs and per-row scales,
/// or nullopt when some row holds values of more than one magnitude (beyond
/// kWeightRelTolerance) besides zero. An all-zero row gets scale 1.
std::optional<QuantizedWeights> QuantizeRows(const std::vector<double>& w, int64_t rows, int64_t cols);

}  // namespace cim::passes

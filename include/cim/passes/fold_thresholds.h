#pragma once
// Pass "fold_thresholds": turns "affine / BatchNorm chain + quantizer" after a
// crossbar layer into a per-channel integer threshold.
//
// Why: a crossbar layer outputs integers in [-K, K]. Whatever elementwise
// chain follows (Mul/Add rescaling, BatchNormalization with any sign of γ
// including zero, Larq ste_sign, ste_tern, heaviside, PyTorch Sign, the
// opset<9 Greater/Less/Cast/Sub form, BipolarQuant) is, on those integers, a
// step function with at most three levels when its result has at most three
// values. Evaluating the chain — with ApplyPointwiseStep, the executor's own
// arithmetic — at every reachable integer and reading off the steps makes the
// threshold exactly equivalent to the float graph by construction, including
// tie rules such as Larq's sign(0) = +1.

#include "cim/graph/graph.h"

namespace cim {

/// For each integer-valued value r with known bounds and more than three
/// values (a crossbar output, possibly max-pooled or reshaped), collects the
/// elementwise nodes computed from r and constants alone (scalar or
/// per-channel along one axis; two-tensor Add/Sub/Mul/Max/Min of such values;
/// comparisons; Cast). Every such value whose range is at most three integers
/// in [-128, 127] and that is, per channel, a function of r with at most
/// three runs becomes cim.Threshold(r); the chain becomes dead and is removed.
/// Chains that do not fold stay as they are (still exact).
Status FoldThresholds(Graph& g);

}  // namespace cim

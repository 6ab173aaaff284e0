#pragma once
// Evaluation of one PointwiseStep. The executor applies it to tensors and the
// threshold-folding pass evaluates it at every integer a crossbar layer can
// output; both use this one function so that a folded threshold is exactly
// equivalent to the chain it replaces.

#include <cstdint>

#include "cim/tile/program.h"

namespace cim {

/// Value of `step` at x for channel `channel` (per-channel constants are
/// indexed by it; scalar steps ignore it). Precondition: channel is in range.
double ApplyPointwiseStep(const PointwiseStep& step, int64_t channel, double x);

/// Applies the steps in order.
double ApplyPointwiseChain(const std::vector<PointwiseStep>& steps, int64_t channel, double x);

/// Name of a step kind ("Add", "BatchNorm", ...), for IR text and errors.
const char* PointwiseKindName(PointwiseStep::Kind kind);

}  // namespace cim

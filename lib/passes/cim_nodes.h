#pragma once
// Graph nodes of the "cim" domain that the passes create before the graph is
// lowered to a Program: a crossbar layer (cim.XbarLinear) and a folded
// threshold (cim.Threshold). Their attributes carry the tile-IR op, so the
// graph stays printable and verifiable between passes.

#include <string>

#include "cim/graph/graph.h"
#include "cim/tile/program.h"

namespace cim::passes {

inline constexpr const char* kCimDomain = "cim";
inline constexpr const char* kXbarLinearOp = "XbarLinear";
inline constexpr const char* kThresholdOp = "Threshold";

/// True if `n` is the cim-domain op `op_type`.
bool IsCimNode(const Node& n, const char* op_type);

/// A cim.XbarLinear node reading `input` and writing `output`, carrying
/// `op`'s name, geometry, flags and weights (op.input/output are ignored).
Node MakeXbarLinearNode(const XbarLinearOp& op, int input, int output);
/// The op a cim.XbarLinear node carries (input/output left 0, no tiles).
XbarLinearOp XbarLinearFromNode(const Node& n);
/// Largest |W·x| over inputs in {-1,0,+1}: the maximal row sum of |w|.
int64_t XbarOutputBound(const Node& n);

/// A cim.Threshold node, likewise.
Node MakeThresholdNode(const ThresholdOp& op, int input, int output);
ThresholdOp ThresholdFromNode(const Node& n);

}  // namespace cim::passes

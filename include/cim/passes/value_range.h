#pragma once
// Value-range analysis: what values each graph value can take. It is how the
// compiler recognises every quantizer generically (Larq ste_sign / ste_tern /
// ste_heaviside, PyTorch Sign, the opset<9 Greater/Less/Cast/Sub form, QONNX
// BipolarQuant) without matching op sequences: a crossbar layer needs inputs
// in {-1,0,+1}, and threshold folding needs an integer-valued input with known
// bounds and an output with at most three values.

#include <limits>
#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/tile/program.h"

namespace cim {

/// Largest finite value set the analysis tracks; larger sets become intervals.
inline constexpr size_t kMaxFiniteValues = 16;

/// A finite set of values, or an interval [lo, hi] (bounds may be infinite)
/// that is known to hold only integers or not.
struct ValueRange {
  bool finite = false;
  std::vector<double> set;  // finite: sorted, distinct, at most kMaxFiniteValues
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool integer = false;  // interval: integer-valued

  static ValueRange Real();
  static ValueRange Interval(double lo, double hi, bool integer);
  /// The set, or its hull as an interval when it has more than kMaxFiniteValues values.
  static ValueRange Of(std::vector<double> values);

  /// Every value is one of `allowed`.
  bool IsSubsetOf(const std::vector<double>& allowed) const;
  /// Integer-valued with finite bounds (finite sets of integers included).
  bool IsBoundedInteger() const;
  /// Smallest and largest possible value.
  double Min() const { return finite ? set.front() : lo; }
  double Max() const { return finite ? set.back() : hi; }
  /// "{-1,1}", "int[-9,9]", "[0,inf]", "real".
  std::string ToString() const;
};

/// The range of every value of `g` (indexed by value id), computed in one
/// topological sweep. Constants get the set of their elements.
std::vector<ValueRange> AnalyseValueRanges(const Graph& g);

/// The coarse tile-IR value set of a range.
ValueSet ToValueSet(const ValueRange& r);

}  // namespace cim

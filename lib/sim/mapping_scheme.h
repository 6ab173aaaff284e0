#pragma once
// How each of the eleven mappings (crossbar-model.md §2) is realised on the
// cells, as data: which cells of a weight are LRS, which rows an input drives
// in which phase, which column currents each ADC conversion reads, and how the
// conversions' level values combine into y = W·x. The engine interprets this
// table; it has no per-mapping branches.
//
// Layout of one tile (our rule, also used by CellStats and the program
// summary): logical input i owns physical rows i*planes + plane, logical
// output j owns physical columns j*cols + col; everything else stays HRS and
// is never driven.

#include <cstdint>

#include "cim/tile/mapping.h"

namespace cim::sim {

/// Which inputs of a patch drive the rows of one plane in one phase.
enum class InputSet : uint8_t {
  kNone,    // no row of this plane is driven
  kPlus,    // x = +1
  kMinus,   // x = -1
  kZero,    // x = 0 (TNN_III's offset code u = x + 1 = 1)
  kActive,  // x != 0
};

/// The digitally known term added to the analog part of the recovery.
enum class DigitalTerm : uint8_t {
  kNone,
  kMinusActiveWeightSum,  // − Σ_{x≠0} w   (BNN_I: the active inputs' weight sum)
  kPlusActiveWeightSum,   // + Σ_{x≠0} w   (BNN_II)
  kMinusVecSum,           // − (P − Q)
  kPlusVecSum,            // + (P − Q)
  kMinusActiveCount,      // − n, n = #(x≠0) (BNN_V)
  kMinusTileWeightSum,    // − Σ_all w      (TNN_III: every input drives its offset code)
};

/// One ADC conversion of one output: reads column `col_plus` (minus column
/// `col_minus` for a differential pair) in `phase`; `coef` weighs its level
/// value (in units of dI) in the recovery.
struct Conversion {
  int phase = 0;
  int col_plus = 0;
  int col_minus = -1;  // -1: single-ended, the periphery removes n·HRS before the ADC
  double coef = 1.0;
  bool differential() const { return col_minus >= 0; }
};

struct MappingScheme {
  Mapping mapping = Mapping::kBnnI;
  int planes = 1;  // rows per input
  int cols = 1;    // columns per output
  int phases = 1;
  InputSet drive[2][2] = {{InputSet::kNone, InputSet::kNone}, {InputSet::kNone, InputSet::kNone}};
  /// Phase 1 drives exactly the active inputs phase 0 does not (on plane 0),
  /// so its column counts are (active count) − (phase-0 count).
  bool phase1_complements_phase0 = false;
  int num_conversions = 1;
  Conversion conv[4];
  DigitalTerm digital = DigitalTerm::kNone;
  /// lrs[w + 1][plane][col]: the cell (plane, col) of a weight w is LRS.
  bool lrs[3][2][2] = {};
};

/// The scheme of a mapping (one static table entry per mapping).
const MappingScheme& SchemeFor(Mapping m);

// Per family, in their own files.
MappingScheme DifferentialColumnScheme(Mapping m);  // BNN_I, BNN_II, TNN_II, TNN_III
MappingScheme SingleEndedColumnScheme(Mapping m);   // BNN_III, BNN_IV, TNN_IV, TNN_V
MappingScheme TwoRowScheme(Mapping m);              // BNN_V, BNN_VI, TNN_I

}  // namespace cim::sim

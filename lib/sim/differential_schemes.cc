// Differential p/m column pairs (crossbar-model.md §2): output j owns columns
// p = 2j and m = 2j+1; w = +1 puts LRS on p, w = −1 on m, w = 0 leaves both
// HRS. A conversion reads I_p − I_m, in which the HRS currents of the driven
// rows cancel, so no offset is needed and the ADC is signed.

#include "cim/support/check.h"
#include "sim/mapping_scheme.h"

namespace cim::sim {
namespace {

constexpr int kP = 0, kM = 1;

MappingScheme PairColumns(Mapping m) {
  MappingScheme s;
  s.mapping = m;
  s.planes = 1;
  s.cols = 2;
  s.lrs[2][0][kP] = true;  // w = +1
  s.lrs[0][0][kM] = true;  // w = −1
  return s;
}

}  // namespace

MappingScheme DifferentialColumnScheme(Mapping m) {
  MappingScheme s = PairColumns(m);
  switch (m) {
    case Mapping::kBnnI:
      // v = (x+1)/2: rows with x = +1. I = dI·Σ_{x=+1} w, and
      // W·x = 2·Σ_{x=+1} w − Σ_{x≠0} w, the last sum known digitally.
      s.drive[0][0] = InputSet::kPlus;
      s.conv[0] = {0, kP, kM, 2.0};
      s.digital = DigitalTerm::kMinusActiveWeightSum;
      break;
    case Mapping::kBnnII:
      // v = (1−x)/2: rows with x = −1, read as I_m − I_p = −dI·Σ_{x=−1} w.
      s.drive[0][0] = InputSet::kMinus;
      s.conv[0] = {0, kM, kP, 2.0};
      s.digital = DigitalTerm::kPlusActiveWeightSum;
      break;
    case Mapping::kTnnII:
      // Two's complement bit-serial input: x = b0 − 2·b1, b0 = [x≠0], b1 = [x=−1].
      s.phases = 2;
      s.drive[0][0] = InputSet::kActive;
      s.drive[1][0] = InputSet::kMinus;
      s.num_conversions = 2;
      s.conv[0] = {0, kP, kM, 1.0};
      s.conv[1] = {1, kP, kM, -2.0};
      break;
    case Mapping::kTnnIII:
      // Offset input u = x + 1 = b0 + 2·b1: b0 = [x=0], b1 = [x=+1]. Every input
      // of the tile drives its code, so W·x = W·u − Σ_all w.
      s.phases = 2;
      s.drive[0][0] = InputSet::kZero;
      s.drive[1][0] = InputSet::kPlus;
      s.num_conversions = 2;
      s.conv[0] = {0, kP, kM, 1.0};
      s.conv[1] = {1, kP, kM, 2.0};
      s.digital = DigitalTerm::kMinusTileWeightSum;
      break;
    default:
      CIM_CHECK(false);
  }
  return s;
}

}  // namespace cim::sim

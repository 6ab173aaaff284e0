// Two rows per input (crossbar-model.md §2): input i drives its (+) row
// (plane 0) iff x = +1 and its (−) row (plane 1) iff x = −1, in one phase.
// x = 0 drives neither.

#include "cim/support/check.h"
#include "sim/mapping_scheme.h"

namespace cim::sim {

MappingScheme TwoRowScheme(Mapping m) {
  MappingScheme s;
  s.mapping = m;
  s.planes = 2;
  s.drive[0][0] = InputSet::kPlus;
  s.drive[0][1] = InputSet::kMinus;
  switch (m) {
    case Mapping::kBnnV:
      // XNOR in one column: row(+) LRS iff w = +1, row(−) LRS iff w = −1, so a
      // driven cell is LRS iff x == w. After removing n·HRS the ADC sees dI·c,
      // c = #matches, and W·x = 2c − n.
      s.cols = 1;
      s.lrs[2][0][0] = true;
      s.lrs[0][1][0] = true;
      s.conv[0] = {0, 0, -1, 2.0};
      s.digital = DigitalTerm::kMinusActiveCount;
      break;
    case Mapping::kBnnVI:
    case Mapping::kTnnI:
      // Diagonally mirrored 2x2: column A holds p on row(+) and m on row(−),
      // column B the opposite; I_A − I_B = dI·w·x per input. w = 0 (TNN_I)
      // leaves all four cells HRS.
      s.cols = 2;
      s.lrs[2][0][0] = true;  // A, row(+): p
      s.lrs[0][1][0] = true;  // A, row(−): m
      s.lrs[0][0][1] = true;  // B, row(+): m
      s.lrs[2][1][1] = true;  // B, row(−): p
      s.conv[0] = {0, 0, 1, 1.0};
      break;
    default:
      CIM_CHECK(false);
  }
  return s;
}

}  // namespace cim::sim

// Single-ended columns read in two phases (crossbar-model.md §2): rows with
// x = +1, then rows with x = −1. Each conversion reads one column; the
// periphery removes n·HRS (n = rows driven in that phase) before the unsigned
// ADC, so the ADC sees dI·(LRS cells driven) in the ideal case.
//
// Ours: the offset of each phase is its own n·HRS (the reference tool uses
// vec_sum·HRS in the (+) phase only; both cancel in exact arithmetic, ours
// keeps every ADC input in [0, n·dI] so a POS range never clips it).

#include "cim/support/check.h"
#include "sim/mapping_scheme.h"

namespace cim::sim {
namespace {

constexpr int kLsb = 0, kMsb = 1;

MappingScheme TwoPhases(Mapping m, int cols) {
  MappingScheme s;
  s.mapping = m;
  s.planes = 1;
  s.cols = cols;
  s.phases = 2;
  s.drive[0][0] = InputSet::kPlus;
  s.drive[1][0] = InputSet::kMinus;
  s.phase1_complements_phase0 = true;
  return s;
}

}  // namespace

MappingScheme SingleEndedColumnScheme(Mapping m) {
  MappingScheme s;
  switch (m) {
    case Mapping::kBnnIII:
      // LRS ⇔ w = +1. c± = #(x=±1, w=+1): W·x = 2(c+ − c−) − vec_sum.
      s = TwoPhases(m, 1);
      s.lrs[2][0][0] = true;
      s.num_conversions = 2;
      s.conv[0] = {0, 0, -1, 2.0};
      s.conv[1] = {1, 0, -1, -2.0};
      s.digital = DigitalTerm::kMinusVecSum;
      break;
    case Mapping::kBnnIV:
      // LRS ⇔ w = −1. c± = #(x=±1, w=−1): W·x = 2(c− − c+) + vec_sum.
      s = TwoPhases(m, 1);
      s.lrs[0][0][0] = true;
      s.num_conversions = 2;
      s.conv[0] = {0, 0, -1, -2.0};
      s.conv[1] = {1, 0, -1, 2.0};
      s.digital = DigitalTerm::kPlusVecSum;
      break;
    case Mapping::kTnnIV:
      // w in 2-bit two's complement, w = L − 2H: L = [w≠0], H = [w=−1].
      s = TwoPhases(m, 2);
      s.lrs[2][0][kLsb] = true;
      s.lrs[0][0][kLsb] = true;
      s.lrs[0][0][kMsb] = true;
      s.num_conversions = 4;
      s.conv[0] = {0, kLsb, -1, 1.0};
      s.conv[1] = {1, kLsb, -1, -1.0};
      s.conv[2] = {0, kMsb, -1, -2.0};
      s.conv[3] = {1, kMsb, -1, 2.0};
      break;
    case Mapping::kTnnV:
      // u = w + 1 = L + 2H: L = [w=0], H = [w=+1]. Per phase,
      // Σ_{x=±1} w = L± + 2H± − (rows driven), so y = (L+ − L−) + 2(H+ − H−) − vec_sum.
      s = TwoPhases(m, 2);
      s.lrs[1][0][kLsb] = true;
      s.lrs[2][0][kMsb] = true;
      s.num_conversions = 4;
      s.conv[0] = {0, kLsb, -1, 1.0};
      s.conv[1] = {1, kLsb, -1, -1.0};
      s.conv[2] = {0, kMsb, -1, 2.0};
      s.conv[3] = {1, kMsb, -1, -2.0};
      s.digital = DigitalTerm::kMinusVecSum;
      break;
    default:
      CIM_CHECK(false);
  }
  return s;
}

}  // namespace cim::sim

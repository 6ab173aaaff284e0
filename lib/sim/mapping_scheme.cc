#include "sim/mapping_scheme.h"

#include <array>

#include "cim/support/check.h"

namespace cim::sim {
namespace {

MappingScheme BuildScheme(Mapping m) {
  switch (m) {
    case Mapping::kBnnI:
    case Mapping::kBnnII:
    case Mapping::kTnnII:
    case Mapping::kTnnIII:
      return DifferentialColumnScheme(m);
    case Mapping::kBnnIII:
    case Mapping::kBnnIV:
    case Mapping::kTnnIV:
    case Mapping::kTnnV:
      return SingleEndedColumnScheme(m);
    case Mapping::kBnnV:
    case Mapping::kBnnVI:
    case Mapping::kTnnI:
      return TwoRowScheme(m);
  }
  CIM_CHECK(false);
  return {};
}

std::array<MappingScheme, kNumMappings> BuildAll() {
  std::array<MappingScheme, kNumMappings> all;
  for (const MappingTraits& t : AllMappings()) {
    MappingScheme s = BuildScheme(t.mapping);
    // The scheme must agree with the shared traits the compiler tiles by.
    CIM_CHECK(s.mapping == t.mapping);
    CIM_CHECK(s.planes == t.rows_per_input && s.cols == t.cols_per_output);
    CIM_CHECK(s.num_conversions == t.conversions);
    all[static_cast<size_t>(t.mapping)] = s;
  }
  return all;
}

}  // namespace

const MappingScheme& SchemeFor(Mapping m) {
  static const std::array<MappingScheme, kNumMappings> kAll = BuildAll();
  return kAll[static_cast<size_t>(m)];
}

}  // namespace cim::sim

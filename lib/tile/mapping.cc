#include "cim/tile/mapping.h"

namespace cim {
namespace {

using P = AdcPolarity;

// The one name table (crossbar-model.md §2). Layouts:
//   rows_per_input 2: an input drives a (+) row and a (−) row (BNN_V, BNN_VI, TNN_I).
//   cols_per_output 2: p/m differential pairs or two bit columns.
constexpr std::array<MappingTraits, kNumMappings> kMappings = {{
    {Mapping::kBnnI, "BNN_I", false, 1, 2, 1, P::kSymmetric},
    {Mapping::kBnnII, "BNN_II", false, 1, 2, 1, P::kSymmetric},
    {Mapping::kBnnIII, "BNN_III", false, 1, 1, 2, P::kPositive},
    {Mapping::kBnnIV, "BNN_IV", false, 1, 1, 2, P::kPositive},
    {Mapping::kBnnV, "BNN_V", false, 2, 1, 1, P::kPositive},
    {Mapping::kBnnVI, "BNN_VI", false, 2, 2, 1, P::kSymmetric},
    {Mapping::kTnnI, "TNN_I", true, 2, 2, 1, P::kSymmetric},
    {Mapping::kTnnII, "TNN_II", true, 1, 2, 2, P::kSymmetric},
    {Mapping::kTnnIII, "TNN_III", true, 1, 2, 2, P::kSymmetric},
    {Mapping::kTnnIV, "TNN_IV", true, 1, 2, 4, P::kPositive},
    {Mapping::kTnnV, "TNN_V", true, 1, 2, 4, P::kPositive},
}};

}  // namespace

const std::array<MappingTraits, kNumMappings>& AllMappings() { return kMappings; }

const MappingTraits& Traits(Mapping m) { return kMappings[static_cast<size_t>(m)]; }

const char* MappingName(Mapping m) { return Traits(m).name; }

Result<Mapping> ParseMapping(std::string_view name) {
  std::string valid;
  for (const MappingTraits& t : kMappings) {
    if (name == t.name) return t.mapping;
    valid += valid.empty() ? "" : ", ";
    valid += t.name;
  }
  return InvalidArgument("unknown mapping \"" + std::string(name) + "\" (valid: " + valid + ")");
}

TileCapacity CapacityFor(Mapping m, int64_t rows, int64_t cols) {
  const MappingTraits& t = Traits(m);
  return {rows / t.rows_per_input, cols / t.cols_per_output};
}

}  // namespace cim

#pragma once
// The eleven BNN/TNN crossbar mappings of ../shared/reference/crossbar-model.md
// §2 and the facts about each that the compiler and the simulator share.
// The names (BNN_I ... TNN_V) are the users' vocabulary; keep them in configs,
// program files and reports.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "cim/support/status.h"

namespace cim {

enum class Mapping : uint8_t {
  kBnnI, kBnnII, kBnnIII, kBnnIV, kBnnV, kBnnVI,
  kTnnI, kTnnII, kTnnIII, kTnnIV, kTnnV,
};
inline constexpr int kNumMappings = 11;

/// Signed ADC for differential mappings, unsigned for single-ended ones.
enum class AdcPolarity { kSymmetric, kPositive };

struct MappingTraits {
  Mapping mapping;
  const char* name;        // "BNN_I"
  bool ternary;            // TNN mapping: weights and inputs may be 0
  int rows_per_input;      // 2 for BNN_V, BNN_VI, TNN_I; else 1
  int cols_per_output;     // 2 for differential and 2-column layouts; else 1
  int conversions;         // ADC conversions per output and MVM
  AdcPolarity adc;         // which ADC the mapping needs
};

/// One entry per mapping, indexed by the enum value. The single name table.
const std::array<MappingTraits, kNumMappings>& AllMappings();
const MappingTraits& Traits(Mapping m);
const char* MappingName(Mapping m);
/// Parses "BNN_I" ... "TNN_V"; the error lists the valid names.
Result<Mapping> ParseMapping(std::string_view name);

/// Capacity of one crossbar tile for a mapping: how many logical inputs (K)
/// and outputs (M) fit in `rows` x `cols` physical cells.
struct TileCapacity {
  int64_t inputs;
  int64_t outputs;
};
TileCapacity CapacityFor(Mapping m, int64_t rows, int64_t cols);

}  // namespace cim

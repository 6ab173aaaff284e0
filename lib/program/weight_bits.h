#pragma once
// Bit packing of crossbar weights for the program file: binary weights take 1
// bit each, ternary weights 2 (docs/program-format.md, "Payload").

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cim/support/status.h"

namespace cim {

/// Bit planes of a weight vector; weight i is bit i % 8 of byte i / 8.
struct WeightPlanes {
  std::string positive_bits;  // 1 where w = +1
  std::string nonzero_bits;   // ternary only: 1 where w != 0; empty for binary
};

/// Packs weights in {-1,+1} (binary) or {-1,0,+1} (ternary).
/// Precondition (CIM_CHECK): every weight is in its value set.
WeightPlanes PackWeights(const std::vector<int8_t>& weights, bool ternary);

/// Unpacks `count` weights. Refuses (InvalidArgument, message without the op
/// name) planes of the wrong length and non-canonical planes: padding bits
/// set, a nonzero plane on a binary layer, a positive bit on a zero weight.
/// Precondition: count >= 0 (the caller has already capped it).
Result<std::vector<int8_t>> UnpackWeights(const WeightPlanes& planes, int64_t count, bool ternary);

}  // namespace cim

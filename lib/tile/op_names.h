#pragma once
// Names of tile-IR ops for the printer and for messages.

#include <string>

#include "cim/tile/program.h"

namespace cim {

/// "XbarLinear", "DigitalLinear", "Pointwise", ...
const char* OpKindName(const Op& op);
/// The source node name the op carries.
const std::string& OpName(const Op& op);

}  // namespace cim

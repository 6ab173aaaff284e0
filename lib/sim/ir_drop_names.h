#pragma once
// The JSON names of IrDropModel, indexed by enum value: the one table that
// parsing, the schema's error messages and the writer use.

#include <array>
#include <string_view>

namespace cim {

inline constexpr std::array<std::string_view, 3> kIrDropModelNames = {"none", "column", "full"};

}  // namespace cim

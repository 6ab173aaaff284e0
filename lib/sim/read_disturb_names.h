#pragma once
// The JSON names of the read-disturb enums, indexed by enum value: the one
// table that parsing, the schema's error messages and the writer use.

#include <array>
#include <string_view>

namespace cim {

inline constexpr std::array<std::string_view, 2> kDisturbCountingNames = {"driven_rows",
                                                                          "every_read"};
inline constexpr std::array<std::string_view, 3> kDisturbMitigationNames = {"none", "software",
                                                                            "cell_based"};

}  // namespace cim

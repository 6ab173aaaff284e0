#pragma once
// Pieces of the graph text form (PrintGraph), for messages and other printers.

#include <string>

#include "cim/graph/graph.h"

namespace cim {

/// Shortest decimal text that reads back to the same float32 ("0.1", "-1",
/// "1e-05"), "nan", "inf" or "-inf".
std::string FormatNumber(double v);
/// "%3:float[1,10]", or "%3:const float[2][1,-1]" for a constant (values shown
/// when it has at most 8 elements).
std::string ValueText(const Graph& g, int value_id);
/// One node line as PrintGraph writes it, without the newline.
std::string NodeText(const Graph& g, int node_index);

}  // namespace cim

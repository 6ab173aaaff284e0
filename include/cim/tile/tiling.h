#pragma once
// Splits every crossbar layer of a program into tiles that fit one crossbar.

#include "cim/tile/program.h"

namespace cim {

/// Sets `mapping` and `geometry` on the program and fills the tiles of every
/// XbarLinearOp: for each group, the weight matrix (outputs x PatchSize) is cut
/// into blocks of at most CapacityFor(mapping, rows, cols) inputs x outputs,
/// row tiles first within a column block; each block gets its own crossbar.
/// Errors: a BNN mapping for a layer with ternary weights or inputs; a
/// geometry whose capacity is zero for the mapping.
Status TileProgram(Program& program, Mapping mapping, CrossbarGeometry geometry);

}  // namespace cim

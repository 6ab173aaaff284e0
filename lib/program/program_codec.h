#pragma once
// Conversion between the tile IR (cim::Program) and the payload message
// (cim.pb.Program, lib/program/program.proto).

#include "cim/tile/program.h"
#include "program/program.pb.h"

namespace cim {

/// The payload message of a program. Precondition: VerifyProgram(p) is ok
/// (crossbar weights are in their value sets).
pb::Program EncodeProgram(const Program& p);

/// The program a parsed payload describes. Checks what only the reader
/// knows, before anything is sized from the message: mapping names, enum
/// ranges, op kinds, tensor ids, integer ranges, element counts, weight plane
/// lengths, crossbar count. It does not call VerifyProgram. Errors are
/// InvalidArgument naming the op or field, without the file name.
Result<Program> DecodeProgram(const pb::Program& m);

}  // namespace cim

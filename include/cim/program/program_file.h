#pragma once
// The .cim program file: how cimc hands a compiled Program to cimsim. Format
// (header, checksums, protobuf payload, versioning): docs/program-format.md.

#include <string>
#include <string_view>

#include "cim/support/status.h"
#include "cim/tile/program.h"

namespace cim {

/// The bytes of a program file. Refuses (InvalidArgument, "cannot write
/// program: ...") a program that VerifyProgram rejects or that the reader
/// would refuse (e.g. a crossbar side above 65536). Deterministic: the same
/// program always gives the same bytes.
Result<std::string> SerializeProgram(const Program& program);

/// The program in `bytes`. Every error message starts with
/// `name_for_messages` ("prog.cim: truncated header: 12 of 32 bytes").
/// Errors: Corruption for a damaged, truncated or inconsistent file (bad
/// magic, checksums, lengths, payload, VerifyProgram failure); Unsupported for
/// a newer format version or unknown flags. Never crashes or allocates beyond
/// a small multiple of bytes.size() on hostile input.
Result<Program> ParseProgram(std::string_view bytes, const std::string& name_for_messages);

/// Writes the program to `path` atomically: a temporary file in the same
/// directory, then rename. Errors: InvalidArgument as SerializeProgram,
/// IOError naming the path.
Status WriteProgramFile(const Program& program, const std::string& path);

/// Reads and parses `path`. Errors: NotFound if it does not exist, IOError if
/// it cannot be read, otherwise as ParseProgram with the path as the name.
Result<Program> ReadProgramFile(const std::string& path);

/// 64-bit FNV-1a of a whole program file as 16 lowercase hex digits; names
/// the exact program in run manifests.
std::string ProgramChecksum(const std::string& bytes);

}  // namespace cim

#pragma once
// The constants of the .cim container (docs/program-format.md), shared by the
// writer and the reader so that the two cannot drift apart.

#include <cstddef>
#include <cstdint>

namespace cim::program_format {

/// "CIMPROG\0": identifies the file before anything else is read.
inline constexpr char kMagic[8] = {'C', 'I', 'M', 'P', 'R', 'O', 'G', '\0'};
inline constexpr uint32_t kFormatVersion = 1;
/// No flags are defined in version 1; readers refuse any set bit.
inline constexpr uint32_t kKnownFlags = 0;

// Header field offsets; all fields are little-endian.
inline constexpr size_t kMagicOffset = 0;
inline constexpr size_t kVersionOffset = 8;
inline constexpr size_t kFlagsOffset = 12;
inline constexpr size_t kPayloadLengthOffset = 16;
inline constexpr size_t kPayloadCrcOffset = 24;
inline constexpr size_t kHeaderCrcOffset = 28;
/// The header CRC covers bytes [0, kHeaderCrcOffset).
inline constexpr size_t kHeaderSize = 32;

/// protobuf cannot parse messages of 2 GiB or more.
inline constexpr uint64_t kMaxPayloadBytes = (uint64_t{1} << 31) - 1;

// Limits that keep a hostile file from making a reader allocate absurd memory
// or overflow its arithmetic.
/// Largest number of elements of a tensor or a weight matrix.
inline constexpr int64_t kMaxElements = int64_t{1} << 31;
/// Largest magnitude of an integer shape/geometry field (dims, kernel, pads).
inline constexpr int64_t kMaxDimension = int64_t{1} << 31;
/// Largest number of physical rows or columns of one crossbar.
inline constexpr int64_t kMaxCrossbarSide = 65536;

}  // namespace cim::program_format

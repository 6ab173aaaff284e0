#pragma once
// Big-endian integers in file headers (IDX stores its header this way).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cim {

/// The big-endian uint32 at bytes[offset..offset+4); the caller checks bounds.
inline uint32_t LoadBigEndianU32(const std::vector<uint8_t>& bytes, size_t offset) {
  return (uint32_t{bytes[offset]} << 24) | (uint32_t{bytes[offset + 1]} << 16) |
         (uint32_t{bytes[offset + 2]} << 8) | uint32_t{bytes[offset + 3]};
}

}  // namespace cim

#include "lib/program/container.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "lib/program/program_format.h"

namespace cim {
namespace {

namespace fmt = program_format;

// Explicit little-endian stores and loads: the file's byte order does not
// depend on the host's.
void StoreLe(std::string& out, size_t offset, uint64_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) out[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

uint64_t LoadLe(std::string_view in, size_t offset, size_t bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < bytes; ++i)
    value |= uint64_t{static_cast<unsigned char>(in[offset + i])} << (8 * i);
  return value;
}

std::string Hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

std::string HexBytes(std::string_view bytes) {
  std::string s;
  char buf[4];
  for (char c : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(c));
    s += (s.empty() ? "" : " ") + std::string(buf);
  }
  return s;
}

}  // namespace

uint32_t Crc32(std::string_view bytes) {
  // zlib takes a uInt length; feed it in chunks so any size works.
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  size_t left = bytes.size();
  while (left > 0) {
    const uInt chunk = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
    crc = crc32(crc, data, chunk);
    data += chunk;
    left -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

std::string FramePayload(std::string_view payload) {
  std::string out(fmt::kHeaderSize, '\0');
  std::memcpy(out.data() + fmt::kMagicOffset, fmt::kMagic, sizeof fmt::kMagic);
  StoreLe(out, fmt::kVersionOffset, fmt::kFormatVersion, 4);
  StoreLe(out, fmt::kFlagsOffset, 0, 4);
  StoreLe(out, fmt::kPayloadLengthOffset, payload.size(), 8);
  StoreLe(out, fmt::kPayloadCrcOffset, Crc32(payload), 4);
  StoreLe(out, fmt::kHeaderCrcOffset, Crc32(std::string_view(out).substr(0, fmt::kHeaderCrcOffset)),
          4);
  out.append(payload);
  return out;
}

Result<std::string_view> UnframePayload(std::string_view bytes) {
  if (bytes.size() < fmt::kHeaderSize) {
    return Corruption("truncated header: " + std::to_string(bytes.size()) + " of " +
                      std::to_string(fmt::kHeaderSize) + " bytes");
  }
  const std::string_view magic = bytes.substr(fmt::kMagicOffset, sizeof fmt::kMagic);
  if (magic != std::string_view(fmt::kMagic, sizeof fmt::kMagic))
    return Corruption("bad magic " + HexBytes(magic) + ": not a cim program file");
  // The header CRC comes before the version: a damaged version field is
  // damage, not a newer file.
  const auto stored_header_crc = static_cast<uint32_t>(LoadLe(bytes, fmt::kHeaderCrcOffset, 4));
  const uint32_t header_crc = Crc32(bytes.substr(0, fmt::kHeaderCrcOffset));
  if (stored_header_crc != header_crc) {
    return Corruption("header checksum mismatch: stored " + Hex32(stored_header_crc) +
                      ", computed " + Hex32(header_crc));
  }
  const auto version = static_cast<uint32_t>(LoadLe(bytes, fmt::kVersionOffset, 4));
  if (version == 0) return Corruption("format version 0 is invalid");
  if (version > fmt::kFormatVersion) {
    return Unsupported("format version " + std::to_string(version) +
                       " is newer than this cimsim supports (" +
                       std::to_string(fmt::kFormatVersion) + "); rebuild cimsim");
  }
  const auto flags = static_cast<uint32_t>(LoadLe(bytes, fmt::kFlagsOffset, 4));
  if ((flags & ~fmt::kKnownFlags) != 0) {
    return Unsupported("unknown flags " + Hex32(flags) + " (this cimsim knows " +
                       Hex32(fmt::kKnownFlags) + "); rebuild cimsim");
  }
  const uint64_t length = LoadLe(bytes, fmt::kPayloadLengthOffset, 8);
  const uint64_t available = bytes.size() - fmt::kHeaderSize;
  if (length > available) {
    return Corruption("truncated payload: header says " + std::to_string(length) +
                      " bytes, file has " + std::to_string(available) + " after the header");
  }
  if (length < available) {
    return Corruption("trailing bytes: header says " + std::to_string(length) +
                      " payload bytes, file has " + std::to_string(available) +
                      " after the header");
  }
  if (length > fmt::kMaxPayloadBytes) {
    return Corruption("payload of " + std::to_string(length) + " bytes exceeds the limit of " +
                      std::to_string(fmt::kMaxPayloadBytes));
  }
  const std::string_view payload = bytes.substr(fmt::kHeaderSize);
  const auto stored_payload_crc = static_cast<uint32_t>(LoadLe(bytes, fmt::kPayloadCrcOffset, 4));
  const uint32_t payload_crc = Crc32(payload);
  if (stored_payload_crc != payload_crc) {
    return Corruption("payload checksum mismatch: stored " + Hex32(stored_payload_crc) +
                      ", computed " + Hex32(payload_crc));
  }
  return payload;
}

}  // namespace cim

#include "data/file_bytes.h"

#include <catch2/catch.hpp>

#include "data/dataset_test_files.h"

namespace cim {
namespace {

using testing::Bytes;

Bytes Payload() {
  Bytes bytes;
  for (int i = 0; i < 5000; ++i) bytes.push_back(static_cast<uint8_t>(i * 7 % 251));
  return bytes;
}

TEST_CASE("ReadFileBytes returns a raw file as stored", "[file_bytes]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("plain.bin");
  testing::WriteRaw(path, Payload());
  auto read = ReadFileBytes(path);
  REQUIRE(read.ok());
  CHECK(*read == Payload());
}

TEST_CASE("ReadFileBytes inflates gzip whatever the file name", "[file_bytes]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("named_raw_but_gzip");
  testing::WriteGzip(path, Payload());
  REQUIRE(testing::ReadRaw(path).size() < Payload().size());  // really compressed
  auto read = ReadFileBytes(path);
  REQUIRE(read.ok());
  CHECK(*read == Payload());
}

TEST_CASE("ReadFileBytes joins concatenated gzip members", "[file_bytes]") {
  testing::ScratchDir dir;
  const std::string a = dir.Path("a.gz"), b = dir.Path("b.gz"), joined = dir.Path("ab.gz");
  testing::WriteGzip(a, Bytes{1, 2, 3});
  testing::WriteGzip(b, Bytes{4, 5});
  Bytes both = testing::ReadRaw(a);
  const Bytes second = testing::ReadRaw(b);
  both.insert(both.end(), second.begin(), second.end());
  testing::WriteRaw(joined, both);
  auto read = ReadFileBytes(joined);
  REQUIRE(read.ok());
  CHECK(*read == Bytes{1, 2, 3, 4, 5});
}

TEST_CASE("ReadFileBytes reads an empty file as no bytes", "[file_bytes]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("empty");
  testing::WriteRaw(path, {});
  auto read = ReadFileBytes(path);
  REQUIRE(read.ok());
  CHECK(read->empty());
}

TEST_CASE("ReadFileBytes reports a truncated gzip stream as Corruption", "[file_bytes]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("cut.gz");
  testing::WriteGzip(path, Payload());
  Bytes gz = testing::ReadRaw(path);
  gz.resize(gz.size() / 2);
  testing::WriteRaw(path, gz);
  auto read = ReadFileBytes(path);
  REQUIRE_FALSE(read.ok());
  CHECK(read.status().ToString() == "Corruption: " + path + ": gzip: unexpected end of file");
}

TEST_CASE("ReadFileBytes reports a damaged gzip stream as Corruption", "[file_bytes]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("bad_crc.gz");
  testing::WriteGzip(path, Payload());
  Bytes gz = testing::ReadRaw(path);
  gz[gz.size() - 8] ^= 0xff;  // first byte of the CRC-32 trailer
  testing::WriteRaw(path, gz);
  auto read = ReadFileBytes(path);
  REQUIRE_FALSE(read.ok());
  CHECK(read.status().ToString() == "Corruption: " + path + ": gzip: incorrect data check");
}

TEST_CASE("ReadFileBytes names a missing file and rejects a directory", "[file_bytes]") {
  testing::ScratchDir dir;
  auto missing = ReadFileBytes(dir.str() + "/nope.gz");
  CHECK(missing.status().ToString() == "NotFound: " + dir.str() + "/nope.gz: no such file");
  auto directory = ReadFileBytes(dir.str());
  CHECK(directory.status().ToString() ==
        "InvalidArgument: " + dir.str() + ": is a directory, expected a file");
}

}  // namespace
}  // namespace cim

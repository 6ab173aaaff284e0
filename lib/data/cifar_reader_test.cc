#include <catch2/catch.hpp>

#include "cim/data/dataset.h"
#include "data/dataset_test_files.h"

namespace cim {
namespace {

using testing::Bytes;

TEST_CASE("ReadCifarBinary reads CIFAR-10 batches in order and converts to HWC", "[cifar]") {
  testing::ScratchDir dir;
  const std::string first = dir.Path("data_batch_1.bin"), second = dir.Path("data_batch_2.bin");
  testing::WriteRaw(first, testing::CifarRecords({{3}, {9}}));
  testing::WriteRaw(second, testing::CifarRecords({{0}}, 2));
  auto data = ReadCifarBinary({first, second}, 10);
  REQUIRE(data.ok());
  CHECK(data->count == 3);
  CHECK(data->height == 32);
  CHECK(data->width == 32);
  CHECK(data->channels == 3);
  CHECK(data->num_classes == 10);
  CHECK(data->labels == Bytes{3, 9, 0});
  CHECK(data->files == std::vector<std::string>{first, second});
  REQUIRE(data->pixels.size() == 3 * 3072);
  // HWC: (y, x, c) is at (y * 32 + x) * 3 + c.
  for (int r = 0; r < 3; ++r) {
    for (auto [y, x] : {std::pair{0, 0}, std::pair{5, 17}, std::pair{31, 31}}) {
      for (int c = 0; c < 3; ++c) {
        INFO("record " << r << " y " << y << " x " << x << " c " << c);
        CHECK(data->Image(r)[(y * 32 + x) * 3 + c] == testing::CifarTestPixel(r, c, y, x));
      }
    }
  }
}

TEST_CASE("ReadCifarBinary keeps the fine label of CIFAR-100 records", "[cifar]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("test.bin");
  testing::WriteRaw(path, testing::CifarRecords({{19, 99}, {0, 42}}));
  auto data = ReadCifarBinary({path}, 100);
  REQUIRE(data.ok());
  CHECK(data->count == 2);
  CHECK(data->num_classes == 100);
  CHECK(data->labels == Bytes{99, 42});
  CHECK(data->Image(1)[(7 * 32 + 3) * 3 + 2] == testing::CifarTestPixel(1, 2, 7, 3));
}

TEST_CASE("ReadCifarBinary rejects a size that is not a multiple of the record", "[cifar]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("data_batch_1.bin");
  SECTION("CIFAR-10 record cut short") {
    Bytes bytes = testing::CifarRecords({{1}, {2}});
    bytes.pop_back();
    testing::WriteRaw(path, bytes);
    CHECK(ReadCifarBinary({path}, 10).status().ToString() ==
          "Corruption: " + path +
              ": size 6145 bytes: expected a positive multiple of 3073 (CIFAR-10 records)");
  }
  SECTION("CIFAR-10 records read as CIFAR-100") {
    testing::WriteRaw(path, testing::CifarRecords({{1}, {2}}));
    CHECK(ReadCifarBinary({path}, 100).status().ToString() ==
          "Corruption: " + path +
              ": size 6146 bytes: expected a positive multiple of 3074 (CIFAR-100 records)");
  }
  SECTION("empty file") {
    testing::WriteRaw(path, {});
    CHECK(ReadCifarBinary({path}, 10).status().ToString() ==
          "Corruption: " + path +
              ": size 0 bytes: expected a positive multiple of 3073 (CIFAR-10 records)");
  }
}

TEST_CASE("ReadCifarBinary rejects labels out of range", "[cifar]") {
  testing::ScratchDir dir;
  const std::string path = dir.Path("batch.bin");
  SECTION("CIFAR-10") {
    testing::WriteRaw(path, testing::CifarRecords({{9}, {10}}));
    CHECK(ReadCifarBinary({path}, 10).status().ToString() ==
          "Corruption: " + path + ": record 1: label = 10: expected < 10");
  }
  SECTION("CIFAR-100 fine") {
    testing::WriteRaw(path, testing::CifarRecords({{0, 100}}));
    CHECK(ReadCifarBinary({path}, 100).status().ToString() ==
          "Corruption: " + path + ": record 0: fine label = 100: expected < 100");
  }
  SECTION("CIFAR-100 coarse") {
    testing::WriteRaw(path, testing::CifarRecords({{1, 5}, {20, 5}}));
    CHECK(ReadCifarBinary({path}, 100).status().ToString() ==
          "Corruption: " + path + ": record 1: coarse label = 20: expected < 20");
  }
}

TEST_CASE("ReadCifarBinary rejects bad arguments and names a missing batch", "[cifar]") {
  testing::ScratchDir dir;
  const std::string present = dir.Path("data_batch_1.bin"), missing = dir.Path("data_batch_2.bin");
  testing::WriteRaw(present, testing::CifarRecords({{1}}));
  CHECK(ReadCifarBinary({present}, 20).status().ToString() ==
        "InvalidArgument: ReadCifarBinary: num_classes = 20: expected 10 or 100");
  CHECK(ReadCifarBinary({}, 10).status().ToString() ==
        "InvalidArgument: ReadCifarBinary: no batch file given");
  CHECK(ReadCifarBinary({present, missing}, 10).status().ToString() ==
        "NotFound: " + missing + ": no such file");
}

}  // namespace
}  // namespace cim

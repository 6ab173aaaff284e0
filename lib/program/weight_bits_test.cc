#include "lib/program/weight_bits.h"

#include <catch2/catch.hpp>

namespace cim {
namespace {

std::vector<int8_t> Pattern(int64_t count, bool ternary) {
  std::vector<int8_t> w(count);
  for (int64_t i = 0; i < count; ++i)
    w[i] = ternary ? static_cast<int8_t>((i * 5 + i / 3) % 3 - 1) : (i * 3 + i / 4) % 2 ? 1 : -1;
  return w;
}

TEST_CASE("binary weights pack LSB first, 1 = +1") {
  const std::vector<int8_t> w = {1, -1, -1, 1, 1, 1, -1, -1, 1};
  const WeightPlanes planes = PackWeights(w, /*ternary=*/false);
  CHECK(planes.positive_bits == std::string("\x39\x01", 2));
  CHECK(planes.nonzero_bits.empty());
}

TEST_CASE("ternary weights pack a positive and a nonzero plane") {
  const std::vector<int8_t> w = {0, 1, -1, 0, 1};
  const WeightPlanes planes = PackWeights(w, /*ternary=*/true);
  CHECK(planes.positive_bits == std::string("\x12", 1));  // bits 1, 4
  CHECK(planes.nonzero_bits == std::string("\x16", 1));   // bits 1, 2, 4
}

TEST_CASE("bit packing round-trips odd sizes") {
  for (auto [rows, cols, ternary] :
       {std::tuple{3, 7, false}, std::tuple{5, 13, true}, std::tuple{1, 1, false},
        std::tuple{1, 1, true}, std::tuple{8, 8, true}, std::tuple{0, 4, false}}) {
    CAPTURE(rows, cols, ternary);
    const std::vector<int8_t> w = Pattern(int64_t{rows} * cols, ternary);
    const WeightPlanes planes = PackWeights(w, ternary);
    CHECK(planes.positive_bits.size() == (w.size() + 7) / 8);
    Result<std::vector<int8_t>> back = UnpackWeights(planes, rows * cols, ternary);
    REQUIRE(back.ok());
    CHECK(*back == w);
  }
}

TEST_CASE("a 512x512 binary layer takes 32 KiB, ternary 64 KiB") {
  CHECK(PackWeights(Pattern(512 * 512, false), false).positive_bits.size() == 32768);
  const WeightPlanes t = PackWeights(Pattern(512 * 512, true), true);
  CHECK(t.positive_bits.size() + t.nonzero_bits.size() == 65536);
}

TEST_CASE("unpacking refuses a plane of the wrong length") {
  Result<std::vector<int8_t>> r = UnpackWeights({std::string(2, '\0'), ""}, 21, false);
  REQUIRE(!r.ok());
  CHECK(r.status().message() == "positive_bits has 2 bytes, 21 weights need 3");
  r = UnpackWeights({std::string(3, '\0'), std::string(4, '\0')}, 21, true);
  REQUIRE(!r.ok());
  CHECK(r.status().message() == "nonzero_bits has 4 bytes, 21 weights need 3");
}

TEST_CASE("unpacking refuses set padding bits") {
  Result<std::vector<int8_t>> r = UnpackWeights({std::string("\x00\x04", 2), ""}, 10, false);
  REQUIRE(!r.ok());
  CHECK(r.status().message() == "positive_bits has padding bits set after weight 9");
}

TEST_CASE("unpacking refuses a nonzero plane on a binary layer") {
  Result<std::vector<int8_t>> r =
      UnpackWeights({std::string(1, '\0'), std::string(1, '\0')}, 8, false);
  REQUIRE(!r.ok());
  CHECK(r.status().message() == "nonzero_bits has 1 bytes on a binary layer, expected none");
}

TEST_CASE("unpacking refuses a positive bit on a zero weight") {
  Result<std::vector<int8_t>> r =
      UnpackWeights({std::string("\x06", 1), std::string("\x02", 1)}, 8, true);
  REQUIRE(!r.ok());
  CHECK(r.status().message() == "positive bit set on zero weight 2");
}

}  // namespace
}  // namespace cim

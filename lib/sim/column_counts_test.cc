#include "sim/column_counts.h"

#include <catch2/catch.hpp>

#include <bit>
#include <random>
#include <vector>

namespace cim::sim {
namespace {

// The reference: one column at a time, straight from the definition.
std::vector<int32_t> NaiveCounts(const std::vector<uint64_t>& drive,
                                 const std::vector<uint64_t>& lrs, int64_t cols, int words) {
  std::vector<int32_t> cnt(static_cast<size_t>(cols), 0);
  for (int64_t c = 0; c < cols; ++c) {
    for (int w = 0; w < words; ++w) cnt[c] += std::popcount(drive[w] & lrs[w * cols + c]);
  }
  return cnt;
}

TEST_CASE("column counts match the definition for every width and ragged column counts") {
  std::mt19937_64 rng(7);
  for (int words : {1, 2, 3, 4, 5, 9}) {
    for (int64_t cols : {1, 7, 8, 9, 64, 255, 256}) {
      std::vector<uint64_t> drive(words), lrs(static_cast<size_t>(words * cols));
      for (auto& d : drive) d = rng();
      for (auto& m : lrs) m = rng();
      drive[0] = 0;  // a word with no driven row takes the portable shortcut
      const std::vector<int32_t> expected = NaiveCounts(drive, lrs, cols, words);
      std::vector<int32_t> fast(static_cast<size_t>(cols), 3), portable(static_cast<size_t>(cols), 3);
      AddColumnCounts(drive.data(), lrs.data(), cols, words, fast.data());
      AddColumnCountsPortable(drive.data(), lrs.data(), cols, words, portable.data());
      for (int64_t c = 0; c < cols; ++c) {
        INFO("words " << words << " cols " << cols << " col " << c);
        REQUIRE(fast[c] == expected[c] + 3);  // adds to what was there
        REQUIRE(portable[c] == expected[c] + 3);
      }
    }
  }
}

}  // namespace
}  // namespace cim::sim

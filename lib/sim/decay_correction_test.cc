// The read-disturb column sums are bit for bit the documented scalar sums,
// whatever the column count (full 64-column blocks, 16-column blocks, tail).
#include "sim/decay_correction.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

namespace cim::sim {
namespace {

std::vector<float> Uniform(std::mt19937_64& rng, size_t n, float lo, float hi) {
  std::uniform_real_distribution<float> u(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = u(rng);
  return v;
}

TEST_CASE("decay correction sums equal the scalar sums exactly") {
  std::mt19937_64 rng(11);
  for (int64_t cols : {1, 15, 16, 83, 256}) {
    INFO("cols " << cols);
    const int64_t rows = 12;
    const std::vector<float> lrs = Uniform(rng, rows * cols, 20.0f, 40.0f);
    const std::vector<float> ratio = Uniform(rng, rows * cols, 0.7f, 1.0f);
    const std::vector<float> a = Uniform(rng, rows, -0.3f, 0.0f);
    std::vector<const float*> lrs_rows, ratio_rows;
    for (int64_t r = 0; r < rows; ++r) {
      lrs_rows.push_back(lrs.data() + r * cols);
      ratio_rows.push_back(ratio.data() + r * cols);
    }
    std::vector<float> got(cols, -1.0f), want(cols, 0.0f);
    SumRowQuads(lrs_rows.data(), a.data(), rows / 4, cols, got.data());
    for (int64_t col = 0; col < cols; ++col) {
      for (int64_t q = 0; q < rows / 4; ++q) {
        const int64_t r = 4 * q;
        want[col] += (a[r] * lrs[r * cols + col] + a[r + 1] * lrs[(r + 1) * cols + col]) +
                     (a[r + 2] * lrs[(r + 2) * cols + col] + a[r + 3] * lrs[(r + 3) * cols + col]);
      }
    }
    CHECK(got == want);

    std::fill(want.begin(), want.end(), 0.0f);
    SumCellDecay(ratio_rows.data(), lrs_rows.data(), rows, cols, got.data());
    for (int64_t col = 0; col < cols; ++col) {
      for (int64_t r = 0; r < rows; ++r)
        want[col] += (ratio[r * cols + col] - 1.0f) * lrs[r * cols + col];
    }
    CHECK(got == want);

    SumRowQuads(lrs_rows.data(), a.data(), 0, cols, got.data());  // no rows: zeros
    CHECK(got == std::vector<float>(cols, 0.0f));
  }
}

}  // namespace
}  // namespace cim::sim

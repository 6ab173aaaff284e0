#include "sim/counter_rng.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace cim::sim {
namespace {

TEST_CASE("NormalQuantile matches known quantiles") {
  CHECK(NormalQuantile(0.5) == Approx(0.0).margin(1e-12));
  CHECK(NormalQuantile(0.975) == Approx(1.959963984540054).epsilon(1e-8));
  CHECK(NormalQuantile(0.025) == Approx(-1.959963984540054).epsilon(1e-8));
  CHECK(NormalQuantile(0.001) == Approx(-3.090232306167813).epsilon(1e-8));  // lower tail branch
  CHECK(NormalQuantile(0.8413447460685429) == Approx(1.0).epsilon(1e-8));
}

TEST_CASE("normal draws of one stream have mean 0, variance 1 and normal tails") {
  const uint64_t key = TileKey(7, RngStream::kC2c, 3, 11);
  const int n = 400000;
  double sum = 0.0, sum_sq = 0.0;
  int beyond_2 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = NormalDraw(key, static_cast<uint64_t>(i));
    sum += z;
    sum_sq += z * z;
    beyond_2 += std::abs(z) > 2.0;
  }
  CHECK(sum / n == Approx(0.0).margin(0.01));
  CHECK(sum_sq / n == Approx(1.0).margin(0.01));
  CHECK(double(beyond_2) / n == Approx(0.0455).margin(0.002));
}

TEST_CASE("keys separate streams, ops and crossbars") {
  const uint64_t a = TileKey(1, RngStream::kD2d, 0, 0);
  CHECK(a != TileKey(1, RngStream::kC2c, 0, 0));
  CHECK(a != TileKey(1, RngStream::kD2d, 1, 0));
  CHECK(a != TileKey(1, RngStream::kD2d, 0, 1));
  CHECK(a != TileKey(2, RngStream::kD2d, 0, 0));
  CHECK(a == TileKey(1, RngStream::kD2d, 0, 0));
  // Neighbouring keys give unrelated uniform sequences.
  double corr = 0.0;
  for (uint64_t i = 0; i < 10000; ++i)
    corr += (UniformDraw(a, i) - 0.5) * (UniformDraw(a + 1, i) - 0.5);
  CHECK(std::abs(corr / 10000) < 0.005);
}

}  // namespace
}  // namespace cim::sim

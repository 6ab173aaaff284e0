// The memoised decay curve returns exactly what the model gives, and its
// refresh points are the first read counts below each threshold.
#include "sim/decay_curve.h"

#include <catch2/catch.hpp>

namespace cim::sim {
namespace {

// G/G0 straight from the model, as a float like the curve stores it.
float ModelRatio(const ReadDisturbModel& m, double t_read_s, uint64_t cycles, uint64_t reads) {
  return static_cast<float>(m.ConductanceRatio(static_cast<double>(reads) * t_read_s, cycles));
}

TEST_CASE("decay curve values equal the model's") {
  const ReadDisturbModel model(-0.4);
  for (uint64_t cycles : {0, 7}) {
    DecayCurve curve(model, 1e-5, cycles);
    REQUIRE(curve.onset_reads() > 10);
    for (uint64_t n = 0; n < 3000; n += 7) {
      INFO("cycles " << cycles << " reads " << n);
      CHECK(curve.Ratio(n) == ModelRatio(model, 1e-5, cycles, n));
    }
  }
}

TEST_CASE("decay curve refresh points are the first read counts below the threshold") {
  const ReadDisturbModel model(-0.4);
  for (uint64_t cycles : {0, 3, 100}) {
    DecayCurve curve(model, 1e-5, cycles);
    // Asked in a mixed order and twice each: the last answer is cached.
    for (double r : {0.95, 0.99, 0.95, 0.9, 0.999, 0.9, 0.99}) {
      INFO("cycles " << cycles << " threshold " << r);
      const uint64_t n = curve.ReadsBelow(r);
      CHECK(ModelRatio(model, 1e-5, cycles, n) < r);
      CHECK(ModelRatio(model, 1e-5, cycles, n - 1) >= r);
    }
    CHECK(curve.ReadsBelow(1.5) == 0);
    CHECK(curve.ReadsBelow(0.0) == UINT64_MAX);
  }
}

}  // namespace
}  // namespace cim::sim

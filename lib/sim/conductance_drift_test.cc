// The drift law G(t) = G0·(t/t0)^(−ν) (crossbar-model.md §4).
#include "sim/conductance_drift.h"

#include <catch2/catch.hpp>

namespace cim::sim {
namespace {

TEST_CASE("drift factor: the power law per state, 1 when off") {
  const DriftConfig d{1000.0, 1.0, 0.02, 0.1};
  CHECK(DriftFactor(d, true) == Approx(0.5011872336).epsilon(1e-9));   // 1000^-0.1
  CHECK(DriftFactor(d, false) == Approx(0.8709635900).epsilon(1e-9));  // 1000^-0.02
  CHECK(DriftFactor({1e5, 10.0, 0.0, 0.05}, true) == Approx(std::pow(1e4, -0.05)).epsilon(1e-12));
  CHECK(DriftFactor({}, true) == 1.0);                       // t_s = 0: off
  CHECK(DriftFactor({1000.0, 1.0, 0.0, 0.0}, true) == 1.0);  // ν = 0
  CHECK(DriftFactor({1.0, 1.0, 0.3, 0.3}, false) == 1.0);    // t = t0
}

}  // namespace
}  // namespace cim::sim

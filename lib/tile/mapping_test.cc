#include "cim/tile/mapping.h"

#include <catch2/catch.hpp>

namespace cim {
namespace {

TEST_CASE("every mapping has one name that parses back") {
  for (const MappingTraits& t : AllMappings()) {
    auto parsed = ParseMapping(t.name);
    REQUIRE(parsed.ok());
    CHECK(*parsed == t.mapping);
    CHECK(&Traits(t.mapping) == &t);
  }
}

TEST_CASE("an unknown mapping name lists the valid ones") {
  auto r = ParseMapping("BNN_VII");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "unknown mapping \"BNN_VII\" (valid: BNN_I, BNN_II, BNN_III, BNN_IV, BNN_V, BNN_VI, TNN_I, "
        "TNN_II, TNN_III, TNN_IV, TNN_V)");
}

TEST_CASE("tile capacity follows rows per input and columns per output") {
  CHECK(CapacityFor(Mapping::kBnnI, 256, 256).inputs == 256);
  CHECK(CapacityFor(Mapping::kBnnI, 256, 256).outputs == 128);
  CHECK(CapacityFor(Mapping::kBnnIII, 256, 256).outputs == 256);
  CHECK(CapacityFor(Mapping::kBnnV, 256, 256).inputs == 128);
  CHECK(CapacityFor(Mapping::kBnnV, 256, 256).outputs == 256);
  CHECK(CapacityFor(Mapping::kBnnVI, 64, 32).inputs == 32);
  CHECK(CapacityFor(Mapping::kBnnVI, 64, 32).outputs == 16);
  CHECK(CapacityFor(Mapping::kTnnI, 256, 256).inputs == 128);
  CHECK(CapacityFor(Mapping::kTnnIV, 256, 256).outputs == 128);
  CHECK(Traits(Mapping::kTnnIV).conversions == 4);
  CHECK(Traits(Mapping::kBnnIII).adc == AdcPolarity::kPositive);
  CHECK(Traits(Mapping::kTnnII).adc == AdcPolarity::kSymmetric);
}

}  // namespace
}  // namespace cim

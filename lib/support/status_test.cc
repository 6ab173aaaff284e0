#include "cim/support/status.h"

#include <catch2/catch.hpp>

namespace cim {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("x = " + std::to_string(x) + ": must be even");
  return x / 2;
}

Result<int> Quarter(int x) {
  CIM_ASSIGN_OR_RETURN(int h, Half(x));
  CIM_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST_CASE("Result carries a value or the first error") {
  REQUIRE(Quarter(8).ok());
  CHECK(*Quarter(8) == 2);
  Result<int> r = Quarter(6);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK(r.status().message() == "x = 3: must be even");
}

TEST_CASE("Status prefixes and prints") {
  Status s = NotFound("dataset \"cifar\" not found").WithPrefix("cimsim");
  CHECK(s.ToString() == "NotFound: cimsim: dataset \"cifar\" not found");
  CHECK(Status::Ok().WithPrefix("x").ok());
}

}  // namespace
}  // namespace cim

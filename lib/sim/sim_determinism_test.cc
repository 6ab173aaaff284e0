// Same seed, same results for any batch split and thread count
// (crossbar-model.md §4 "Seeds").

#include <catch2/catch.hpp>
#include <thread>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;
using testing::MustCreate;
using testing::RandomValues;

constexpr int64_t kPositions = 4;  // patches per image

// Computes patches [begin, end) of x as one call starting at an image boundary.
void RunRange(XbarWorker& worker, const Program& p, const std::vector<int8_t>& x, int64_t begin,
              int64_t end, std::vector<int32_t>& y) {
  const auto& op = std::get<XbarLinearOp>(p.ops[0]);
  const int64_t k = op.geom.PatchSize(), m = op.geom.out_channels;
  XbarCall call;
  call.op = &op;
  call.op_index = 0;
  call.patches = x.data() + begin * k;
  call.num_patches = end - begin;
  call.first_image = begin / kPositions;
  call.positions_per_image = kPositions;
  call.out = y.data() + begin * m;
  REQUIRE(worker.Compute(call).ok());
}

TEST_CASE("noisy results do not depend on batching or threads") {
  for (Mapping mapping : {Mapping::kTnnII, Mapping::kBnnIII, Mapping::kTnnV}) {
    INFO(MappingName(mapping));
    std::mt19937_64 rng(11);
    const int64_t k = 300, m = 70, n = 600;  // 600 patches: more than one internal batch
    const bool ternary = Traits(mapping).ternary;
    const std::vector<int8_t> w =
        RandomValues(rng, m * k, ternary ? std::vector<int8_t>{-1, 0, 1} : std::vector<int8_t>{-1, 1});
    const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 0, 1});
    const Program p = DenseProgram(w, m, k, mapping, {128, 128});
    XbarConfig c = IdealConfig(p, 5.0, 30.0);
    c.adc.kind = AdcKindFor(mapping);
    c.adc.bits = 6;
    c.adc.range = AdcRangeMode::kMappingMax;
    c.noise.d2d = {0.5, 1.0};
    c.noise.c2c = {0.3, 0.8};
    c.noise.stuck_at_hrs = 0.01;
    c.noise.stuck_at_lrs = 0.01;
    auto engine = MustCreate(p, c);

    std::vector<std::unique_ptr<XbarWorker>> one;
    one.push_back(engine->NewWorker());
    std::vector<int32_t> y_one(n * m);
    RunRange(*one[0], p, x, 0, n, y_one);

    // Two workers on two threads, uneven image-aligned splits.
    std::vector<std::unique_ptr<XbarWorker>> two;
    two.push_back(engine->NewWorker());
    two.push_back(engine->NewWorker());
    std::vector<int32_t> y_two(n * m);
    std::thread t1([&] {
      RunRange(*two[0], p, x, 0, 8, y_two);
      RunRange(*two[0], p, x, 300, n, y_two);
    });
    std::thread t2([&] { RunRange(*two[1], p, x, 8, 300, y_two); });
    t1.join();
    t2.join();
    CHECK(y_two == y_one);

    const LayerStats a = engine->MergeStats(one)[0], b = engine->MergeStats(two)[0];
    CHECK(a.mvms == b.mvms);
    CHECK(a.adc.conversions == b.adc.conversions);
    CHECK(a.adc.clipped_low == b.adc.clipped_low);
    CHECK(a.adc.clipped_high == b.adc.clipped_high);
    CHECK(a.adc.code_histogram == b.adc.code_histogram);
    CHECK(a.adc.input_current.sum == b.adc.input_current.sum);
    CHECK(a.adc.input_current.sum_sq == b.adc.input_current.sum_sq);

    // A different first image draws different read noise.
    std::vector<int32_t> y_shift(n * m);
    auto shifted = engine->NewWorker();
    const auto& op = std::get<XbarLinearOp>(p.ops[0]);
    XbarCall call;
    call.op = &op;
    call.patches = x.data();
    call.num_patches = n;
    call.first_image = 1000;
    call.positions_per_image = kPositions;
    call.out = y_shift.data();
    REQUIRE(shifted->Compute(call).ok());
    CHECK(y_shift != y_one);
  }
}

}  // namespace
}  // namespace cim::sim

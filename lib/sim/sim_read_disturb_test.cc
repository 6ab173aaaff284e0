// Read disturb through the engine: the crossbars age in the global image
// order whatever the threads and batches, and mitigation keeps ideal results.
#include <catch2/catch.hpp>
#include <thread>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;
using testing::MustCreate;
using testing::NaiveProduct;
using testing::RandomValues;

constexpr int64_t kPositions = 3;  // patches per image

struct Layer {
  std::vector<int8_t> w, x;
  int64_t k = 200, m = 40, n = 900;  // 900 patches: several internal batches
  Program p;
  explicit Layer(Mapping mapping) {
    std::mt19937_64 rng(21);
    w = RandomValues(rng, static_cast<size_t>(m * k), {-1, 1});
    x = RandomValues(rng, static_cast<size_t>(n * k), {-1, 1, 1});
    p = DenseProgram(w, m, k, mapping, {128, 128});
  }
};

// Patches [begin, end) as one call starting at an image boundary.
Status RunRange(XbarWorker& worker, const Layer& l, int64_t begin, int64_t end,
                std::vector<int32_t>& y) {
  const auto& op = std::get<XbarLinearOp>(l.p.ops[0]);
  XbarCall call;
  call.op = &op;
  call.op_index = 0;
  call.patches = l.x.data() + begin * l.k;
  call.num_patches = end - begin;
  call.first_image = begin / kPositions;
  call.positions_per_image = kPositions;
  call.out = y.data() + begin * l.m;
  return worker.Compute(call);
}

// t_read making τ(0) = 2.4e-4 s about 24 reads at −0.4 V.
XbarConfig DisturbConfig(const Layer& l, DisturbMitigation mitigation) {
  XbarConfig c = IdealConfig(l.p, 5.0, 30.0);
  c.device.v_read_v = -0.4;
  c.read_disturb.enabled = true;
  c.read_disturb.t_read_s = 1e-5;
  c.read_disturb.mitigation = mitigation;
  c.read_disturb.tolerance = 0.001;  // 128 cells x 0.03 uA stay below dI/2
  return c;
}

void CheckSameStats(const LayerStats& a, const LayerStats& b) {
  CHECK(a.mvms == b.mvms);
  CHECK(a.adc.conversions == b.adc.conversions);
  CHECK(a.adc.input_current.sum == b.adc.input_current.sum);
  CHECK(a.adc.input_current.sum_sq == b.adc.input_current.sum_sq);
  CHECK(a.read_disturb.refreshes == b.read_disturb.refreshes);
  CHECK(a.read_disturb.refreshed_cells == b.read_disturb.refreshed_cells);
  CHECK(a.read_disturb.cycles_sum == b.read_disturb.cycles_sum);
  CHECK(a.read_disturb.ratio_sum == b.read_disturb.ratio_sum);
}

TEST_CASE("read disturb results do not depend on batching or threads") {
  // An update interval of 7 MVMs divides neither the 3 patches per image nor
  // any call: its windows follow the global MVM index.
  for (auto [mit, interval] :
       {std::pair{DisturbMitigation::kNone, 1}, std::pair{DisturbMitigation::kSoftware, 1},
        std::pair{DisturbMitigation::kCellBased, 1}, std::pair{DisturbMitigation::kNone, 7},
        std::pair{DisturbMitigation::kCellBased, 7}}) {
    INFO(DisturbMitigationName(mit) << ", update interval " << interval);
    const Layer l(Mapping::kBnnIII);
    XbarConfig c = DisturbConfig(l, mit);
    c.read_disturb.update_interval_mvms = interval;
    c.adc.kind = AdcKind::kPositive;
    c.adc.bits = 6;
    c.adc.range = AdcRangeMode::kMappingMax;
    c.noise.d2d = {0.5, 1.0};
    c.noise.c2c = {0.3, 0.8};
    c.read_disturb.tolerance = 0.05;
    auto engine = MustCreate(l.p, c);

    std::vector<std::unique_ptr<XbarWorker>> one;
    one.push_back(engine->NewWorker());
    std::vector<int32_t> y_one(l.n * l.m);
    engine->BeginRun(0);
    REQUIRE(RunRange(*one[0], l, 0, l.n, y_one).ok());
    const LayerStats a = engine->MergeStats(one)[0];

    // Two and three threads, uneven image-aligned splits, later ranges
    // started first: each tile's turn makes them wait for the earlier images,
    // and calls overlap on different tiles.
    using Schedule = std::vector<std::vector<std::pair<int64_t, int64_t>>>;  // per thread
    for (const Schedule& schedule :
         {Schedule{{{600, l.n}}, {{0, 9}, {9, 600}}},
          Schedule{{{600, 750}, {750, l.n}}, {{0, 9}, {9, 300}}, {{300, 303}, {303, 600}}}}) {
      INFO(schedule.size() << " threads");
      std::vector<std::unique_ptr<XbarWorker>> workers;
      for (size_t i = 0; i < schedule.size(); ++i) workers.push_back(engine->NewWorker());
      std::vector<int32_t> y(l.n * l.m);
      std::vector<Status> status(schedule.size());
      engine->BeginRun(0);
      std::vector<std::thread> threads;
      for (size_t i = 0; i < schedule.size(); ++i) {
        threads.emplace_back([&, i] {
          for (auto [begin, end] : schedule[i]) {
            if (status[i].ok()) status[i] = RunRange(*workers[i], l, begin, end, y);
          }
        });
      }
      for (std::thread& t : threads) t.join();
      for (const Status& st : status) REQUIRE(st.ok());
      CHECK(y == y_one);
      CheckSameStats(a, engine->MergeStats(workers)[0]);
    }
    CHECK(a.read_disturb.enabled);
  }
}

TEST_CASE("read disturb runs restart from fresh crossbars and refuse images out of order") {
  const Layer l(Mapping::kBnnI);
  auto engine = MustCreate(l.p, DisturbConfig(l, DisturbMitigation::kNone));
  auto worker = engine->NewWorker();
  std::vector<int32_t> y1(l.n * l.m), y2(l.n * l.m);
  engine->BeginRun(0);
  REQUIRE(RunRange(*worker, l, 0, l.n, y1).ok());
  engine->BeginRun(0);
  REQUIRE(RunRange(*worker, l, 0, l.n, y2).ok());
  CHECK(y1 == y2);
  CHECK(RunRange(*worker, l, 0, 3, y2).message() ==
        "crossbar call for layer \"dense\": image 0 comes after image 299 under read disturb "
        "(images must be run in order)");
}

TEST_CASE("read disturb cancel releases calls waiting for their turn") {
  const Layer l(Mapping::kBnnI);
  auto engine = MustCreate(l.p, DisturbConfig(l, DisturbMitigation::kNone));
  auto worker = engine->NewWorker();
  std::vector<int32_t> y(l.n * l.m);
  engine->BeginRun(0);
  Status waiting;
  std::thread t([&] { waiting = RunRange(*worker, l, 300, 600, y); });  // waits for image 0
  engine->CancelRun();
  t.join();
  CHECK(waiting.code() == StatusCode::kInternal);
}

TEST_CASE("read disturb without mitigation changes results and mitigation keeps them exact") {
  for (Mapping mapping : {Mapping::kBnnI, Mapping::kBnnIII, Mapping::kBnnV, Mapping::kBnnVI}) {
    INFO(MappingName(mapping));
    const Layer l(mapping);
    const std::vector<int32_t> exact = NaiveProduct(l.w, l.m, l.k, l.x, l.n);
    for (DisturbMitigation mit :
         {DisturbMitigation::kNone, DisturbMitigation::kSoftware, DisturbMitigation::kCellBased}) {
      INFO(DisturbMitigationName(mit));
      auto engine = MustCreate(l.p, DisturbConfig(l, mit));
      std::vector<std::unique_ptr<XbarWorker>> workers;
      workers.push_back(engine->NewWorker());
      std::vector<int32_t> y(l.n * l.m);
      engine->BeginRun(0);
      REQUIRE(RunRange(*workers[0], l, 0, l.n, y).ok());
      const ReadDisturbStats st = engine->MergeStats(workers)[0].read_disturb;
      if (mit == DisturbMitigation::kNone) {
        CHECK(y != exact);
        CHECK(st.refreshes == 0);
        CHECK(st.MeanRatio() < 0.95);
      } else {
        CHECK(y == exact);
        CHECK(st.refreshes > 0);
        CHECK(st.refreshed_cells > 0);
      }
    }
  }
}

}  // namespace
}  // namespace cim::sim

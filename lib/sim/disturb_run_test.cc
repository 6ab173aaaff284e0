// The read-disturb turns are per tile: a call may run a tile as soon as that
// tile has finished the earlier images, whatever the layer's other tiles do.
#include "sim/disturb_run.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

// One layer of two tiles (both with the cells of one random dense tile).
struct TwoTiles {
  Program program;
  std::vector<ProgrammedLayer> layers;
  XbarConfig config;

  TwoTiles() {
    std::mt19937_64 rng(4);
    program = testing::DenseProgram(testing::RandomValues(rng, 8 * 16, {-1, 1}), 8, 16,
                                    Mapping::kBnnI, {64, 64});
    const auto& op = std::get<XbarLinearOp>(program.ops[0]);
    const MappingScheme& scheme = SchemeFor(Mapping::kBnnI);
    CellStats stats;
    auto cells = ProgramTileCells(op, 0, op.tiles[0], scheme, program.geometry, DeviceConfig{},
                                  NoiseConfig{}, 1, stats);
    REQUIRE(cells.ok());
    ProgrammedLayer layer;
    layer.name = "dense";
    layer.scheme = &scheme;
    for (int i = 0; i < 2; ++i) {
      ProgrammedTile t;
      t.cells = *cells;
      layer.tiles.push_back(std::move(t));
    }
    layers.push_back(std::move(layer));
    config.read_disturb.enabled = true;
  }
};

TEST_CASE("read disturb turns pass tile by tile") {
  TwoTiles t;
  DisturbRun run(t.layers, t.config);
  run.Begin(0);
  REQUIRE(run.AwaitTurn(0, 0, 0).ok());
  run.PassTurn(0, 0, 5);
  // Tile 0 is at image 5 while tile 1 is still at image 0.
  REQUIRE(run.AwaitTurn(0, 0, 5).ok());
  std::atomic<bool> got_tile1{false};
  Status tile1;
  std::thread later([&] {
    tile1 = run.AwaitTurn(0, 1, 5);
    got_tile1 = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(got_tile1.load());  // waits for tile 1 to finish images 0-4
  REQUIRE(run.AwaitTurn(0, 1, 0).ok());
  run.PassTurn(0, 1, 5);
  later.join();
  CHECK(tile1.ok());
  CHECK(run.AwaitTurn(0, 1, 3).message() ==
        "crossbar call for layer \"dense\": image 3 comes after image 4 under read disturb "
        "(images must be run in order)");
}

}  // namespace
}  // namespace cim::sim

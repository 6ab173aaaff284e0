#include "cim/exec/exact_engine.h"

#include <catch2/catch.hpp>
#include <random>

#include "lib/exec/bit_pack.h"
#include "lib/exec/exec_test_util.h"
#include "lib/exec/popcount_kernels.h"

namespace cim {
namespace {

using testing::RandomTernary;

/// y[p][m] = sum_k W[m][k] x[p][k], integer arithmetic, one loop per index.
std::vector<int32_t> NaiveMvm(const std::vector<int8_t>& w, const std::vector<int8_t>& x,
                              int64_t m_size, int64_t k_size, int64_t patches) {
  std::vector<int32_t> y(static_cast<size_t>(patches * m_size));
  for (int64_t p = 0; p < patches; ++p)
    for (int64_t m = 0; m < m_size; ++m) {
      int32_t acc = 0;
      for (int64_t k = 0; k < k_size; ++k) acc += w[m * k_size + k] * x[p * k_size + k];
      y[p * m_size + m] = acc;
    }
  return y;
}

/// One dense crossbar layer K -> M as op 0 of a program.
Program DenseProgram(const std::vector<int8_t>& weights, int64_t k, int64_t m, bool ternary) {
  XbarLinearOp op;
  op.name = "dense";
  op.dense = true;
  op.geom.in_channels = k;
  op.geom.out_channels = m;
  op.ternary_weights = op.ternary_inputs = ternary;
  op.weights = weights;
  Program p;
  p.ops.push_back(op);
  return p;
}

/// Patches with zeros in every other one (padding for binary layers), so that
/// both the fast and the general path run.
std::vector<int8_t> TestPatches(std::mt19937& rng, int64_t patches, int64_t k) {
  std::vector<int8_t> x = RandomTernary(rng, static_cast<size_t>(patches * k), false);
  for (int64_t p = 0; p < patches; p += 2) {
    const std::vector<int8_t> t = RandomTernary(rng, static_cast<size_t>(k), true);
    std::copy(t.begin(), t.end(), x.begin() + p * k);
  }
  return x;
}

TEST_CASE("PackTernary sets sign and nonzero bits and reports zeros", "[exact]") {
  std::vector<int8_t> v(70, 1);
  v[0] = -1;
  v[3] = 0;
  v[17] = -1;
  v[64] = -1;
  v[69] = 0;
  uint64_t sign[2], nonzero[2];
  CHECK(PackTernary(v.data(), 70, sign, nonzero));
  CHECK(sign[0] == ((uint64_t{1} << 0) | (uint64_t{1} << 17)));
  CHECK(sign[1] == 1);
  CHECK(nonzero[0] == ~(uint64_t{1} << 3));
  CHECK(nonzero[1] == 0x1F);  // bits 64..68 set; 69 is zero, past 70 unused
  std::vector<int8_t> ones(70, 1);
  CHECK_FALSE(PackTernary(ones.data(), 70, sign, nonzero));
  CHECK(nonzero[1] == 0x3F);
}

TEST_CASE("Exact engine equals naive W·x for binary and ternary matrices of odd sizes", "[exact]") {
  std::mt19937 rng(7);
  const int64_t patches = 37;
  for (const bool ternary : {false, true}) {
    for (const int64_t k : {1, 63, 64, 65, 300, 784}) {
      for (const int64_t m : {1, 9, 130}) {
        INFO("ternary " << ternary << " K " << k << " M " << m);
        const std::vector<int8_t> w = RandomTernary(rng, static_cast<size_t>(m * k), ternary);
        const std::vector<int8_t> x = TestPatches(rng, patches, k);
        const std::vector<int32_t> want = NaiveMvm(w, x, m, k, patches);

        const Program program = DenseProgram(w, k, m, ternary);
        ExactXbarEngine engine(program);
        auto worker = engine.NewWorker();
        std::vector<int32_t> got(want.size(), -999);
        XbarCall call;
        call.op = &std::get<XbarLinearOp>(program.ops[0]);
        call.op_index = 0;
        call.patches = x.data();
        call.num_patches = patches;
        call.out = got.data();
        REQUIRE(worker->Compute(call).ok());
        CHECK(got == want);

        // The portable kernel too (the engine picks AVX-512 where the CPU has it).
        const PackedWeights packed = PackWeights(w.data(), m, k);
        const int64_t words = WordsFor(k);
        std::vector<uint64_t> xs(static_cast<size_t>(patches * words)), xn(xs.size());
        std::vector<uint8_t> has_zero(static_cast<size_t>(patches));
        for (int64_t p = 0; p < patches; ++p)
          has_zero[p] =
              PackTernary(x.data() + p * k, k, xs.data() + p * words, xn.data() + p * words);
        std::vector<int32_t> scalar(want.size(), -999);
        MvmKernelScalar(packed, {xs.data(), xn.data(), has_zero.data(), patches}, scalar.data(), m);
        CHECK(scalar == want);
      }
    }
  }
}

TEST_CASE("Exact engine computes each group against its own patch slice", "[exact]") {
  std::mt19937 rng(11);
  for (const int64_t groups : {2, 3}) {
    XbarLinearOp op;
    op.name = "grouped";
    op.geom.groups = groups;
    op.geom.in_channels = 5 * groups;  // PatchSize = 5 * 3 * 3 = 45
    op.geom.out_channels = 7 * groups;
    op.geom.kernel_h = op.geom.kernel_w = 3;
    op.geom.in_h = op.geom.in_w = 3;
    op.ternary_weights = op.ternary_inputs = true;
    const int64_t k = op.geom.PatchSize(), mg = op.geom.OutputsPerGroup(),
                  patches = 300;  // > one block
    op.weights = RandomTernary(rng, static_cast<size_t>(op.geom.out_channels * k), true);
    const std::vector<int8_t> x = TestPatches(rng, patches, groups * k);
    std::vector<int32_t> want(static_cast<size_t>(patches * op.geom.out_channels));
    for (int64_t p = 0; p < patches; ++p)
      for (int64_t m = 0; m < op.geom.out_channels; ++m) {
        int32_t acc = 0;
        for (int64_t i = 0; i < k; ++i)
          acc += op.weights[m * k + i] * x[p * groups * k + (m / mg) * k + i];
        want[p * op.geom.out_channels + m] = acc;
      }
    Program program;
    program.ops.push_back(op);
    ExactXbarEngine engine(program);
    auto worker = engine.NewWorker();
    std::vector<int32_t> got(want.size(), -999);
    XbarCall call;
    call.op = &std::get<XbarLinearOp>(program.ops[0]);
    call.patches = x.data();
    call.num_patches = patches;
    call.out = got.data();
    REQUIRE(worker->Compute(call).ok());
    CHECK(got == want);
  }
}

TEST_CASE("Exact engine rejects an op index that is not a crossbar layer", "[exact]") {
  Program program = DenseProgram({1, -1}, 2, 1, false);
  program.ops.push_back(ReshapeOp{"r", 1, 2});
  ExactXbarEngine engine(program);
  CHECK(engine.Layer(0) != nullptr);
  CHECK(engine.Layer(1) == nullptr);
  auto worker = engine.NewWorker();
  const std::vector<int8_t> x = {1, 1};
  int32_t y = 0;
  XbarCall call;
  call.op = &std::get<XbarLinearOp>(program.ops[0]);
  call.op_index = 1;
  call.patches = x.data();
  call.num_patches = 1;
  call.out = &y;
  CHECK(worker->Compute(call).ToString() ==
        "Internal: exact crossbar engine: op 1 is not a crossbar layer of the program the engine "
        "was built from");
  call.op_index = 0;
  REQUIRE(worker->Compute(call).ok());
  CHECK(y == 0);
}

}  // namespace
}  // namespace cim

// A small whole program through the executor against a hand computation, the
// error for a non-ternary value reaching a crossbar layer, and input checks.

#include "cim/exec/executor.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "lib/exec/exec_test_util.h"

namespace cim {
namespace {

using namespace cim::testing;

/// NHWC {6,6,2} in {-1,+1} -> Transpose to {2,6,6} -> crossbar conv 3x3 pad 1
/// (pad +1) to 3 channels -> Threshold -> MaxPool 2x2/2 -> Reshape {27} ->
/// crossbar dense 27 -> 4 -> Softmax.
struct TinyNet {
  std::vector<int8_t> conv_w, dense_w;
  std::vector<int64_t> lower{-2, 0, 1}, upper{-2, 3, 1};
  std::vector<int8_t> low{-1, 1, -1}, mid{-1, 0, -1}, high{1, -1, 1};
  Program program;

  explicit TinyNet(std::mt19937& rng) {
    conv_w = RandomTernary(rng, 3 * 2 * 9, true);
    dense_w = RandomTernary(rng, 4 * 27, false);
    ProgramBuilder b({6, 6, 2}, Layout::kNHWC, 1.0, -1.0);
    TransposeOp tr;
    tr.name = "to_nchw";
    tr.output = b.Tensor({2, 6, 6}, ValueSet::kBinary);
    tr.perm = {2, 0, 1};
    b.Add(tr);
    XbarLinearOp conv;
    conv.name = "conv";
    conv.input = tr.output;
    conv.output = b.Tensor({3, 6, 6}, ValueSet::kInteger);
    conv.geom = {.in_channels = 2,
                 .in_h = 6,
                 .in_w = 6,
                 .out_channels = 3,
                 .out_h = 6,
                 .out_w = 6,
                 .kernel_h = 3,
                 .kernel_w = 3,
                 .pad_top = 1,
                 .pad_left = 1,
                 .pad_bottom = 1,
                 .pad_right = 1,
                 .pad_value = 1.0};
    conv.ternary_weights = true;
    conv.weights = conv_w;
    b.Add(conv);
    ThresholdOp th{"bn_sign", conv.output, b.Tensor({3, 6, 6}, ValueSet::kTernary),
                   0,         lower,       upper,
                   low,       mid,         high};
    b.Add(th);
    PoolOp pool;
    pool.name = "pool";
    pool.input = th.output;
    pool.output = b.Tensor({3, 3, 3}, ValueSet::kTernary);
    pool.kernel_h = pool.kernel_w = pool.stride_h = pool.stride_w = 2;
    b.Add(pool);
    ReshapeOp flat{"flatten", pool.output, b.Tensor({27}, ValueSet::kTernary)};
    b.Add(flat);
    XbarLinearOp dense;
    dense.name = "dense";
    dense.input = flat.output;
    dense.output = b.Tensor({4}, ValueSet::kInteger);
    dense.dense = true;
    dense.geom.in_channels = 27;
    dense.geom.out_channels = 4;
    dense.ternary_inputs = true;
    dense.weights = dense_w;
    b.Add(dense);
    SoftmaxOp sm{"softmax", dense.output, b.Tensor({4})};
    b.Add(sm);
    program = b.Finish(sm.output);
  }

  /// The same network by hand on one image of HWC bytes.
  std::vector<double> ByHand(const uint8_t* raw) const {
    auto in = [&](int64_t c, int64_t y, int64_t x) -> int {
      if (y < 0 || y >= 6 || x < 0 || x >= 6) return 1;  // pad value +1
      return raw[(y * 6 + x) * 2 + c] - 1;
    };
    int act[3][6][6];
    for (int m = 0; m < 3; ++m)
      for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 6; ++x) {
          int acc = 0;
          for (int c = 0; c < 2; ++c)
            for (int ky = 0; ky < 3; ++ky)
              for (int kx = 0; kx < 3; ++kx)
                acc += conv_w[((m * 2 + c) * 3 + ky) * 3 + kx] * in(c, y + ky - 1, x + kx - 1);
          act[m][y][x] = acc < lower[m] ? low[m] : acc < upper[m] ? mid[m] : high[m];
        }
    int flat[27];
    for (int m = 0; m < 3; ++m)
      for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x)
          flat[(m * 3 + y) * 3 + x] =
              std::max(std::max(act[m][2 * y][2 * x], act[m][2 * y][2 * x + 1]),
                       std::max(act[m][2 * y + 1][2 * x], act[m][2 * y + 1][2 * x + 1]));
    double logits[4], max = -1e300, sum = 0;
    for (int o = 0; o < 4; ++o) {
      int acc = 0;
      for (int k = 0; k < 27; ++k) acc += dense_w[o * 27 + k] * flat[k];
      logits[o] = acc;
      max = std::max(max, logits[o]);
    }
    std::vector<double> out(4);
    for (int o = 0; o < 4; ++o) sum += std::exp(logits[o] - max);
    for (int o = 0; o < 4; ++o) out[o] = std::exp(logits[o] - max) / sum;
    return out;
  }
};

TEST_CASE(
    "A small program (transpose, crossbar conv, threshold, pool, reshape, dense, softmax) matches "
    "a hand computation",
    "[exec]") {
  std::mt19937 rng(12);
  const TinyNet net(rng);
  const int64_t n = 9;
  std::vector<uint8_t> raw = RandomBytes(rng, static_cast<size_t>(n * 72), 0, 1);
  for (auto& v : raw) v = static_cast<uint8_t>(2 * v);  // {-1, +1} after the offset
  auto out = RunExact(net.program, raw, n);
  REQUIRE(out.ok());
  REQUIRE(out->size() == static_cast<size_t>(n * 4));
  for (int64_t img = 0; img < n; ++img) {
    const std::vector<double> want = net.ByHand(raw.data() + img * 72);
    CHECK(std::vector<double>(out->begin() + img * 4, out->begin() + img * 4 + 4) == want);
  }
}

TEST_CASE(
    "A value outside {-1,0,+1} reaching a crossbar layer is an Internal error naming op and value",
    "[exec]") {
  ProgramBuilder b({3}, Layout::kNHWC, 0.5, 0.0);
  XbarLinearOp dense;
  dense.name = "dense";
  dense.output = b.Tensor({2}, ValueSet::kInteger);
  dense.dense = true;
  dense.geom.in_channels = 3;
  dense.geom.out_channels = 2;
  dense.weights = {1, 1, 1, -1, -1, -1};
  b.Add(dense);
  const Program p = b.Finish(dense.output);
  auto out = RunExact(p, {0, 2, 2, 2, 1, 0}, 2, 3);  // image 4 holds 0.5 at element 1
  CHECK(out.status().ToString() ==
        "Internal: op 0 (XbarLinear \"dense\"): input tensor 0 holds 0.5 at element 1 of image 4, "
        "expected -1, 0 or +1");
  auto ok = RunExact(p, {0, 2, 2, 2, 0, 2}, 2, 3);
  REQUIRE(ok.ok());
  CHECK(*ok == std::vector<double>{2, -2, 2, -2});
}

TEST_CASE(
    "CheckInputMatches accepts the dataset shape in either layout and names both shapes otherwise",
    "[exec]") {
  CHECK(CheckInputMatches({{28, 28, 1}, Layout::kNHWC}, 28, 28, 1).ok());
  CHECK(CheckInputMatches({{1, 28, 28}, Layout::kNCHW}, 28, 28, 1).ok());
  CHECK(CheckInputMatches({{784}, Layout::kNHWC}, 28, 28, 1).ok());
  CHECK(
      CheckInputMatches({{28, 28, 1}, Layout::kNHWC}, 32, 32, 3).ToString() ==
      "InvalidArgument: model input {28,28,1} (NHWC) does not fit dataset images {32,32,3} (HWC)");
  CHECK(
      CheckInputMatches({{28, 28, 1}, Layout::kNCHW}, 28, 28, 1).ToString() ==
      "InvalidArgument: model input {28,28,1} (NCHW) does not fit dataset images {28,28,1} (HWC)");
  CHECK(CheckInputMatches({{784}, Layout::kNCHW}, 28, 28, 1).ToString() ==
        "InvalidArgument: model input {784} (NCHW) does not fit dataset images {28,28,1} (HWC)");
}

TEST_CASE("The executor can be run again on a different batch size", "[exec]") {
  std::mt19937 rng(13);
  const TinyNet net(rng);
  std::vector<uint8_t> raw = RandomBytes(rng, 5 * 72, 0, 1);
  for (auto& v : raw) v = static_cast<uint8_t>(2 * v);
  ExactXbarEngine engine(net.program);
  auto worker = engine.NewWorker();
  Executor executor(net.program, *worker);
  CHECK(executor.OutputSize() == 4);
  std::vector<double> all, part;
  REQUIRE(executor.Run(raw.data(), 5, 0, &all).ok());
  for (int64_t img = 0; img < 5; ++img) {
    REQUIRE(executor.Run(raw.data() + img * 72, 1, img, &part).ok());
    CHECK(part == std::vector<double>(all.begin() + img * 4, all.begin() + img * 4 + 4));
  }
}

}  // namespace
}  // namespace cim

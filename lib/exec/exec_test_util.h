#pragma once
// Helpers shared by the lib/exec tests: a small program builder, random
// values, and plain (loop-by-loop, ONNX-definition) references.

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "cim/exec/exact_engine.h"
#include "cim/exec/executor.h"
#include "cim/tile/program.h"
#include "cim/tile/tiling.h"

namespace cim::testing {

/// Builds a program tensor by tensor; Finish() tiles and verifies it.
class ProgramBuilder {
 public:
  ProgramBuilder(Dims input_shape, Layout layout, double scale, double offset) {
    p_.model_name = "test";
    p_.input = {input_shape, layout, scale, offset};
    p_.tensors.push_back({"input", input_shape, ValueSet::kReal});
  }
  int Tensor(Dims shape, ValueSet values = ValueSet::kReal) {
    p_.tensors.push_back({"t" + std::to_string(p_.tensors.size()), std::move(shape), values});
    return static_cast<int>(p_.tensors.size()) - 1;
  }
  void Add(Op op) { p_.ops.push_back(std::move(op)); }
  Program Finish(int output) {
    p_.output = output;
    const Status tiled = TileProgram(p_, Mapping::kTnnI, {256, 256});
    REQUIRE(tiled.ToString() == "OK");
    const Status verified = VerifyProgram(p_);
    REQUIRE(verified.ToString() == "OK");
    return p_;
  }

 private:
  Program p_;
};

/// Runs n images of raw bytes through `p` with the exact engine.
inline Result<std::vector<double>> RunExact(const Program& p, const std::vector<uint8_t>& raw,
                                            int64_t n, int64_t first_image = 0) {
  ExactXbarEngine engine(p);
  auto worker = engine.NewWorker();
  Executor executor(p, *worker);
  std::vector<double> out;
  CIM_RETURN_IF_ERROR(executor.Run(raw.data(), n, first_image, &out));
  return out;
}

/// n random bytes in [lo, hi].
inline std::vector<uint8_t> RandomBytes(std::mt19937& rng, size_t n, int lo, int hi) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<uint8_t> v(n);
  for (auto& x : v) x = static_cast<uint8_t>(d(rng));
  return v;
}

/// Image img of HWC bytes as NCHW doubles raw * scale + offset.
inline std::vector<double> HwcToChw(const std::vector<uint8_t>& raw, int64_t img, int64_t h,
                                    int64_t w, int64_t c, double scale, double offset) {
  std::vector<double> x(static_cast<size_t>(c * h * w));
  for (int64_t ch = 0; ch < c; ++ch)
    for (int64_t y = 0; y < h; ++y)
      for (int64_t xx = 0; xx < w; ++xx)
        x[static_cast<size_t>((ch * h + y) * w + xx)] =
            raw[static_cast<size_t>(img * h * w * c + (y * w + xx) * c + ch)] * scale + offset;
  return x;
}

/// n values drawn uniformly from {-1, +1} (binary) or {-1, 0, +1}.
inline std::vector<int8_t> RandomTernary(std::mt19937& rng, size_t n, bool with_zeros) {
  std::uniform_int_distribution<int> d(with_zeros ? -1 : 0, 1);
  std::vector<int8_t> v(n);
  for (auto& x : v) {
    const int r = d(rng);
    x = static_cast<int8_t>(with_zeros ? r : (r == 0 ? -1 : 1));
  }
  return v;
}

inline std::vector<double> RandomReals(std::mt19937& rng, size_t n) {
  std::uniform_real_distribution<double> d(-2.0, 2.0);
  std::vector<double> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

/// Convolution straight from the ONNX definition for one NCHW image: output
/// {out_channels, out_h, out_w}; out-of-image inputs are g.pad_value; sums in
/// (channel, ky, kx) order from 0, then bias.
template <typename W>
std::vector<double> NaiveConv(const ConvGeometry& g, const std::vector<double>& image,
                              const std::vector<W>& weights, const std::vector<double>& bias = {}) {
  std::vector<double> out(static_cast<size_t>(g.out_channels * g.out_h * g.out_w));
  const int64_t cin_g = g.in_channels / g.groups, cout_g = g.out_channels / g.groups;
  for (int64_t m = 0; m < g.out_channels; ++m) {
    const int64_t group = m / cout_g;
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        double acc = 0.0;
        for (int64_t ci = 0; ci < cin_g; ++ci) {
          const int64_t c = group * cin_g + ci;
          for (int64_t ky = 0; ky < g.kernel_h; ++ky) {
            for (int64_t kx = 0; kx < g.kernel_w; ++kx) {
              const int64_t y = oy * g.stride_h - g.pad_top + ky * g.dilation_h;
              const int64_t x = ox * g.stride_w - g.pad_left + kx * g.dilation_w;
              const bool inside = y >= 0 && y < g.in_h && x >= 0 && x < g.in_w;
              const double v =
                  inside ? image[static_cast<size_t>((c * g.in_h + y) * g.in_w + x)] : g.pad_value;
              const double w = weights[static_cast<size_t>(
                  ((m * cin_g + ci) * g.kernel_h + ky) * g.kernel_w + kx)];
              acc += w * v;
            }
          }
        }
        if (!bias.empty()) acc += bias[static_cast<size_t>(m)];
        out[static_cast<size_t>((m * g.out_h + oy) * g.out_w + ox)] = acc;
      }
    }
  }
  return out;
}

/// Output size of a convolution axis (floor mode).
inline int64_t ConvOut(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t pad_a,
                       int64_t pad_b) {
  return (in + pad_a + pad_b - dilation * (k - 1) - 1) / stride + 1;
}

}  // namespace cim::testing

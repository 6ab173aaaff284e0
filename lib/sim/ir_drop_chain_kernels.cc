#include "sim/ir_drop_chain_kernels.h"

#include <algorithm>

#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

// The chain recurrences carry a dependency from node to node; kChunk chains
// side by side, their running values kept in registers, hide its latency.
constexpr int64_t kChunk = 32;

// FactorChains for `width` chains (width ≤ kChunk: a compile-time width
// unrolls the lanes into registers).
template <int64_t kWidth>
[[gnu::always_inline]] inline void FactorLanes(int64_t len, int64_t width, ptrdiff_t step,
                                               const float* g, double g_link, double g_anchor,
                                               double* inv_d) {
  const int64_t w = kWidth > 0 ? kWidth : width;
  double prev[kChunk];
  for (int64_t s = 0; s < len; ++s) {
    const double ends = (s == 0 ? g_anchor : g_link) + (s + 1 < len ? g_link : 0.0);
    const float* gs = g + s * step;
    double* is = inv_d + s * step;
    for (int64_t i = 0; i < w; ++i) {
      // m − g_link²/(previous pivot)
      const double gi = gs[i];
      const double m = s == 0 ? gi + ends : gi + ends - g_link * (g_link * prev[i]);
      prev[i] = 1.0 / m;
      is[i] = prev[i];
    }
  }
}

template <int64_t kWidth>
[[gnu::always_inline]] inline void SolveLanes(int64_t len, int64_t width, ptrdiff_t step,
                                              const double* inv_d, double g_link, const double* in,
                                              double* out) {
  const int64_t w = kWidth > 0 ? kWidth : width;
  double prev[kChunk];
  for (int64_t i = 0; i < w; ++i) prev[i] = out[i] = in[i];
  for (int64_t s = 1; s < len; ++s) {
    const double* xs = in + s * step;
    const double* ip = inv_d + (s - 1) * step;
    double* ys = out + s * step;
    for (int64_t i = 0; i < w; ++i) {
      prev[i] = xs[i] + (g_link * ip[i]) * prev[i];
      ys[i] = prev[i];
    }
  }
  for (int64_t s = len - 1; s >= 0; --s) {
    const double* is = inv_d + s * step;
    double* ys = out + s * step;
    for (int64_t i = 0; i < w; ++i) {
      prev[i] = s + 1 == len ? is[i] * ys[i] : is[i] * ys[i] + (g_link * is[i]) * prev[i];
      ys[i] = prev[i];
    }
  }
}

}  // namespace

CIM_VECTOR_CLONES void FactorChains(int64_t len, int64_t n, ptrdiff_t step, const float* g,
                                    double g_link, double g_anchor, double* inv_d) {
  int64_t i0 = 0;
  for (; i0 + kChunk <= n; i0 += kChunk)
    FactorLanes<kChunk>(len, kChunk, step, g + i0, g_link, g_anchor, inv_d + i0);
  if (i0 < n) FactorLanes<0>(len, n - i0, step, g + i0, g_link, g_anchor, inv_d + i0);
}

CIM_VECTOR_CLONES void SolveChains(int64_t len, int64_t n, ptrdiff_t step, const double* inv_d,
                                   double g_link, const double* in, double* out) {
  int64_t i0 = 0;
  for (; i0 + kChunk <= n; i0 += kChunk)
    SolveLanes<kChunk>(len, kChunk, step, inv_d + i0, g_link, in + i0, out + i0);
  if (i0 < n) SolveLanes<0>(len, n - i0, step, inv_d + i0, g_link, in + i0, out + i0);
}

template <typename T>
[[gnu::always_inline]] inline void SumSteps(int64_t len, int64_t n, ptrdiff_t step, const T* x,
                                            double* out) {
  std::fill(out, out + n, 0.0);
  for (int64_t s = 0; s < len; ++s) {
    const T* xs = x + s * step;
    for (int64_t i = 0; i < n; ++i) out[i] += static_cast<double>(xs[i]);
  }
}

CIM_VECTOR_CLONES void SumChains(int64_t len, int64_t n, ptrdiff_t step, const double* x,
                                 double* out) {
  SumSteps(len, n, step, x, out);
}

CIM_VECTOR_CLONES void SumChains(int64_t len, int64_t n, ptrdiff_t step, const float* x,
                                 double* out) {
  SumSteps(len, n, step, x, out);
}

// kDotLanes independent partial sums hide the adder's latency with AVX-512.
CIM_VECTOR_CLONES void DotLanes(int64_t n, const double* a, const double* b, double* lanes) {
  double acc[kDotLanes];
  std::copy(lanes, lanes + kDotLanes, acc);
  int64_t i = 0;
  for (; i + kDotLanes <= n; i += kDotLanes)
    for (int l = 0; l < kDotLanes; ++l) acc[l] += a[i + l] * b[i + l];
  for (int l = 0; i + l < n; ++l) acc[l] += a[i + l] * b[i + l];
  std::copy(acc, acc + kDotLanes, lanes);
}

double SumLanes(const double* lanes) {
  double acc[kDotLanes];
  std::copy(lanes, lanes + kDotLanes, acc);
  for (int w = kDotLanes / 2; w > 0; w /= 2)
    for (int l = 0; l < w; ++l) acc[l] += acc[l + w];
  return acc[0];
}

double FixedOrderDot(int64_t n, const double* a, const double* b) {
  double lanes[kDotLanes] = {};
  DotLanes(n, a, b, lanes);
  return SumLanes(lanes);
}

CIM_VECTOR_CLONES double StepAndNorm(int64_t n, double alpha, const double* p, const double* s,
                                     double* x, double* r) {
  double acc[kDotLanes] = {};
  int64_t i = 0;
  for (; i + kDotLanes <= n; i += kDotLanes) {
    for (int l = 0; l < kDotLanes; ++l) {
      x[i + l] += alpha * p[i + l];
      r[i + l] -= alpha * s[i + l];
      acc[l] += r[i + l] * r[i + l];
    }
  }
  for (int l = 0; i + l < n; ++l) {
    x[i + l] += alpha * p[i + l];
    r[i + l] -= alpha * s[i + l];
    acc[l] += r[i + l] * r[i + l];
  }
  return SumLanes(acc);
}

}  // namespace cim::sim

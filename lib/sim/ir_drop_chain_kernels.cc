#include "sim/ir_drop_chain_kernels.h"

#include <algorithm>

#include "sim/vector_clones.h"

namespace cim::sim {
namespace {
// Independent partial sums of FixedOrderDot: enough to hide the adder's
// latency with AVX-512, the same order on every ISA.
constexpr int kDotLanes = 32;
// Square blocks of TransposeGrid: 2 x 16 x 16 doubles stay in L1.
constexpr int64_t kTransposeBlock = 16;
}  // namespace

CIM_VECTOR_CLONES void FactorChains(int64_t len, int64_t n, ptrdiff_t step, const double* g,
                                    double g_link, double g_anchor, double* inv_d, double* a) {
  for (int64_t s = 0; s < len; ++s) {
    const double ends = (s == 0 ? g_anchor : g_link) + (s + 1 < len ? g_link : 0.0);
    const ptrdiff_t at = s * step;
    const double* gs = g + at;
    double* is = inv_d + at;
    double* as = a + at;
    if (s == 0) {
      for (int64_t i = 0; i < n; ++i) {
        is[i] = 1.0 / (gs[i] + ends);
        as[i] = g_link * is[i];
      }
      continue;
    }
    const double* a_prev = as - step;
    for (int64_t i = 0; i < n; ++i) {
      is[i] = 1.0 / (gs[i] + ends - g_link * a_prev[i]);  // m − g_link²/previous pivot
      as[i] = g_link * is[i];
    }
  }
}

CIM_VECTOR_CLONES void SolveChains(int64_t len, int64_t n, ptrdiff_t step, const double* inv_d,
                                   const double* a, double* y) {
  for (int64_t s = 1; s < len; ++s) {
    double* ys = y + s * step;
    const double* yp = ys - step;
    const double* ap = a + (s - 1) * step;
    for (int64_t i = 0; i < n; ++i) ys[i] += ap[i] * yp[i];
  }
  {
    double* ys = y + (len - 1) * step;
    const double* is = inv_d + (len - 1) * step;
    for (int64_t i = 0; i < n; ++i) ys[i] *= is[i];
  }
  for (int64_t s = len - 2; s >= 0; --s) {
    double* ys = y + s * step;
    const double* yn = ys + step;
    const double* is = inv_d + s * step;
    const double* as = a + s * step;
    for (int64_t i = 0; i < n; ++i) ys[i] = is[i] * ys[i] + as[i] * yn[i];
  }
}

// One node of ApplyChains; prev/next are null at the chain's ends.
inline void ApplyNode(int64_t n, const double* gs, double g_before, double g_link,
                      const double* xs, const double* prev, const double* next, double* os) {
  if (prev != nullptr && next != nullptr) {
    for (int64_t i = 0; i < n; ++i)
      os[i] = gs[i] * xs[i] + g_before * (xs[i] - prev[i]) + g_link * (xs[i] - next[i]);
  } else if (prev != nullptr) {
    for (int64_t i = 0; i < n; ++i) os[i] = gs[i] * xs[i] + g_before * (xs[i] - prev[i]);
  } else if (next != nullptr) {
    for (int64_t i = 0; i < n; ++i)
      os[i] = gs[i] * xs[i] + g_before * xs[i] + g_link * (xs[i] - next[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) os[i] = gs[i] * xs[i] + g_before * xs[i];
  }
}

CIM_VECTOR_CLONES void ApplyChains(int64_t len, int64_t n, ptrdiff_t step, const double* g,
                                   double g_link, double g_anchor, const double* x, double* out) {
  for (int64_t s = 0; s < len; ++s) {
    const ptrdiff_t at = s * step;
    const double* xs = x + at;
    ApplyNode(n, g + at, s == 0 ? g_anchor : g_link, g_link, xs, s > 0 ? xs - step : nullptr,
              s + 1 < len ? xs + step : nullptr, out + at);
  }
}

CIM_VECTOR_CLONES void SumChains(int64_t len, int64_t n, ptrdiff_t step, const double* x,
                                 double* out) {
  std::fill(out, out + n, 0.0);
  for (int64_t s = 0; s < len; ++s) {
    const double* xs = x + s * step;
    for (int64_t i = 0; i < n; ++i) out[i] += xs[i];
  }
}

void TransposeGrid(int64_t rows, int64_t cols, const double* in, double* out) {
  for (int64_t r0 = 0; r0 < rows; r0 += kTransposeBlock) {
    const int64_t r1 = std::min(rows, r0 + kTransposeBlock);
    for (int64_t c0 = 0; c0 < cols; c0 += kTransposeBlock) {
      const int64_t c1 = std::min(cols, c0 + kTransposeBlock);
      for (int64_t r = r0; r < r1; ++r)
        for (int64_t c = c0; c < c1; ++c) out[c * rows + r] = in[r * cols + c];
    }
  }
}

CIM_VECTOR_CLONES double FixedOrderDot(int64_t n, const double* a, const double* b) {
  double acc[kDotLanes] = {};
  int64_t i = 0;
  for (; i + kDotLanes <= n; i += kDotLanes)
    for (int l = 0; l < kDotLanes; ++l) acc[l] += a[i + l] * b[i + l];
  for (int l = 0; i + l < n; ++l) acc[l] += a[i + l] * b[i + l];
  for (int w = kDotLanes / 2; w > 0; w /= 2)
    for (int l = 0; l < w; ++l) acc[l] += acc[l + w];
  return acc[0];
}

}  // namespace cim::sim

#include "sim/normal_draws.h"

#include <bit>
#include <cstring>

#include "sim/counter_rng.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

// u[e] = the uniform behind draw first + e, z[e] = its quantile by the
// central formula (wrong in the tails, fixed afterwards).
CIM_VECTOR_CLONES void CentralNormals(uint64_t key, uint64_t first, int64_t n, double* u,
                                      double* z) {
  for (int64_t e = 0; e < n; ++e) {
    u[e] = UniformOpen01(StreamBits(key, first + static_cast<uint64_t>(e)));
    z[e] = NormalQuantileCentral(u[e]);
  }
}

CIM_VECTOR_CLONES void TailFlags(int64_t n, const double* u, uint8_t* flags) {
  for (int64_t e = 0; e < n; ++e) {
    flags[e] = (u[e] < kNormalCentralLow) | (u[e] > 1.0 - kNormalCentralLow);
  }
}

}  // namespace

void NormalDraws(uint64_t key, uint64_t first, int64_t n, NormalDrawScratch& sc, double* z) {
  sc.uniform.resize(static_cast<size_t>(n));
  sc.tail_flags.assign(static_cast<size_t>((n + 7) / 8 * 8), 0);
  double* u = sc.uniform.data();
  CentralNormals(key, first, n, u, z);
  // ~5 % of the draws fall in the tails: flag them in a vector loop, then
  // visit the flags eight at a time (one test per word, few mispredictions).
  uint8_t* flags = sc.tail_flags.data();
  TailFlags(n, u, flags);
  for (int64_t e0 = 0; e0 < n; e0 += 8) {
    uint64_t word;
    std::memcpy(&word, flags + e0, sizeof word);
    for (; word != 0; word &= word - 1) {
      const int64_t e = e0 + std::countr_zero(word) / 8;
      z[e] = NormalQuantile(u[e]);
    }
  }
}

}  // namespace cim::sim

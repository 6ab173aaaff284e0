#pragma once
// Counter-based random numbers for the crossbar simulator (crossbar-model.md
// §4 "Seeds"). Every draw is a pure function of (seed, stream, op, crossbar,
// cell or (patch, conversion)), so results do not depend on thread count,
// batch size or the order in which patches are computed.

#include <cmath>
#include <cstdint>

namespace cim::sim {

/// Independent purposes of random draws; part of every key so that, e.g., the
/// stuck-at draw of a cell is unrelated to its D2D draw.
enum class RngStream : uint64_t {
  kStuckAt = 1,
  kD2d = 2,
  kC2c = 3,
};

/// SplitMix64's finaliser (Steele, Lea, Flood, "Fast splittable pseudorandom
/// number generators", OOPSLA 2014): a bijective 64-bit mix with full
/// avalanche, the building block of every key and draw here.
inline uint64_t Mix64(uint64_t z) {
  z ^= z >> 30;
  z *= 0xbf58476d1ce4e5b9ULL;
  z ^= z >> 27;
  z *= 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return z;
}

/// Derives the key of a sub-stream: Mix of the parent key and one counter.
inline uint64_t DeriveKey(uint64_t key, uint64_t counter) {
  return Mix64(key ^ Mix64(counter + 0x9e3779b97f4a7c15ULL));
}

/// Key of one crossbar tile's draws of one stream.
inline uint64_t TileKey(uint64_t seed, RngStream stream, int op_index, int crossbar) {
  uint64_t k = DeriveKey(Mix64(seed), static_cast<uint64_t>(stream));
  k = DeriveKey(k, static_cast<uint64_t>(op_index));
  return DeriveKey(k, static_cast<uint64_t>(crossbar));
}

/// Uniform double in (0, 1) from the top 53 bits of a 64-bit hash.
inline double UniformOpen01(uint64_t h) {
  return (static_cast<double>(h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/// NormalQuantile's central region is [kNormalCentralLow, 1 − kNormalCentralLow].
inline constexpr double kNormalCentralLow = 0.02425;

/// Central part of NormalQuantile, valid in its central region:
/// no branch and no libm call, so a loop over it vectorises.
inline double NormalQuantileCentral(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

/// Standard normal quantile of p in (0, 1): P. J. Acklam's rational
/// approximation (relative error < 1.15e-9), one uniform per normal and no
/// transcendental call in the central 95 % — the C2C hot loop draws one
/// normal per conversion.
inline double NormalQuantile(double p) {
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = kNormalCentralLow;
  if (p < kLow || p > 1.0 - kLow) {
    const double q = std::sqrt(-2.0 * std::log(p < kLow ? p : 1.0 - p));
    const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                     ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    return p < kLow ? x : -x;
  }
  return NormalQuantileCentral(p);
}

/// Draw number `counter` of the stream `key`: SplitMix64's output for state
/// key + (counter + 1)·γ, i.e. a SplitMix64 sequence seeded with the (already
/// mixed) key and indexed directly, one Mix64 per draw.
inline uint64_t StreamBits(uint64_t key, uint64_t counter) {
  return Mix64(key + (counter + 1) * 0x9e3779b97f4a7c15ULL);
}

/// Standard normal draw number `counter` of the stream `key`.
inline double NormalDraw(uint64_t key, uint64_t counter) {
  return NormalQuantile(UniformOpen01(StreamBits(key, counter)));
}

/// Uniform draw in (0, 1) number `counter` of the stream `key`.
inline double UniformDraw(uint64_t key, uint64_t counter) {
  return UniformOpen01(StreamBits(key, counter));
}

}  // namespace cim::sim

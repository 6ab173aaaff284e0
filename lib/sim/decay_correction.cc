#include "sim/decay_correction.h"

#include <cstring>

#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

// 16 floats as one value: one AVX-512 register (four SSE ones in the
// baseline clone).
typedef float Float16 __attribute__((vector_size(64)));

// (By reference: a by-value vector would trip GCC's -Wpsabi note.)
inline void Load(Float16& x, const float* p) { std::memcpy(&x, p, sizeof x); }

// Columns [c0, c0 + 16·kVectors) of SumRowQuads, accumulated in registers.
template <int kVectors>
inline void RowQuadsBlock(const float* const* rows, const float* a, int64_t quads, int64_t c0,
                          float* out) {
  Float16 acc[kVectors] = {};
  for (int64_t q = 0; q < quads; ++q) {
    const float* const* r = rows + 4 * q;
    const float* s = a + 4 * q;
    for (int v = 0; v < kVectors; ++v) {
      const int64_t c = c0 + 16 * v;
      Float16 x0, x1, x2, x3;
      Load(x0, r[0] + c);
      Load(x1, r[1] + c);
      Load(x2, r[2] + c);
      Load(x3, r[3] + c);
      acc[v] += (s[0] * x0 + s[1] * x1) + (s[2] * x2 + s[3] * x3);
    }
  }
  std::memcpy(out + c0, acc, sizeof acc);
}

// Columns [c0, c0 + 16·kVectors) of SumCellDecay.
template <int kVectors>
inline void CellDecayBlock(const float* const* ratio, const float* const* lrs, int64_t rows,
                           int64_t c0, float* out) {
  Float16 acc[kVectors] = {};
  for (int64_t r = 0; r < rows; ++r) {
    for (int v = 0; v < kVectors; ++v) {
      const int64_t c = c0 + 16 * v;
      Float16 g, i;
      Load(g, ratio[r] + c);
      Load(i, lrs[r] + c);
      acc[v] += (g - 1.0f) * i;
    }
  }
  std::memcpy(out + c0, acc, sizeof acc);
}

}  // namespace

CIM_VECTOR_CLONES void SumRowQuads(const float* const* rows, const float* a, int64_t quads,
                                   int64_t cols, float* out) {
  int64_t c0 = 0;
  for (; c0 + 64 <= cols; c0 += 64) RowQuadsBlock<4>(rows, a, quads, c0, out);
  for (; c0 + 16 <= cols; c0 += 16) RowQuadsBlock<1>(rows, a, quads, c0, out);
  for (; c0 < cols; ++c0) {
    float acc = 0.0f;
    for (int64_t q = 0; q < quads; ++q) {
      const float* const* r = rows + 4 * q;
      const float* s = a + 4 * q;
      acc += (s[0] * r[0][c0] + s[1] * r[1][c0]) + (s[2] * r[2][c0] + s[3] * r[3][c0]);
    }
    out[c0] = acc;
  }
}

CIM_VECTOR_CLONES void SumCellDecay(const float* const* ratio, const float* const* lrs,
                                    int64_t rows, int64_t cols, float* out) {
  int64_t c0 = 0;
  for (; c0 + 64 <= cols; c0 += 64) CellDecayBlock<4>(ratio, lrs, rows, c0, out);
  for (; c0 + 16 <= cols; c0 += 16) CellDecayBlock<1>(ratio, lrs, rows, c0, out);
  for (; c0 < cols; ++c0) {
    float acc = 0.0f;
    for (int64_t r = 0; r < rows; ++r) acc += (ratio[r][c0] - 1.0f) * lrs[r][c0];
    out[c0] = acc;
  }
}

}  // namespace cim::sim

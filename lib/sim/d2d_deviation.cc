#include "sim/d2d_deviation.h"

#include <bit>
#include <cstring>
#include <vector>

#include "sim/drive_masks.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

constexpr int kGroupRows = 4;
constexpr int kGroupSubsets = 1 << kGroupRows;

// tables[(g·16 + b)·cols + col] = Σ over the set bits r of b of the deviation
// of row 4g + r (rows past the end count as 0; their bits are never set).
void BuildSubsetTables(const TileCells& c, std::vector<float>& tables) {
  const int64_t rows = c.planes * c.inputs, cols = c.used_cols;
  const int64_t groups = (rows + kGroupRows - 1) / kGroupRows;
  tables.resize(static_cast<size_t>(groups * kGroupSubsets * cols));
  for (int64_t g = 0; g < groups; ++g) {
    float* t = tables.data() + g * kGroupSubsets * cols;
    for (int64_t col = 0; col < cols; ++col) t[col] = 0.0f;
    for (int b = 1; b < kGroupSubsets; ++b) {
      const int low = std::countr_zero(static_cast<unsigned>(b));
      const float* rest = t + (b & (b - 1)) * cols;
      float* out = t + b * cols;
      const int64_t row = g * kGroupRows + low;
      if (row < rows) {
        const float* dev = c.d2d_deviation_ua.row(row).data();
        for (int64_t col = 0; col < cols; ++col) out[col] = rest[col] + dev[col];
      } else {
        for (int64_t col = 0; col < cols; ++col) out[col] = rest[col];
      }
    }
  }
}

// 16 floats as one value: GCC lowers it to whatever vector width the clone
// has (4 SSE or 1 AVX-512 register) and cannot turn the row loop inside out.
typedef float Float16 __attribute__((vector_size(64)));

// out[c0 .. c0 + 16·kVectors) = Σ_r rows[r][...], the block held in
// registers while every row is added.
template <int kVectors>
inline void SumRowsBlock(const float* const* rows, int64_t n, int64_t c0, float* out) {
  Float16 acc[kVectors] = {};
  for (int64_t r = 0; r < n; ++r) {
    const float* row = rows[r] + c0;
    for (int v = 0; v < kVectors; ++v) {
      Float16 x;
      std::memcpy(&x, row + 16 * v, sizeof x);
      acc[v] += x;
    }
  }
  std::memcpy(out + c0, acc, sizeof acc);
}

// out[col] = Σ_r rows[r][col], adding the rows in the given order, so every
// clone and block width gives the same float sums.
CIM_VECTOR_CLONES void SumRows(const float* const* rows, int64_t n, int64_t cols, float* out) {
  int64_t c0 = 0;
  for (; c0 + 64 <= cols; c0 += 64) SumRowsBlock<4>(rows, n, c0, out);
  for (; c0 + 16 <= cols; c0 += 16) SumRowsBlock<1>(rows, n, c0, out);
  for (; c0 < cols; ++c0) {
    float acc = 0.0f;
    for (int64_t r = 0; r < n; ++r) acc += rows[r][c0];
    out[c0] = acc;
  }
}

// deviation[phase] row p = Σ over driven rows of the deviation rows, one
// table row per group of 4 rows. Row plane·k + i is driven iff input i of the
// patch is in the phase's set for that plane.
void SubsetSumPhase(const TileCells& c, const MappingScheme& s, const TileBatch& batch,
                    const uint64_t* masks, int phase, TileScratch& scratch) {
  const int64_t cols = c.used_cols, k = c.inputs;
  const int words = c.words;
  auto& dev = scratch.deviation[phase];
  dev.resize(batch.count, cols);
  std::vector<const float*>& picked = scratch.subset_rows;
  for (int64_t p = 0; p < batch.count; ++p) {
    picked.clear();
    for (int plane = 0; plane < s.planes; ++plane) {
      const InputSet set = s.drive[phase][plane];
      if (set == InputSet::kNone) continue;
      const uint64_t* mask = masks + (p * kNumInputSets + static_cast<int>(set)) * words;
      for (int64_t i0 = 0; i0 < k; i0 += kGroupRows) {
        // Groups never straddle planes only if k % 4 == 0; otherwise index the
        // group of global row plane·k + i0 and shift the pattern into place.
        const int64_t row = plane * k + i0;
        const uint64_t pattern = (mask[i0 >> 6] >> (i0 & 63)) & (kGroupSubsets - 1);
        if (pattern == 0) continue;
        const int64_t g = row / kGroupRows, shift = row % kGroupRows;
        const uint64_t b = pattern << shift;
        // A shifted pattern can spill into the next group (k not a multiple of 4).
        const uint64_t lo = b & (kGroupSubsets - 1), hi = b >> kGroupRows;
        if (lo != 0) picked.push_back(scratch.subset_tables.data() + (g * kGroupSubsets + lo) * cols);
        if (hi != 0) {
          picked.push_back(scratch.subset_tables.data() + ((g + 1) * kGroupSubsets + hi) * cols);
        }
      }
    }
    SumRows(picked.data(), static_cast<int64_t>(picked.size()), cols, dev.row(p).data());
  }
}

// Phase 1 drives the active inputs phase 0 does not: its deviation is the
// active rows' column sum minus phase 0's, and the active rows are all rows
// but the (usually few) zero inputs.
void ComplementPhase(const TileCells& cells, const TileBatch& batch, const uint64_t* masks,
                     TileScratch& scratch) {
  const int words = cells.words;
  scratch.deviation[1].resize(batch.count, cells.used_cols);
  for (int64_t p = 0; p < batch.count; ++p) {
    auto row = scratch.deviation[1].row(p);
    row = cells.d2d_colsum_plane0_ua - scratch.deviation[0].row(p);
    const uint64_t* zero = masks + (p * kNumInputSets + static_cast<int>(InputSet::kZero)) * words;
    for (int w = 0; w < words; ++w) {
      for (uint64_t bits = zero[w]; bits != 0; bits &= bits - 1) {
        const int64_t i = int64_t{w} * 64 + std::countr_zero(bits);
        row -= cells.d2d_deviation_ua.row(i);
      }
    }
  }
}

}  // namespace

void ComputeD2dDeviations(const TileCells& cells, const MappingScheme& scheme,
                          const TileBatch& batch, const uint64_t* masks, TileScratch& scratch) {
  BuildSubsetTables(cells, scratch.subset_tables);
  SubsetSumPhase(cells, scheme, batch, masks, 0, scratch);
  if (scheme.phases < 2) return;
  // The complement costs one row per zero input, a subset sum one table row
  // per 4 inputs. Few zeros (BNN padding): complement.
  int64_t zeros = 0;
  const int words = cells.words;
  for (int64_t p = 0; p < batch.count; ++p) {
    const uint64_t* zero = masks + (p * kNumInputSets + static_cast<int>(InputSet::kZero)) * words;
    for (int w = 0; w < words; ++w) zeros += std::popcount(zero[w]);
  }
  if (scheme.phase1_complements_phase0 && zeros * 8 <= batch.count * cells.inputs) {
    ComplementPhase(cells, batch, masks, scratch);
  } else {
    SubsetSumPhase(cells, scheme, batch, masks, 1, scratch);
  }
}

}  // namespace cim::sim

#include "sim/ir_drop_kernel.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "cim/support/check.h"
#include "sim/counter_rng.h"
#include "sim/normal_draws.h"
#include "sim/tile_disturb_state.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

// Sub-stream of a patch's C2C key for per-cell read noise.
constexpr uint64_t kCellNoiseStream = 1;

// The physical rows phase `ph` drives, ascending: input i owns rows
// i·planes + plane (mapping_scheme.h).
void DrivenRows(const MappingScheme& s, const TileCells& c, const uint64_t* masks, int ph,
                std::vector<int32_t>& rows) {
  rows.clear();
  const uint64_t* plane_set[2] = {nullptr, nullptr};
  for (int plane = 0; plane < s.planes; ++plane) {
    if (s.drive[ph][plane] != InputSet::kNone)
      plane_set[plane] = masks + static_cast<int>(s.drive[ph][plane]) * c.words;
  }
  for (int w = 0; w < c.words; ++w) {
    uint64_t any = 0;
    for (int plane = 0; plane < s.planes; ++plane)
      any |= plane_set[plane] ? plane_set[plane][w] : 0;
    while (any != 0) {
      const int bit = std::countr_zero(any);
      any &= any - 1;
      const int64_t i = int64_t{w} * 64 + bit;
      for (int plane = 0; plane < s.planes; ++plane) {
        if (plane_set[plane] && (plane_set[plane][w] >> bit & 1))
          rows.push_back(static_cast<int32_t>(i * s.planes + plane));
      }
    }
  }
}

CIM_VECTOR_CLONES void AddTransferRow(int64_t n, const float* t, double* current) {
  for (int64_t c = 0; c < n; ++c) current[c] += static_cast<double>(t[c]);
}

CIM_VECTOR_CLONES void AddCellNoise(int64_t n, const float* cell, const uint8_t* lrs, double sigma_hrs,
                                double sigma_lrs, const double* z, float* out) {
  for (int64_t e = 0; e < n; ++e) {
    const double sigma = lrs[e] ? sigma_lrs : sigma_hrs;
    out[e] = static_cast<float>(static_cast<double>(cell[e]) + sigma * z[e]);
  }
}

// Row `row`'s used cells now: as programmed, or as read disturb left them
// (its rows are numbered plane·k + input, the crossbar's input·planes + plane).
const float* RowCells(const TileCells& c, const TileDisturbState* disturb, int64_t row,
                      IrDropScratch& sc) {
  if (disturb == nullptr) return CellCurrentsOfRow(c, row);
  sc.disturbed_row.resize(static_cast<size_t>(c.used_cols));
  const int64_t input = row / c.planes, plane = row % c.planes;
  disturb->RowCurrentsUa(plane * c.inputs + input, sc.disturbed_row.data());
  return sc.disturbed_row.data();
}

// Cells `cells` of row `row` plus one read-noise draw each (additive, unclamped, §4).
const float* NoisyRow(const TileCells& c, const KernelParams& kp, uint64_t key, int ph, int64_t row,
                      const float* cells, IrDropScratch& sc) {
  const int64_t n = c.used_cols;
  sc.normal.resize(static_cast<size_t>(n));
  sc.noisy_row.resize(static_cast<size_t>(n));
  double* z = sc.normal.data();
  NormalDraws(key, static_cast<uint64_t>((ph * c.rows + row) * c.cols), n, sc.draws, z);
  AddCellNoise(n, cells, c.is_lrs.data() + row * c.cols,
               std::sqrt(kp.c2c_var_hrs), std::sqrt(kp.c2c_var_lrs), z, sc.noisy_row.data());
  return sc.noisy_row.data();
}

// current[ph·used_cols + col]: the sums of the transfer rows of the rows
// each phase drives (a linear network with undriven rows at 0 V).
void TransferCurrents(const ProgrammedTile& tile, const MappingScheme& s, const uint64_t* masks,
                      IrDropScratch& sc, double* current) {
  const TileCells& c = tile.cells;
  CIM_CHECK(tile.ir_drop.transfer_ua.rows() == c.inputs * c.planes);
  for (int ph = 0; ph < s.phases; ++ph) {
    DrivenRows(s, c, masks, ph, sc.rows);
    double* cur = current + ph * c.used_cols;
    for (int64_t col = 0; col < c.used_cols; ++col) cur[col] = 0.0;
    for (const int32_t row : sc.rows)
      AddTransferRow(c.used_cols, tile.ir_drop.transfer_ua.row(row).data(), cur);
  }
}

// A noisy conductance below 0 is an open cell: the network stays SPD.
CIM_VECTOR_CLONES void ClampAtZero(int64_t n, const float* in, float* out) {
  for (int64_t e = 0; e < n; ++e) out[e] = in[e] > 0.0f ? in[e] : 0.0f;
}

// Every cell of the crossbar into g (rows x cols), as read disturb holds the
// tile's rows now (the rest as programmed). Returns whether some cell is no
// longer as programmed.
bool LoadCells(const TileCells& c, const TileDisturbState* disturb, IrDropScratch& sc,
               float* g) {
  std::copy(c.current_ua.begin(), c.current_ua.end(), g);
  if (disturb == nullptr) return false;
  bool changed = false;
  for (int64_t row = 0; row < c.inputs * c.planes; ++row) {
    const float* now = RowCells(c, disturb, row, sc);
    const float* programmed = CellCurrentsOfRow(c, row);
    if (std::equal(now, now + c.used_cols, programmed)) continue;
    changed = true;
    std::copy(now, now + c.used_cols, g + row * c.cols);
  }
  return changed;
}

// The full model on this read's own network: the cells as they are now,
// plus each driven cell's read noise.
void SolvedCurrents(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                    const uint64_t* masks, uint64_t cell_key, const TileDisturbState* disturb,
                    IrDropScratch& sc, double* current) {
  const TileCells& c = tile.cells;
  NodalReadSolver& solver = sc.read_solver;
  float* g = solver.cells().data();
  sc.driven.resize(static_cast<size_t>(c.rows));
  for (int ph = 0; ph < s.phases; ++ph) {
    DrivenRows(s, c, masks, ph, sc.rows);
    std::fill(sc.driven.begin(), sc.driven.end(), 0);
    for (const int32_t row : sc.rows) sc.driven[row] = 1;
    if (kp.c2c) {
      for (const int32_t row : sc.rows) {
        const float* noisy = NoisyRow(c, kp, cell_key, ph, row, RowCells(c, disturb, row, sc), sc);
        ClampAtZero(c.used_cols, noisy, g + row * c.cols);
      }
    }
    solver.Solve(sc.driven, c.used_cols, current + ph * c.used_cols);
    if (kp.c2c && ph + 1 < s.phases) {  // the next phase reads other noise
      for (const int32_t row : sc.rows) {
        const float* now = RowCells(c, disturb, row, sc);
        std::copy(now, now + c.used_cols, g + row * c.cols);
      }
    }
  }
}

void FullModelCurrents(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                       const uint64_t* masks, uint64_t cell_key, const TileDisturbState* disturb,
                       IrDropScratch& sc, double* current) {
  const TileCells& c = tile.cells;
  if (!kp.c2c && disturb == nullptr) {
    TransferCurrents(tile, s, masks, sc, current);
    return;
  }
  sc.read_solver.Reset(tile.ir_drop.wires, kp.v_read_v, c.rows, c.cols);
  const bool changed = LoadCells(c, disturb, sc, sc.read_solver.cells().data());
  if (!kp.c2c && !changed) {  // read disturb has not touched the tile (yet)
    TransferCurrents(tile, s, masks, sc, current);
    return;
  }
  SolvedCurrents(tile, s, kp, masks, cell_key, disturb, sc, current);
}

}  // namespace

void IrDropPatchCurrents(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                         const uint64_t* masks, uint64_t noise_key,
                         const TileDisturbState* disturb, IrDropScratch& sc, double* current) {
  const TileCells& c = tile.cells;
  const uint64_t cell_key = kp.c2c ? DeriveKey(noise_key, kCellNoiseStream) : 0;
  if (tile.ir_drop.model == IrDropModel::kFull) {
    FullModelCurrents(tile, s, kp, masks, cell_key, disturb, sc, current);
    return;
  }
  for (int ph = 0; ph < s.phases; ++ph) {
    DrivenRows(s, c, masks, ph, sc.rows);
    sc.ladders.Reset(kp.r_col_ohm, kp.v_read_v, c.rows, c.used_cols);
    for (const int32_t row : sc.rows) {
      const float* cells = RowCells(c, disturb, row, sc);
      if (kp.c2c) cells = NoisyRow(c, kp, cell_key, ph, row, cells, sc);
      sc.ladders.AddRow(row, cells);
    }
    sc.ladders.Finish(current + ph * c.used_cols);
  }
}

}  // namespace cim::sim

#pragma once
// The read-disturb state of one crossbar tile (crossbar-model.md §6), evolved
// MVM by MVM in the global (image, patch) order: reads per row, programming
// cycles, G/G0 of the LRS cells, and the mitigation that refreshes them.
//
// Stress: under driven-row counting a read stresses the cells of the rows it
// drives (one read per phase in which the row is driven); under every-read
// counting (the reference tool) every MVM stresses every cell once. Cells of
// one row therefore share their read count, and without cell-based refresh
// they also share their cycle count, hence one G/G0 per row: the kernel adds
// Σ_{driven rows r with G/G0 < 1} (f_r − 1)·I_rc per column, nothing for the
// other rows. Cell-based refresh re-programs single cells, so it keeps a read
// mark, a cycle count and a G/G0 per cell.
//
// Programming cycles (Jiang et al. count LRS->HRS transitions): the initial
// programming sets fresh HRS cells, so it adds none; a refresh resets and sets
// a cell again, one cycle. Software refresh tests t >= fp·τ(writes +
// refreshes) with writes = 1 (the initial programming), t = the most-read
// row's reads·t_read since the last refresh. A refresh restores the cell's
// programmed current (its D2D deviation is a property of the device).

#include <cstdint>
#include <map>
#include <vector>

#include "cim/sim/xbar_config.h"
#include "cim/sim/xbar_stats.h"
#include "sim/cell_array.h"
#include "sim/decay_curve.h"
#include "sim/mapping_scheme.h"
#include "sim/read_disturb_model.h"

namespace cim::sim {

class TileDisturbState {
 public:
  /// Freshly programmed `cells`. `model` must outlive the state.
  TileDisturbState(const TileCells& cells, const MappingScheme& scheme,
                   const ReadDisturbConfig& config, const ReadDisturbModel& model,
                   double lrs_nominal_ua);

  /// The read current of a cell now: its programmed current times G/G0 (LRS)
  /// or unchanged (HRS). `row` = plane·k + input, `col` < used columns. The
  /// one accessor for per-cell currents under read disturb.
  float CellCurrentUa(int64_t row, int64_t col) const;
  /// CellCurrentUa of every used column of `row`, into out[0, used cols).
  void RowCurrentsUa(int64_t row, float* out) const;
  /// G/G0 of the cell as the kernel sees it (frozen between updates).
  float ConductanceRatio(int64_t row, int64_t col) const;

  /// MVMs of `count` patches in order; patch p has global MVM index
  /// first_mvm + p and packed input sets at masks + p·kNumInputSets·words.
  /// Sets active[p] when some driven cell of patch p is disturbed and then
  /// writes extra[(p·phases + ph)·used_cols + col] = Σ over the rows driven in
  /// phase ph of (CellCurrentUa − programmed current) as seen by patch p
  /// (left untouched when active[p] is 0: all zero); then counts the patch's
  /// reads, and after every update_interval_mvms-th global MVM updates G/G0
  /// and applies the mitigation. With extra = null (IR drop, which reads the
  /// cells themselves) only counts and updates; active is then unused.
  void ReadPatches(const uint64_t* masks, int64_t count, int64_t first_mvm, float* extra,
                   uint8_t* active);

  /// Adds this tile's refreshes, cycles and G/G0 of its LRS cells.
  void AddStats(ReadDisturbStats& stats) const;

  int64_t rows() const { return rows_; }
  int64_t cols() const { return cols_; }
  uint64_t reads_of_row(int64_t row) const { return row_reads_[row]; }

 private:
  bool CellBased() const { return config_.mitigation == DisturbMitigation::kCellBased; }
  DecayCurve& CurveFor(uint64_t cycles);
  bool DrivesDecayed(const uint64_t* masks) const;
  void CorrectPatch(const uint64_t* masks, float* extra);
  void CountReads(const uint64_t* masks);
  void Update();
  void UpdateRowShared();
  void UpdateCellBased();
  void SoftwareRefreshIfDue();
  void ProgramCell(int64_t row, int64_t cell);
  void UpdateCellRow(int64_t row, bool& refreshed);
  void SetDecayed(int64_t row, bool decayed);

  const MappingScheme& scheme_;
  ReadDisturbConfig config_;
  const ReadDisturbModel& model_;
  double lrs_nominal_ua_;
  int64_t inputs_ = 0, rows_ = 0, cols_ = 0;  // rows_ = planes·k, row-major [row][col] below
  int words_ = 0;                             // per plane mask

  std::vector<float> lrs_ua_;  // programmed current of LRS cells, 0 for HRS
  std::vector<float> hrs_ua_;  // programmed current of HRS cells, 0 for LRS
  std::vector<uint8_t> is_lrs_;
  std::vector<int32_t> lrs_in_row_;
  int64_t lrs_cells_ = 0;

  std::vector<uint64_t> row_reads_;  // reads since the last whole-crossbar refresh
  uint64_t max_row_reads_ = 0;
  std::vector<uint64_t> dirty_;    // [plane][word]: reads changed since the last update
  std::vector<uint64_t> decayed_;  // [plane][word]: some LRS cell has G/G0 < 1

  // Row-shared state (mitigation none or software).
  std::vector<float> row_ratio_;
  uint64_t tile_cycles_ = 0;
  // Cell-based state.
  std::vector<uint64_t> cell_mark_;  // row reads when the cell was last programmed
  std::vector<uint32_t> cell_cycles_;
  std::vector<float> cell_ratio_;
  std::vector<uint64_t> cell_refresh_at_;  // row reads at which the cell is re-programmed
  std::vector<uint64_t> cell_onset_at_;    // row reads at which the cell reaches τ
  // Per row, the minimum of the two over its LRS cells: a row below both
  // needs no per-cell work in an update.
  std::vector<uint64_t> row_refresh_at_, row_onset_at_;

  // Cell based: the LRS cells of row r are columns lrs_cols_[e] for e in
  // [lrs_row_begin_[r], lrs_row_begin_[r + 1]).
  std::vector<int32_t> lrs_cols_;
  std::vector<int64_t> lrs_row_begin_;

  std::map<uint64_t, DecayCurve> curves_;     // by cycle count; nodes are stable
  std::vector<DecayCurve*> curve_at_cycles_;  // cell based: curves_ by index
  DecayCurve* tile_curve_ = nullptr;
  std::vector<DecayCurve*> cell_curve_;

  // CorrectPatch scratch, sized once: the programmed-current rows one phase
  // adds up, with their G/G0 rows (cell based) or G/G0 − 1 (row shared).
  std::vector<const float*> pick_lrs_, pick_ratio_;
  std::vector<float> pick_coef_;

  int64_t refreshes_ = 0, refreshed_cells_ = 0;
  bool past_cycle_limit_ = false;
};

}  // namespace cim::sim

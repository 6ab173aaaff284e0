#pragma once
// Statistics a crossbar simulation collects per layer. Every accumulator is an
// integer (currents in fixed point), so merging the workers' statistics in any
// order gives bit-identical reports for any thread count and batch size.

#include <cstdint>
#include <string>
#include <vector>

namespace cim {

/// Sum of values in fixed point (1 unit = 2^-20 µA), exact and order-independent.
struct FixedPointMoments {
  int64_t count = 0;
  __int128 sum = 0;     // Σ round(x·2^20)
  __int128 sum_sq = 0;  // Σ round(x·2^20)^2
  int64_t min_fp = INT64_MAX, max_fp = INT64_MIN;

  void Add(double x_ua);
  void Merge(const FixedPointMoments& o);
  double Mean() const;
  double Sigma() const;  // population σ
  double Min() const;
  double Max() const;
};

struct AdcStats {
  int64_t conversions = 0;
  int64_t clipped_low = 0;
  int64_t clipped_high = 0;
  std::vector<int64_t> code_histogram;  // one bin per code; empty for the INF ADC
  FixedPointMoments input_current;      // ADC input after offset, µA
  void Merge(const AdcStats& o);
};

/// Programmed state of the cells of one layer (or the whole program).
struct CellStats {
  int64_t crossbars = 0;
  int64_t cells_total = 0;  // crossbars x rows x cols
  int64_t cells_used = 0;   // cells that hold part of a weight
  int64_t lrs_cells = 0;
  int64_t hrs_cells = 0;
  int64_t stuck_at_hrs = 0;
  int64_t stuck_at_lrs = 0;
  FixedPointMoments lrs_current;  // realised read current of LRS cells (after D2D), µA
  FixedPointMoments hrs_current;
  void Merge(const CellStats& o);
};

/// Read disturb (crossbar-model.md §6) at the end of a run, over the LRS
/// cells of the used crossbar area (the only cells that age and cycle).
struct ReadDisturbStats {
  bool enabled = false;
  /// Refresh operations: software, whole-crossbar refreshes; cell_based,
  /// update steps of a crossbar that re-programmed at least one cell.
  int64_t refreshes = 0;
  int64_t refreshed_cells = 0;  // cell re-programmings (each one LRS->HRS->LRS cycle)
  int64_t lrs_cells = 0;
  int64_t cycles_sum = 0;  // Σ programming cycles of the LRS cells
  int64_t cycles_max = 0;
  bool past_cycle_limit = false;  // some cell reached k·N^m >= 1 (τ = 0)
  double ratio_sum = 0.0;         // Σ G/G0 of the LRS cells
  double MeanCycles() const;
  double MeanRatio() const;  // 1 when there are no LRS cells
  void Merge(const ReadDisturbStats& o);
};

struct LayerStats {
  std::string name;  // XbarLinearOp::name
  int op_index = 0;
  int64_t mvms = 0;  // tile matrix-vector products (one per tile and patch)
  AdcStats adc;
  CellStats cells;   // filled once at programming time
  ReadDisturbStats read_disturb;  // filled from the crossbars' state after the run
  void Merge(const LayerStats& o);  // adds mvms and adc; cells are equal
};

}  // namespace cim

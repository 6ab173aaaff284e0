#include "sim/tile_disturb_state.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "sim/decay_correction.h"
#include "sim/drive_masks.h"

namespace cim::sim {
namespace {
constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();

// Adds without wrapping: "never" stays never.
uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return b > kNever - a ? kNever : a + b; }

// Calls fn(i) for every set bit i of the `words`-word mask a & b.
template <typename Fn>
void ForEachBit(const uint64_t* a, const uint64_t* b, int words, Fn fn) {
  for (int w = 0; w < words; ++w) {
    for (uint64_t bits = a[w] & b[w]; bits != 0; bits &= bits - 1) {
      fn(int64_t{w} * 64 + std::countr_zero(bits));
    }
  }
}
}  // namespace

TileDisturbState::TileDisturbState(const TileCells& c, const MappingScheme& scheme,
                                   const ReadDisturbConfig& config, const ReadDisturbModel& model,
                                   double lrs_nominal_ua)
    : scheme_(scheme),
      config_(config),
      model_(model),
      lrs_nominal_ua_(lrs_nominal_ua),
      inputs_(c.inputs),
      rows_(c.planes * c.inputs),
      cols_(c.used_cols),
      words_(c.words) {
  const auto n = static_cast<size_t>(rows_ * cols_);
  lrs_ua_.assign(n, 0.0f);
  hrs_ua_.assign(n, 0.0f);
  is_lrs_.assign(n, 0);
  lrs_in_row_.assign(static_cast<size_t>(rows_), 0);
  for (int plane = 0; plane < c.planes; ++plane) {
    for (int64_t i = 0; i < inputs_; ++i) {
      const int64_t row = plane * inputs_ + i;
      for (int64_t col = 0; col < cols_; ++col) {
        const int64_t physical = (i * c.planes + plane) * c.cols + col;
        const int64_t cell = row * cols_ + col;
        is_lrs_[cell] = c.is_lrs[physical];
        (is_lrs_[cell] ? lrs_ua_ : hrs_ua_)[cell] = c.current_ua[physical];
        lrs_in_row_[row] += is_lrs_[cell];
      }
      lrs_cells_ += lrs_in_row_[row];
    }
  }
  // A phase picks at most every row, plus 3 to pad each plane's last quad.
  const auto picks = static_cast<size_t>(rows_ + 3 * c.planes);
  pick_lrs_.resize(picks);
  pick_ratio_.resize(CellBased() ? picks : 0);
  pick_coef_.resize(CellBased() ? 0 : picks);
  row_reads_.assign(static_cast<size_t>(rows_), 0);
  dirty_.assign(static_cast<size_t>(c.planes * words_), 0);
  decayed_.assign(dirty_.size(), 0);
  tile_curve_ = &CurveFor(0);
  if (CellBased()) {
    cell_mark_.assign(n, 0);
    cell_cycles_.assign(n, 0);
    cell_ratio_.assign(n, 1.0f);
    cell_refresh_at_.assign(n, kNever);
    cell_onset_at_.assign(n, kNever);
    cell_curve_.assign(n, tile_curve_);
    row_refresh_at_.assign(static_cast<size_t>(rows_), kNever);
    row_onset_at_.assign(static_cast<size_t>(rows_), kNever);
    lrs_row_begin_.push_back(0);
    for (int64_t row = 0; row < rows_; ++row) {
      for (int64_t col = 0; col < cols_; ++col) {
        const int64_t cell = row * cols_ + col;
        if (!is_lrs_[cell]) continue;
        lrs_cols_.push_back(static_cast<int32_t>(col));
        ProgramCell(row, cell);
        row_refresh_at_[row] = std::min(row_refresh_at_[row], cell_refresh_at_[cell]);
        row_onset_at_[row] = std::min(row_onset_at_[row], cell_onset_at_[cell]);
      }
      lrs_row_begin_.push_back(static_cast<int64_t>(lrs_cols_.size()));
    }
  } else {
    row_ratio_.assign(static_cast<size_t>(rows_), 1.0f);
  }
}

DecayCurve& TileDisturbState::CurveFor(uint64_t cycles) {
  // Cell-based refresh asks for the next cycle count at every re-programming:
  // a direct index before the map (its curves are never erased).
  if (cycles < curve_at_cycles_.size() && curve_at_cycles_[cycles] != nullptr) {
    return *curve_at_cycles_[cycles];
  }
  auto it = curves_.find(cycles);
  if (it == curves_.end()) {
    it = curves_.emplace(cycles, DecayCurve(model_, config_.t_read_s, cycles)).first;
    past_cycle_limit_ = past_cycle_limit_ || it->second.failure().past_cycle_limit;
  }
  if (CellBased()) {
    if (cycles >= curve_at_cycles_.size()) curve_at_cycles_.resize(cycles + 1, nullptr);
    curve_at_cycles_[cycles] = &it->second;
  }
  return it->second;
}

float TileDisturbState::ConductanceRatio(int64_t row, int64_t col) const {
  const int64_t cell = row * cols_ + col;
  if (!is_lrs_[cell]) return 1.0f;
  return CellBased() ? cell_ratio_[cell] : row_ratio_[row];
}

float TileDisturbState::CellCurrentUa(int64_t row, int64_t col) const {
  const int64_t cell = row * cols_ + col;
  return is_lrs_[cell] ? lrs_ua_[cell] * ConductanceRatio(row, col) : hrs_ua_[cell];
}

void TileDisturbState::RowCurrentsUa(int64_t row, float* out) const {
  const int64_t first = row * cols_;
  for (int64_t col = 0; col < cols_; ++col) {
    const int64_t cell = first + col;
    out[col] = is_lrs_[cell] ? lrs_ua_[cell] * (CellBased() ? cell_ratio_[cell] : row_ratio_[row])
                             : hrs_ua_[cell];
  }
}

void TileDisturbState::ReadPatches(const uint64_t* masks, int64_t count, int64_t first_mvm,
                                   float* extra, uint8_t* active) {
  const int64_t set_words = int64_t{kNumInputSets} * words_;
  const auto interval = config_.update_interval_mvms;
  for (int64_t p = 0; p < count; ++p) {
    const uint64_t* m = masks + p * set_words;
    if (extra != nullptr) {
      active[p] = DrivesDecayed(m);
      if (active[p]) CorrectPatch(m, extra + p * scheme_.phases * cols_);
    }
    CountReads(m);
    if ((first_mvm + p + 1) % interval == 0) Update();
  }
}

// Only rows with a decayed LRS cell contribute to a correction, so a fresh
// crossbar costs one AND per word.
bool TileDisturbState::DrivesDecayed(const uint64_t* masks) const {
  for (int ph = 0; ph < scheme_.phases; ++ph) {
    for (int plane = 0; plane < scheme_.planes; ++plane) {
      const InputSet set = scheme_.drive[ph][plane];
      if (set == InputSet::kNone) continue;
      const uint64_t* drive = masks + static_cast<int>(set) * words_;
      const uint64_t* decayed = decayed_.data() + plane * words_;
      for (int w = 0; w < words_; ++w) {
        if ((drive[w] & decayed[w]) != 0) return true;
      }
    }
  }
  return false;
}

// Σ over driven, decayed rows of (disturbed − programmed) current.
void TileDisturbState::CorrectPatch(const uint64_t* masks, float* extra) {
  const bool cell_based = CellBased();
  const float** rows = pick_lrs_.data();
  const float** ratio_rows = pick_ratio_.data();
  float* coef = pick_coef_.data();
  for (int ph = 0; ph < scheme_.phases; ++ph) {
    int64_t n = 0;
    for (int plane = 0; plane < scheme_.planes; ++plane) {
      const InputSet set = scheme_.drive[ph][plane];
      if (set == InputSet::kNone) continue;
      const uint64_t* drive = masks + static_cast<int>(set) * words_;
      ForEachBit(drive, decayed_.data() + plane * words_, words_, [&](int64_t i) {
        const int64_t row = plane * inputs_ + i;
        rows[n] = lrs_ua_.data() + row * cols_;
        if (cell_based) {
          ratio_rows[n] = cell_ratio_.data() + row * cols_;
        } else {
          coef[n] = row_ratio_[row] - 1.0f;
        }
        ++n;
      });
      // Row-shared rows go four at a time, a plane's last quad padded with 0.
      for (; !cell_based && n % 4 != 0; ++n) {
        rows[n] = rows[n - 1];
        coef[n] = 0.0f;
      }
    }
    float* ex = extra + ph * cols_;
    if (cell_based) {
      SumCellDecay(ratio_rows, rows, n, cols_, ex);
    } else {
      SumRowQuads(rows, coef, n / 4, cols_, ex);
    }
  }
}

void TileDisturbState::CountReads(const uint64_t* masks) {
  const int planes = scheme_.planes;
  if (config_.counting == DisturbCounting::kEveryRead) {
    // The reference tool: one read of every cell per MVM, driven or not.
    for (uint64_t& r : row_reads_) max_row_reads_ = std::max(max_row_reads_, ++r);
    for (int plane = 0; plane < planes; ++plane) {
      for (int w = 0; w < words_; ++w) {
        const int64_t valid = std::min<int64_t>(64, inputs_ - int64_t{w} * 64);
        dirty_[plane * words_ + w] = valid == 64 ? ~uint64_t{0} : (uint64_t{1} << valid) - 1;
      }
    }
    return;
  }
  // Locals, not members, in the loop: the compiler must assume that a store
  // to a read count (uint64_t) may change any uint64_t member.
  uint64_t most = max_row_reads_;
  for (int ph = 0; ph < scheme_.phases; ++ph) {
    for (int plane = 0; plane < planes; ++plane) {
      const InputSet set = scheme_.drive[ph][plane];
      if (set == InputSet::kNone) continue;
      const uint64_t* drive = masks + static_cast<int>(set) * words_;
      uint64_t* dirty = dirty_.data() + plane * words_;
      uint64_t* reads = row_reads_.data() + plane * inputs_;
      for (int w = 0; w < words_; ++w) {
        const uint64_t driven = drive[w];
        dirty[w] |= driven;
        for (uint64_t bits = driven; bits != 0; bits &= bits - 1) {
          most = std::max(most, ++reads[int64_t{w} * 64 + std::countr_zero(bits)]);
        }
      }
    }
  }
  max_row_reads_ = most;
}

void TileDisturbState::Update() {
  if (CellBased()) {
    UpdateCellBased();
  } else {
    UpdateRowShared();
    if (config_.mitigation == DisturbMitigation::kSoftware) SoftwareRefreshIfDue();
  }
  std::fill(dirty_.begin(), dirty_.end(), 0);
}

void TileDisturbState::SetDecayed(int64_t row, bool decayed) {
  const int plane = static_cast<int>(row / inputs_);
  const int64_t i = row % inputs_;
  uint64_t& word = decayed_[plane * words_ + i / 64];
  const uint64_t bit = uint64_t{1} << (i % 64);
  word = decayed ? (word | bit) : (word & ~bit);
}

void TileDisturbState::UpdateRowShared() {
  // No row has reached τ yet: every G/G0 is still 1 (the common case at low
  // |v_read|), nothing to recompute.
  if (max_row_reads_ < tile_curve_->onset_reads()) return;
  DecayCurve& curve = *tile_curve_;
  for (int plane = 0; plane < scheme_.planes; ++plane) {
    const uint64_t* reads = row_reads_.data() + plane * inputs_;
    const int32_t* lrs_in_row = lrs_in_row_.data() + plane * inputs_;
    float* ratio = row_ratio_.data() + plane * inputs_;
    for (int w = 0; w < words_; ++w) {
      const uint64_t dirty = dirty_[plane * words_ + w];
      if (dirty == 0) continue;
      // Build the word's new decayed bits here rather than per row.
      uint64_t decayed = 0;
      for (uint64_t bits = dirty; bits != 0; bits &= bits - 1) {
        const int b = std::countr_zero(bits);
        const int64_t i = int64_t{w} * 64 + b;
        const float r = curve.Ratio(reads[i]);
        ratio[i] = r;
        if (r < 1.0f && lrs_in_row[i] > 0) decayed |= uint64_t{1} << b;
      }
      uint64_t& word = decayed_[plane * words_ + w];
      word = (word & ~dirty) | decayed;
    }
  }
}

// Software refresh (§6): the controller knows how often it has read, not the
// cells' state; it re-programs the whole crossbar at t >= fp·τ(writes + refreshes).
void TileDisturbState::SoftwareRefreshIfDue() {
  if (max_row_reads_ == 0) return;
  const FailureTime f = model_.Failure(1 + tile_cycles_);
  const double t = static_cast<double>(max_row_reads_) * config_.t_read_s;
  if (t < config_.fp * f.tau_s) return;
  ++refreshes_;
  refreshed_cells_ += lrs_cells_;
  curves_.erase(tile_cycles_);  // no cell is on the old curve any more
  ++tile_cycles_;
  tile_curve_ = &CurveFor(tile_cycles_);
  std::fill(row_reads_.begin(), row_reads_.end(), 0);
  max_row_reads_ = 0;
  std::fill(row_ratio_.begin(), row_ratio_.end(), 1.0f);
  std::fill(decayed_.begin(), decayed_.end(), 0);
}

void TileDisturbState::UpdateCellBased() {
  bool refreshed = false;
  for (int plane = 0; plane < scheme_.planes; ++plane) {
    const uint64_t* dirty = dirty_.data() + plane * words_;
    ForEachBit(dirty, dirty, words_,
               [&](int64_t i) { UpdateCellRow(plane * inputs_ + i, refreshed); });
  }
  if (refreshed) ++refreshes_;
}

void TileDisturbState::UpdateCellRow(int64_t row, bool& refreshed) {
  const uint64_t reads = row_reads_[row];
  // No cell of the row has reached τ or its refresh point: all G/G0 are 1.
  if (reads < row_refresh_at_[row] && reads < row_onset_at_[row]) return;
  bool decayed = false;
  uint64_t refresh_at = kNever, onset_at = kNever;
  const int64_t first = row * cols_;
  for (int64_t e = lrs_row_begin_[row]; e < lrs_row_begin_[row + 1]; ++e) {
    const int64_t cell = first + lrs_cols_[e];
    if (reads >= cell_refresh_at_[cell]) {
      ++cell_cycles_[cell];
      ProgramCell(row, cell);
      ++refreshed_cells_;
      refreshed = true;
    } else if (reads >= cell_onset_at_[cell]) {
      const float r = cell_curve_[cell]->Ratio(reads - cell_mark_[cell]);
      cell_ratio_[cell] = r;
      decayed = decayed || r < 1.0f;
    }
    refresh_at = std::min(refresh_at, cell_refresh_at_[cell]);
    onset_at = std::min(onset_at, cell_onset_at_[cell]);
  }
  row_refresh_at_[row] = refresh_at;
  row_onset_at_[row] = onset_at;
  SetDecayed(row, decayed);
}

// (Re-)programs LRS cell `cell` of `row` to its programmed current: no reads
// yet, G/G0 = 1, and the read count at which its drift I·(1 − G/G0) will
// exceed tol·LRS.
void TileDisturbState::ProgramCell(int64_t row, int64_t cell) {
  const uint64_t mark = row_reads_[row];
  cell_mark_[cell] = mark;
  cell_ratio_[cell] = 1.0f;
  DecayCurve& curve = CurveFor(cell_cycles_[cell]);
  cell_curve_[cell] = &curve;
  const double programmed = lrs_ua_[cell];
  const uint64_t limit =
      programmed > 0.0 ? curve.ReadsBelow(1.0 - config_.tolerance * lrs_nominal_ua_ / programmed)
                       : kNever;
  cell_refresh_at_[cell] = SaturatingAdd(mark, limit);
  cell_onset_at_[cell] = SaturatingAdd(mark, curve.onset_reads());
}

void TileDisturbState::AddStats(ReadDisturbStats& stats) const {
  stats.enabled = true;
  stats.refreshes += refreshes_;
  stats.refreshed_cells += refreshed_cells_;
  stats.lrs_cells += lrs_cells_;
  stats.past_cycle_limit = stats.past_cycle_limit || past_cycle_limit_;
  // G/G0 from the cells' true stress at the end (not the value frozen since
  // the last update), straight from the model.
  const FailureTime tile_failure = model_.Failure(tile_cycles_);
  for (int64_t row = 0; row < rows_; ++row) {
    if (!CellBased()) {
      if (lrs_in_row_[row] == 0) continue;
      const double t = static_cast<double>(row_reads_[row]) * config_.t_read_s;
      stats.ratio_sum += lrs_in_row_[row] * model_.ConductanceRatio(t, tile_failure);
      continue;
    }
    for (int64_t col = 0; col < cols_; ++col) {
      const int64_t cell = row * cols_ + col;
      if (!is_lrs_[cell]) continue;
      const double t = static_cast<double>(row_reads_[row] - cell_mark_[cell]) * config_.t_read_s;
      stats.ratio_sum += model_.ConductanceRatio(t, cell_curve_[cell]->failure());
      stats.cycles_sum += cell_cycles_[cell];
      stats.cycles_max = std::max<int64_t>(stats.cycles_max, cell_cycles_[cell]);
    }
  }
  if (!CellBased() && lrs_cells_ > 0) {
    stats.cycles_sum += lrs_cells_ * static_cast<int64_t>(tile_cycles_);
    stats.cycles_max = std::max(stats.cycles_max, static_cast<int64_t>(tile_cycles_));
  }
}

}  // namespace cim::sim

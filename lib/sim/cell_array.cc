#include "sim/cell_array.h"

#include <algorithm>
#include <bit>
#include <string>

#include "sim/conductance_drift.h"
#include "sim/counter_rng.h"
#include "sim/drive_masks.h"

namespace cim::sim {
namespace {

// Target state of every physical cell: LRS where the mapping puts one for the
// tile's weights, HRS elsewhere (including unused rows and columns).
std::vector<uint8_t> TargetStates(const XbarLinearOp& op, const Tile& t,
                                  const MappingScheme& s, int64_t cols) {
  std::vector<uint8_t> lrs(static_cast<size_t>(0));
  const int64_t k = op.geom.PatchSize();
  const int64_t first_out = int64_t{t.group} * op.geom.OutputsPerGroup() + t.col_begin;
  lrs.assign(static_cast<size_t>((int64_t{t.row_count} * s.planes) * cols), 0);
  for (int64_t j = 0; j < t.col_count; ++j) {
    const int8_t* w_row = op.weights.data() + (first_out + j) * k + t.row_begin;
    for (int64_t i = 0; i < t.row_count; ++i) {
      const int w = w_row[i];
      for (int plane = 0; plane < s.planes; ++plane) {
        for (int c = 0; c < s.cols; ++c) {
          if (s.lrs[w + 1][plane][c]) lrs[(i * s.planes + plane) * cols + j * s.cols + c] = 1;
        }
      }
    }
  }
  return lrs;
}

void PackLogicalWeights(const XbarLinearOp& op, const Tile& t, TileCells& cells) {
  const int64_t k = op.geom.PatchSize();
  const int64_t first_out = int64_t{t.group} * op.geom.OutputsPerGroup() + t.col_begin;
  cells.weight_plus.assign(static_cast<size_t>(cells.outputs * cells.words), 0);
  cells.weight_minus.assign(cells.weight_plus.size(), 0);
  cells.weight_sum.assign(static_cast<size_t>(cells.outputs), 0);
  for (int64_t j = 0; j < cells.outputs; ++j) {
    const int8_t* w_row = op.weights.data() + (first_out + j) * k + t.row_begin;
    for (int64_t i = 0; i < cells.inputs; ++i) {
      const uint64_t bit = uint64_t{1} << (i & 63);
      if (w_row[i] == 1) cells.weight_plus[j * cells.words + (i >> 6)] |= bit;
      if (w_row[i] == -1) cells.weight_minus[j * cells.words + (i >> 6)] |= bit;
      cells.weight_sum[j] += w_row[i];
    }
  }
}

// The packed LRS masks, plane-0 counts and D2D deviations of the used cells.
void PackUsedCells(const DeviceConfig& device, bool d2d, TileCells& c) {
  c.lrs_mask.assign(static_cast<size_t>(c.planes * c.used_cols * c.words), 0);
  c.lrs_count_plane0.assign(static_cast<size_t>(c.used_cols), 0);
  if (d2d) c.d2d_deviation_ua.setZero(c.planes * c.inputs, c.used_cols);
  for (int plane = 0; plane < c.planes; ++plane) {
    for (int64_t col = 0; col < c.used_cols; ++col) {
      uint64_t* mask = c.lrs_mask.data() + plane * c.words * c.used_cols + col;
      for (int64_t i = 0; i < c.inputs; ++i) {
        const int64_t cell = (i * c.planes + plane) * c.cols + col;
        const bool lrs = c.is_lrs[cell] != 0;
        if (lrs) mask[(i >> 6) * c.used_cols] |= uint64_t{1} << (i & 63);
        if (d2d) {
          const double nominal = lrs ? device.lrs_ua : device.hrs_ua;
          c.d2d_deviation_ua(plane * c.inputs + i, col) =
              static_cast<float>(c.current_ua[cell] - nominal);
        }
      }
      if (plane == 0) {
        for (int w = 0; w < c.words; ++w) c.lrs_count_plane0[col] += std::popcount(mask[w * c.used_cols]);
      }
    }
  }
  if (d2d) c.d2d_colsum_plane0_ua = c.d2d_deviation_ua.topRows(c.inputs).colwise().sum();
}

}  // namespace

Result<TileCells> ProgramTileCells(const XbarLinearOp& op, int op_index, const Tile& tile,
                                   const MappingScheme& scheme, const CrossbarGeometry& geometry,
                                   const DeviceConfig& device, const NoiseConfig& noise,
                                   uint64_t seed, CellStats& stats) {
  TileCells c;
  c.rows = geometry.rows;
  c.cols = geometry.cols;
  c.inputs = tile.row_count;
  c.outputs = tile.col_count;
  c.planes = scheme.planes;
  c.cols_per_output = scheme.cols;
  c.used_cols = c.outputs * scheme.cols;
  c.words = MaskWords(c.inputs);
  if (c.inputs * c.planes > c.rows || c.used_cols > c.cols) {
    return InvalidArgument("layer \"" + op.name + "\": tile on crossbar " +
                           std::to_string(tile.crossbar) + " needs " +
                           std::to_string(c.inputs * c.planes) + "x" + std::to_string(c.used_cols) +
                           " cells for " + MappingName(scheme.mapping) + " but the crossbar is " +
                           std::to_string(c.rows) + "x" + std::to_string(c.cols));
  }
  const std::vector<uint8_t> target = TargetStates(op, tile, scheme, c.cols);
  const uint64_t stuck_key = TileKey(seed, RngStream::kStuckAt, op_index, tile.crossbar);
  const uint64_t d2d_key = TileKey(seed, RngStream::kD2d, op_index, tile.crossbar);
  const bool d2d = noise.d2d.hrs_ua > 0.0 || noise.d2d.lrs_ua > 0.0;
  const bool stuck = noise.stuck_at_hrs > 0.0 || noise.stuck_at_lrs > 0.0;
  // Drift acts on the programmed (faulty, D2D-varied) current.
  const double drift[2] = {DriftFactor(noise.drift, false), DriftFactor(noise.drift, true)};
  const int64_t n_cells = c.rows * c.cols;
  c.is_lrs.assign(static_cast<size_t>(n_cells), 0);
  c.current_ua.assign(static_cast<size_t>(n_cells), 0.0f);
  stats.crossbars += 1;
  stats.cells_total += n_cells;
  stats.cells_used += c.inputs * c.planes * c.used_cols;
  for (int64_t cell = 0; cell < n_cells; ++cell) {
    bool lrs = cell < static_cast<int64_t>(target.size()) && target[cell] != 0;
    if (stuck) {
      // One uniform per cell: [0, p_hrs) stuck at HRS, [p_hrs, p_hrs + p_lrs) at LRS.
      const double u = UniformDraw(stuck_key, static_cast<uint64_t>(cell));
      if (u < noise.stuck_at_hrs) {
        lrs = false;
        ++stats.stuck_at_hrs;
      } else if (u < noise.stuck_at_hrs + noise.stuck_at_lrs) {
        lrs = true;
        ++stats.stuck_at_lrs;
      }
    }
    double current = lrs ? device.lrs_ua : device.hrs_ua;
    if (d2d) {
      const double sigma = lrs ? noise.d2d.lrs_ua : noise.d2d.hrs_ua;
      current = std::max(0.0, current + sigma * NormalDraw(d2d_key, static_cast<uint64_t>(cell)));
    }
    current *= drift[lrs];
    c.is_lrs[cell] = lrs;
    c.current_ua[cell] = static_cast<float>(current);
    if (lrs) {
      ++stats.lrs_cells;
      stats.lrs_current.Add(current);
    } else {
      ++stats.hrs_cells;
      stats.hrs_current.Add(current);
    }
  }
  // The kernel reads cell currents as nominal + deviation: drift is a deviation.
  PackUsedCells(device, d2d || noise.drift.on(), c);
  PackLogicalWeights(op, tile, c);
  return c;
}

}  // namespace cim::sim

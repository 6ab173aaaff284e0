#pragma once
// The crossbar configuration (`--xbar cfg.json`), parsed once into validated
// structs; each component gets only the part it needs. Schema: docs/config.md.
// Semantics: ../shared/reference/crossbar-model.md.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cim/tile/program.h"

namespace cim {

/// Cell read currents at the read voltage (config may give g_min/g_max in µS
/// with v_read in V instead; the parser converts: I = G·|V|).
struct DeviceConfig {
  double hrs_ua = 5.0;
  double lrs_ua = 30.0;
  double v_read_v = -0.2;  // read voltage; IR drop and read disturb use it
};

enum class AdcKind : uint8_t { kInf, kSymmetric, kPositive };
enum class AdcRangeMode : uint8_t { kMax, kMappingMax, kCalibrated, kExplicit };

/// Per-layer ADC input range [lo, hi] in µA from a calibration run.
struct AdcRange {
  double lo = 0.0;
  double hi = 0.0;
};

struct AdcConfig {
  AdcKind kind = AdcKind::kInf;  // "auto" in JSON resolves from the mapping
  /// JSON "auto": kind follows the mapping (MappingTraits::adc). Resolved at
  /// parse time when the config names a mapping, else by ResolveXbarConfig.
  bool kind_auto = false;
  int bits = 8;                  // [1, 16] for quantising ADCs
  AdcRangeMode range = AdcRangeMode::kMax;
  AdcRange explicit_range;       // kExplicit
  std::string calibration_file;  // kCalibrated: JSON written by `cimsim --calibrate`
  /// kCalibrated: range per XbarLinearOp name, loaded from calibration_file.
  std::map<std::string, AdcRange> calibrated;
};

/// σ of the Gaussian added to a cell's read current, per state, in µA.
struct StateSigma {
  double hrs_ua = 0.0;
  double lrs_ua = 0.0;
};

/// Power-law conductance drift (crossbar-model.md §4): a cell programmed to
/// G0 reads G0·(t/t0)^(−ν) after t_s, ν per state. Applied once, at
/// programming, to the realised cell currents (after faults and D2D).
struct DriftConfig {
  double t_s = 0.0;   // time since programming, s; 0 = no drift
  double t0_s = 1.0;  // reference time of the power law, s (t_s ≥ t0_s when on)
  double nu_hrs = 0.0;
  double nu_lrs = 0.0;
  bool on() const { return t_s > 0.0 && (nu_hrs != 0.0 || nu_lrs != 0.0); }
};

struct NoiseConfig {
  StateSigma d2d;  // programming variability: drawn once per cell, clamped at 0 µA
  StateSigma c2c;  // read noise: fresh every read, additive, not clamped
  double stuck_at_hrs = 0.0;  // fraction of physical cells stuck at HRS
  double stuck_at_lrs = 0.0;  // fraction of physical cells stuck at LRS
  DriftConfig drift;          // JSON: the top-level "drift" object
};

/// Wire resistance (crossbar-model.md §5). kColumn: the reference tool's
/// ladder (column wires only, ideal rows, undriven rows float). kFull: nodal
/// analysis with row and column wires, driver and sense resistances
/// (undriven rows held at 0 V by their drivers). Layout: docs/config.md.
enum class IrDropModel : uint8_t { kNone, kColumn, kFull };

struct IrDropConfig {
  IrDropModel model = IrDropModel::kNone;
  double r_col_ohm = 0.0;     // column (bitline) segment per row, Ω
  double r_row_ohm = 0.0;     // row (wordline) segment per column, Ω (full only)
  double r_driver_ohm = 0.0;  // row driver output resistance, Ω (full only)
  double r_sense_ohm = 0.0;   // sense amplifier input resistance, Ω (full only)
};

/// How read stress is counted (crossbar-model.md §6).
enum class DisturbCounting : uint8_t {
  kDrivenRows,  // a cell is stressed by a read only when its row is driven (ours)
  kEveryRead,   // every MVM stresses every cell of the crossbar (the reference tool)
};

/// What keeps disturbed LRS cells in shape (crossbar-model.md §6 "Mitigation").
enum class DisturbMitigation : uint8_t {
  kNone,
  kSoftware,   // refresh the whole crossbar when t >= fp·τ(writes + refreshes)
  kCellBased,  // re-program each LRS cell whose current drifted more than tol·LRS
};

/// Read disturb (the model of Jiang et al., crossbar-model.md §6). v_read is
/// DeviceConfig::v_read_v.
struct ReadDisturbConfig {
  bool enabled = false;
  double t_read_s = 1e-8;  // stress time of one read pulse
  DisturbCounting counting = DisturbCounting::kDrivenRows;
  DisturbMitigation mitigation = DisturbMitigation::kNone;
  double fp = 1.0;         // software: refresh at fp·τ, fp >= 1
  double tolerance = 0.1;  // cell_based: allowed drift, fraction of LRS
  /// Conductances and mitigation are updated after every k-th MVM of a tile
  /// (global MVM index, not batches); 1 is exact. Stress counts every read.
  int64_t update_interval_mvms = 1;
};

struct XbarConfig {
  CrossbarGeometry geometry;
  Mapping mapping = Mapping::kBnnI;
  bool mapping_given = false;  // false: the program's mapping is used
  DeviceConfig device;
  AdcConfig adc;
  NoiseConfig noise;
  ReadDisturbConfig read_disturb;
  IrDropConfig ir_drop;
  uint64_t seed = 1;
};

/// "INF", "SYM", "POS": the JSON names of AdcKind (the one name table).
const char* AdcKindName(AdcKind kind);
/// "max", "mapping_max", "calibrated", "explicit" (the last is a [lo, hi] array in JSON).
const char* AdcRangeModeName(AdcRangeMode mode);

/// "driven_rows", "every_read" / "none", "software", "cell_based": the JSON
/// names (the one name tables).
const char* DisturbCountingName(DisturbCounting counting);
const char* DisturbMitigationName(DisturbMitigation mitigation);
/// "none", "column", "full": the JSON names of IrDropModel (the one name table).
const char* IrDropModelName(IrDropModel model);
/// The model named `name`; false if there is none.
bool ParseIrDropModel(const std::string& name, IrDropModel& model);

/// The ADC kind a mapping needs: SYM for differential, POS for single-ended.
AdcKind AdcKindFor(Mapping mapping);

/// Completes a parsed config for the program it will run: takes the program's
/// mapping unless the config gave one, resolves ADC "auto", and checks that
/// the ADC fits the mapping (INF fits all). InvalidArgument e.g.
/// `/adc/type = "SYM": does not fit mapping BNN_III (it needs POS or INF)`.
/// The one place this rule lives (the parser and SimXbarEngine call it).
Status ResolveXbarConfig(XbarConfig& config, Mapping program_mapping);

}  // namespace cim

#pragma once
// The read-disturb model of C.-M. Jiang et al., "An Analytical Model of
// Read-Disturb Failure Time in a Post-Cycling Resistive Switching Memory",
// IEEE Trans. Electron Devices 2021 (crossbar-model.md §6): an LRS cell read
// at V_read keeps its conductance until its accumulated stress time reaches
// the failure time τ, which shrinks with the cell's programming cycles, and
// then decays as a power law. HRS cells do not change.

#include <cstdint>

namespace cim::sim {

/// The constants of §6 (fitted by Jiang et al. to their HfO2 devices).
struct ReadDisturbConstants {
  static constexpr double kT0S = 1.55e-8;     // t0, s
  static constexpr double kF = 1.43339;       // F
  static constexpr double kC1 = 0.0068;       // c1
  static constexpr double kA = 0.11;          // a
  static constexpr double kK = 0.003;         // k
  static constexpr double kM = 0.41;          // m
  static constexpr double kThermalV = 0.025852;  // kT/q at 300 K, V
};

/// The failure time of a cell and whether the model still holds for it.
struct FailureTime {
  double tau_s = 0.0;
  /// k·N^m >= 1: the cell is past the model's cycle limit; τ is 0 (the cell
  /// is treated as failed: any stress drives its conductance to 0).
  bool past_cycle_limit = false;
};

class ReadDisturbModel {
 public:
  /// The model at read voltage `v_read_v` (only |V_read| matters).
  explicit ReadDisturbModel(double v_read_v);

  /// p = c1·exp(a·|V_read| / (kT/q)): the power-law exponent, also 1/p in τ.
  double exponent() const { return p_; }

  /// τ(N) = t0·F^(1/p)·(1 − k·N^m)^(1/p) for a cell programmed N times.
  FailureTime Failure(uint64_t cycles) const;

  /// G/G0 after `stress_s` seconds of read stress for a cell with failure
  /// time `failure`: 1 while t < τ, else (t/τ)^(−p); 0 past the cycle limit
  /// (τ = 0) once t > 0.
  double ConductanceRatio(double stress_s, const FailureTime& failure) const;
  double ConductanceRatio(double stress_s, uint64_t cycles) const {
    return ConductanceRatio(stress_s, Failure(cycles));
  }

 private:
  double p_ = 0.0;
  double tau0_s_ = 0.0;  // t0·F^(1/p)
};

}  // namespace cim::sim

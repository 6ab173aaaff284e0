#pragma once
// The crossbar simulator behind the XbarEngine seam: programs every tile of a
// program onto simulated RRAM crossbars (cell layout of the mapping, stuck-at
// faults, D2D variability) and computes crossbar layers through column
// currents, C2C read noise and the ADC (../shared/reference/crossbar-model.md
// §1–§4). With an INF ADC and no noise or faults it returns exactly W·x.

#include <memory>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/sim/xbar_config.h"
#include "cim/sim/xbar_stats.h"
#include "cim/support/status.h"
#include "cim/tile/program.h"

namespace cim {

namespace sim {
struct EngineState;
}

class SimXbarEngine : public XbarEngine {
 public:
  /// Validates that `config` fits `program` and programs every tile of every
  /// XbarLinearOp. Errors (InvalidArgument, one line): the config's mapping
  /// differs from the program's (when given), the ADC kind does not fit the
  /// mapping (SYM for differential, POS for single-ended; INF always),
  /// the crossbar geometry differs from the program's, a layer's weights do
  /// not fit the mapping, bad ADC bits/range or a layer missing from the
  /// calibration.
  static Result<std::unique_ptr<SimXbarEngine>> Create(const Program& program,
                                                       const XbarConfig& config);
  ~SimXbarEngine() override;

  /// A worker for one thread; it keeps its own LayerStats.
  std::unique_ptr<XbarWorker> NewWorker() const override;

  /// With read disturb: re-programs every crossbar (fresh cells) and makes
  /// each layer take images in order from `first_image` on.
  void BeginRun(int64_t first_image) const override;
  void CancelRun() const override;

  /// Statistics of every crossbar layer in program order: cells from
  /// programming, MVMs and ADC statistics summed over `workers` (which must
  /// come from this engine's NewWorker), and the read-disturb state of the
  /// crossbars after the last run. Order-independent and exact.
  std::vector<LayerStats> MergeStats(const std::vector<std::unique_ptr<XbarWorker>>& workers) const;

  /// Programmed cells of all layers together.
  CellStats TotalCells() const;

  const XbarConfig& config() const;

 private:
  explicit SimXbarEngine(std::shared_ptr<const sim::EngineState> state);
  // Shared with the workers, so a worker stays valid after the engine is gone.
  std::shared_ptr<const sim::EngineState> state_;
};

}  // namespace cim

#include "sim/ir_drop_names.h"

#include "cim/sim/xbar_config.h"

namespace cim {

const char* IrDropModelName(IrDropModel model) {
  return kIrDropModelNames[static_cast<size_t>(model)].data();
}

bool ParseIrDropModel(const std::string& name, IrDropModel& model) {
  for (size_t i = 0; i < kIrDropModelNames.size(); ++i) {
    if (name == kIrDropModelNames[i]) {
      model = static_cast<IrDropModel>(i);
      return true;
    }
  }
  return false;
}

}  // namespace cim

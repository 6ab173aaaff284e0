#include "cim/data/dataset.h"

#include "cim/support/check.h"

namespace cim {
namespace {

struct SplitNameRow {
  Split split;
  const char* name;
};
constexpr SplitNameRow kSplitNames[] = {{Split::kTest, "test"}, {Split::kTrain, "train"}};

}  // namespace

const char* SplitName(Split split) {
  for (const auto& row : kSplitNames) {
    if (row.split == split) return row.name;
  }
  CIM_CHECK(false && "Split value missing from kSplitNames");
  return "";
}

Result<Split> ParseSplit(const std::string& name) {
  std::string valid;
  for (const auto& row : kSplitNames) {
    if (row.name == name) return row.split;
    valid += valid.empty() ? row.name : std::string(", ") + row.name;
  }
  return InvalidArgument("split \"" + name + "\": expected one of " + valid);
}

const uint8_t* Dataset::Image(int64_t i) const {
  CIM_CHECK(i >= 0 && i < count);
  return pixels.data() + i * image_bytes();
}

}  // namespace cim

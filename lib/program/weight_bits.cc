#include "lib/program/weight_bits.h"

#include "cim/support/check.h"

namespace cim {
namespace {

int64_t PlaneBytes(int64_t count) { return (count + 7) / 8; }

bool Bit(std::string_view plane, int64_t i) {
  return (static_cast<unsigned char>(plane[i / 8]) >> (i % 8)) & 1u;
}

void SetBit(std::string& plane, int64_t i) {
  plane[i / 8] = static_cast<char>(static_cast<unsigned char>(plane[i / 8]) | (1u << (i % 8)));
}

Status CheckPlane(std::string_view plane, int64_t count, const char* what) {
  if (static_cast<int64_t>(plane.size()) != PlaneBytes(count)) {
    return InvalidArgument(std::string(what) + " has " + std::to_string(plane.size()) + " bytes, " +
                           std::to_string(count) + " weights need " +
                           std::to_string(PlaneBytes(count)));
  }
  // Unused high bits must be 0 so that every accepted file has one encoding.
  if (count % 8 != 0 && (static_cast<unsigned char>(plane.back()) >> (count % 8)) != 0)
    return InvalidArgument(std::string(what) + " has padding bits set after weight " +
                           std::to_string(count - 1));
  return Status::Ok();
}

}  // namespace

WeightPlanes PackWeights(const std::vector<int8_t>& weights, bool ternary) {
  const auto count = static_cast<int64_t>(weights.size());
  WeightPlanes planes;
  planes.positive_bits.assign(PlaneBytes(count), '\0');
  if (ternary) planes.nonzero_bits.assign(PlaneBytes(count), '\0');
  for (int64_t i = 0; i < count; ++i) {
    const int8_t w = weights[i];
    CIM_CHECK(w == 1 || w == -1 || (ternary && w == 0));
    if (w == 1) SetBit(planes.positive_bits, i);
    if (ternary && w != 0) SetBit(planes.nonzero_bits, i);
  }
  return planes;
}

Result<std::vector<int8_t>> UnpackWeights(const WeightPlanes& planes, int64_t count, bool ternary) {
  CIM_CHECK(count >= 0);
  CIM_RETURN_IF_ERROR(CheckPlane(planes.positive_bits, count, "positive_bits"));
  if (!ternary && !planes.nonzero_bits.empty()) {
    return InvalidArgument("nonzero_bits has " + std::to_string(planes.nonzero_bits.size()) +
                           " bytes on a binary layer, expected none");
  }
  if (ternary) CIM_RETURN_IF_ERROR(CheckPlane(planes.nonzero_bits, count, "nonzero_bits"));
  std::vector<int8_t> weights(count);
  for (int64_t i = 0; i < count; ++i) {
    const bool positive = Bit(planes.positive_bits, i);
    const bool nonzero = !ternary || Bit(planes.nonzero_bits, i);
    if (positive && !nonzero)
      return InvalidArgument("positive bit set on zero weight " + std::to_string(i));
    weights[i] = !nonzero ? 0 : positive ? 1 : -1;
  }
  return weights;
}

}  // namespace cim

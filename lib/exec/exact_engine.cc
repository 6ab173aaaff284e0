#include "cim/exec/exact_engine.h"

#include <algorithm>
#include <string>

#include "lib/exec/bit_pack.h"
#include "lib/exec/popcount_kernels.h"

namespace cim {
namespace {

/// Patches packed per block so that a block's bit planes stay in L1 while
/// every group's weights stream past them.
constexpr int64_t kPatchBlock = 256;

class ExactXbarWorker : public XbarWorker {
 public:
  ExactXbarWorker(const ExactXbarEngine& engine, MvmKernel kernel)
      : engine_(engine), kernel_(kernel) {}

  Status Compute(const XbarCall& call) override {
    const std::vector<PackedWeights>* layer = engine_.Layer(call.op_index);
    if (layer == nullptr || call.op == nullptr ||
        static_cast<int64_t>(layer->size()) != call.op->geom.groups ||
        layer->front().k != call.op->geom.PatchSize() ||
        layer->front().rows != call.op->geom.OutputsPerGroup())
      return Internal("exact crossbar engine: op " + std::to_string(call.op_index) +
                      " is not a crossbar layer of the program the engine was built from");
    const ConvGeometry& g = call.op->geom;
    const int64_t k = g.PatchSize(), words = WordsFor(k), row = g.groups * k;
    const int64_t per_group = g.OutputsPerGroup();
    sign_.resize(static_cast<size_t>(kPatchBlock * words));
    nonzero_.resize(sign_.size());
    has_zero_.resize(kPatchBlock);
    for (int64_t p0 = 0; p0 < call.num_patches; p0 += kPatchBlock) {
      const int64_t count = std::min(kPatchBlock, call.num_patches - p0);
      for (int64_t grp = 0; grp < g.groups; ++grp) {
        for (int64_t p = 0; p < count; ++p) {
          has_zero_[p] = PackTernary(call.patches + (p0 + p) * row + grp * k, k,
                                     sign_.data() + p * words, nonzero_.data() + p * words);
        }
        const PackedPatches block{sign_.data(), nonzero_.data(), has_zero_.data(), count};
        kernel_((*layer)[static_cast<size_t>(grp)], block,
                call.out + p0 * g.out_channels + grp * per_group, g.out_channels);
      }
    }
    return Status::Ok();
  }

 private:
  const ExactXbarEngine& engine_;
  MvmKernel kernel_;
  std::vector<uint64_t> sign_, nonzero_;
  std::vector<uint8_t> has_zero_;
};

}  // namespace

PackedWeights PackWeights(const int8_t* weights, int64_t rows, int64_t k) {
  PackedWeights w;
  w.rows = rows;
  w.padded_rows = (rows + kRowBlock - 1) / kRowBlock * kRowBlock;
  w.k = k;
  w.words = WordsFor(k);
  w.sign.assign(static_cast<size_t>(w.words * w.padded_rows), 0);
  w.nonzero.assign(w.sign.size(), 0);
  std::vector<uint64_t> s(static_cast<size_t>(w.words)), nz(s.size());
  for (int64_t r = 0; r < rows; ++r) {
    w.has_zero |= PackTernary(weights + r * k, k, s.data(), nz.data());
    for (int64_t i = 0; i < w.words; ++i) {  // word-major: word i of row r
      w.sign[static_cast<size_t>(i * w.padded_rows + r)] = s[static_cast<size_t>(i)];
      w.nonzero[static_cast<size_t>(i * w.padded_rows + r)] = nz[static_cast<size_t>(i)];
    }
  }
  return w;
}

ExactXbarEngine::ExactXbarEngine(const Program& program, ExactKernel kernel)
    : layers_(program.ops.size()), is_xbar_(program.ops.size(), false), kernel_(kernel) {
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const auto* op = std::get_if<XbarLinearOp>(&program.ops[i]);
    if (op == nullptr) continue;
    is_xbar_[i] = true;
    const int64_t k = op->geom.PatchSize(), per_group = op->geom.OutputsPerGroup();
    for (int64_t grp = 0; grp < op->geom.groups; ++grp)
      layers_[i].push_back(PackWeights(op->weights.data() + grp * per_group * k, per_group, k));
  }
}

std::unique_ptr<XbarWorker> ExactXbarEngine::NewWorker() const {
  return std::make_unique<ExactXbarWorker>(
      *this, kernel_ == ExactKernel::kBest ? BestMvmKernel() : MvmKernelScalar);
}

const std::vector<PackedWeights>* ExactXbarEngine::Layer(int op_index) const {
  if (op_index < 0 || op_index >= static_cast<int>(layers_.size()) ||
      !is_xbar_[static_cast<size_t>(op_index)])
    return nullptr;
  return &layers_[static_cast<size_t>(op_index)];
}

}  // namespace cim

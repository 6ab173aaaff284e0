#include "cim/exec/executor.h"

#include <algorithm>
#include <string>
#include <variant>

#include "lib/exec/exec_context.h"
#include "lib/exec/op_kernels.h"
#include "lib/tile/op_names.h"

namespace cim {
namespace {

std::string DimsText(const Dims& d) {
  std::string s = "{";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "}";
}

/// The tensors each op reads.
std::vector<int> ReadsOf(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::vector<int> {
        if constexpr (std::is_same_v<std::decay_t<decltype(o)>, BinaryOp>) {
          return {o.lhs, o.rhs};
        } else {
          return {o.input};
        }
      },
      op);
}

int WriteOf(const Op& op) {
  return std::visit([](const auto& o) { return o.output; }, op);
}

}  // namespace

std::string ExecContext::Where() const {
  const Op& op = program.ops[static_cast<size_t>(op_index)];
  return "op " + std::to_string(op_index) + " (" + OpKindName(op) + " \"" + OpName(op) + "\")";
}

double* ExecContext::Out(int t) const {
  const size_t need = static_cast<size_t>(n * Numel(t));
  std::vector<TensorBuffer>& pool = scratch.free_tensors;
  // Best fit: the smallest free buffer that holds `need`, else the largest.
  size_t pick = pool.size();
  for (size_t i = 0; i < pool.size(); ++i) {
    if (pick == pool.size()) {
      pick = i;
      continue;
    }
    const size_t cap = pool[i].capacity(), best = pool[pick].capacity();
    const bool fits = cap >= need, best_fits = best >= need;
    if ((fits && (!best_fits || cap < best)) || (!fits && !best_fits && cap > best)) pick = i;
  }
  TensorBuffer& v = tensors[static_cast<size_t>(t)];
  if (pick < pool.size()) {
    v = std::move(pool[pick]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  v.resize(need);
  return v.data();
}

std::vector<int64_t> RowMajorStrides(const Dims& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) s[i - 1] = s[i] * shape[i];
  return s;
}

AxisBlocks SplitAroundAxis(const ExecContext& ctx, int t, int axis) {
  const Dims& shape = ctx.Shape(t);
  AxisBlocks b;
  if (!shape.empty()) {
    b.len = shape[static_cast<size_t>(axis)];
    b.inner = RowMajorStrides(shape)[static_cast<size_t>(axis)];
  }
  b.outer = ctx.n * ctx.Numel(t) / (b.len * b.inner);
  return b;
}

Status CheckInputMatches(const InputSpec& spec, int64_t h, int64_t w, int64_t c) {
  const Dims images{h, w, c};
  bool fits = false;
  if (spec.shape.size() == 3) {
    fits = spec.shape == (spec.layout == Layout::kNHWC ? Dims{h, w, c} : Dims{c, h, w});
  } else if (spec.layout == Layout::kNHWC) {
    int64_t numel = 1;
    for (int64_t d : spec.shape) numel *= d;
    fits = numel == h * w * c;
  }
  if (fits) return Status::Ok();
  return InvalidArgument("model input " + DimsText(spec.shape) + " (" + LayoutName(spec.layout) +
                         ") does not fit dataset images " + DimsText(images) + " (HWC)");
}

Executor::Executor(const Program& program, XbarWorker& worker)
    : program_(program), worker_(worker), free_after_(program.ops.size()) {
  output_size_ = 1;
  for (int64_t d : program.tensors[static_cast<size_t>(program.output)].shape) output_size_ *= d;
  // Last op that reads each tensor; a tensor nobody reads dies where it is written.
  std::vector<int> last_use(program.tensors.size(), -1);
  for (size_t i = 0; i < program.ops.size(); ++i) {
    last_use[static_cast<size_t>(WriteOf(program.ops[i]))] = static_cast<int>(i);
    for (int t : ReadsOf(program.ops[i])) last_use[static_cast<size_t>(t)] = static_cast<int>(i);
  }
  for (size_t t = 0; t < last_use.size(); ++t) {
    if (static_cast<int>(t) == program.output || last_use[t] < 0) continue;
    free_after_[static_cast<size_t>(last_use[t])].push_back(static_cast<int>(t));
  }
  scratch_ = std::make_unique<ExecScratch>();
  scratch_->tensors.resize(program.tensors.size());
}

Executor::~Executor() = default;

namespace {

/// Hands a tensor buffer back for reuse by a later op or batch.
void Release(ExecScratch& scratch, TensorBuffer& buffer) {
  if (buffer.capacity() == 0) return;
  scratch.free_tensors.push_back(std::move(buffer));
  buffer = {};
}

}  // namespace

void Executor::LoadInput(const uint8_t* raw, int64_t n, double* x) {
  const InputSpec& in = program_.input;
  int64_t numel = 1;
  for (int64_t d : in.shape) numel *= d;
  if (in.layout == Layout::kNHWC) {
    for (int64_t i = 0; i < n * numel; ++i) x[i] = raw[i] * in.scale + in.offset;
    return;
  }
  // NCHW {C,H,W} from HWC bytes.
  const int64_t c = in.shape[0], h = in.shape[1], w = in.shape[2];
  for (int64_t img = 0; img < n; ++img) {
    const uint8_t* src = raw + img * numel;
    double* dst = x + img * numel;
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t p = 0; p < h * w; ++p)
        dst[ch * h * w + p] = src[p * c + ch] * in.scale + in.offset;
  }
}

Status Executor::Run(const uint8_t* raw_images, int64_t n, int64_t first_image_index,
                     std::vector<double>* outputs) {
  ExecScratch& scratch = *scratch_;
  for (TensorBuffer& t : scratch.tensors) Release(scratch, t);
  ExecContext ctx{program_, scratch.tensors, n, first_image_index, 0, worker_, scratch};
  LoadInput(raw_images, n, ctx.Out(0));
  for (size_t i = 0; i < program_.ops.size(); ++i) {
    ctx.op_index = static_cast<int>(i);
    CIM_RETURN_IF_ERROR(
        std::visit([&ctx](const auto& op) { return ExecOp(op, ctx); }, program_.ops[i]));
    for (int t : free_after_[i]) Release(scratch, scratch.tensors[static_cast<size_t>(t)]);
  }
  const TensorBuffer& out = scratch.tensors[static_cast<size_t>(program_.output)];
  outputs->assign(out.begin(), out.end());
  return Status::Ok();
}

}  // namespace cim

// Constant evaluation of layout, indexing, MatMul and reduction ops.

#include <algorithm>
#include <cmath>
#include <limits>

#include "constant_eval_kernels.h"
#include "shape_rules.h"

namespace cim {
namespace {

// Calls f(flat_out, index) for every multi-index of `shape` in row-major order.
template <typename F>
void ForEachIndex(const Shape& shape, F f) {
  const int64_t total = NumElements(shape);
  std::vector<int64_t> pos(shape.size(), 0);
  for (int64_t k = 0; k < total; ++k) {
    f(k, pos);
    for (size_t d = shape.size(); d-- > 0;) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
}

int64_t Offset(const std::vector<int64_t>& pos, const std::vector<int64_t>& strides) {
  int64_t off = 0;
  for (size_t d = 0; d < pos.size(); ++d) off += pos[d] * strides[d];
  return off;
}

}  // namespace

Status EvalCopy(EvalArgs& a) {
  a.out[0].values = a.in[0]->values;
  return Status::Ok();
}

Status EvalTranspose(EvalArgs& a) {
  const Shape& in = a.in[0]->shape;
  const int64_t rank = static_cast<int64_t>(in.size());
  std::vector<int64_t> perm(rank);
  for (int64_t i = 0; i < rank; ++i) perm[i] = rank - 1 - i;
  perm = a.n.GetInts("perm", perm);
  std::vector<int64_t> in_strides = Strides(in), strides(rank);
  for (int64_t i = 0; i < rank; ++i) strides[i] = in_strides[perm[i]];
  Tensor& out = a.out[0];
  out.values.resize(a.in[0]->values.size());
  ForEachIndex(out.shape, [&](int64_t k, const std::vector<int64_t>& pos) {
    out.values[k] = a.in[0]->values[Offset(pos, strides)];
  });
  return Status::Ok();
}

Status EvalShape(EvalArgs& a) {
  const Shape& in = a.g.values[a.n.inputs[0]].shape;
  const int64_t rank = static_cast<int64_t>(in.size());
  int64_t start = std::clamp<int64_t>(a.n.GetInt("start", 0), -rank, rank);
  if (start < 0) start += rank;
  for (int64_t i = 0; i < a.out[0].shape[0]; ++i) a.out[0].values.push_back(static_cast<double>(in[start + i]));
  return Status::Ok();
}

Status EvalGather(EvalArgs& a) {
  const Tensor& data = *a.in[0];
  const Tensor& idx = *a.in[1];
  const int64_t rank = static_cast<int64_t>(data.shape.size());
  int64_t axis = a.n.GetInt("axis", 0);
  if (axis < 0) axis += rank;
  const int64_t dim = data.shape[axis];
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= data.shape[i];
  for (int64_t i = axis + 1; i < rank; ++i) inner *= data.shape[i];
  Tensor& out = a.out[0];
  for (int64_t o = 0; o < outer; ++o)
    for (double raw : idx.values) {
      int64_t j = static_cast<int64_t>(raw);
      if (j < -dim || j >= dim)
        return InvalidArgument("index " + std::to_string(j) + " out of range [" + std::to_string(-dim) + ", " +
                               std::to_string(dim - 1) + "]");
      if (j < 0) j += dim;
      for (int64_t i = 0; i < inner; ++i) out.values.push_back(data.values[(o * dim + j) * inner + i]);
    }
  return Status::Ok();
}

Status EvalConcat(EvalArgs& a) {
  Tensor& out = a.out[0];
  const int64_t rank = static_cast<int64_t>(out.shape.size());
  int64_t axis = a.n.GetInt("axis", 0);
  if (axis < 0) axis += rank;
  int64_t outer = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= out.shape[i];
  for (int64_t o = 0; o < outer; ++o)
    for (const Tensor* t : a.in) {
      const int64_t block = outer == 0 ? 0 : static_cast<int64_t>(t->values.size()) / outer;
      out.values.insert(out.values.end(), t->values.begin() + o * block, t->values.begin() + (o + 1) * block);
    }
  return Status::Ok();
}

Status EvalSlice(EvalArgs& a) {
  const Tensor& in = *a.in[0];
  CIM_ASSIGN_OR_RETURN(std::vector<SliceAxis> axes, ResolveSlice(a.n, in.shape));
  std::vector<int64_t> strides = Strides(in.shape);
  Tensor& out = a.out[0];
  out.values.resize(NumElements(out.shape));
  ForEachIndex(out.shape, [&](int64_t k, const std::vector<int64_t>& pos) {
    int64_t off = 0;
    for (size_t d = 0; d < pos.size(); ++d) off += (axes[d].start + pos[d] * axes[d].step) * strides[d];
    out.values[k] = in.values[off];
  });
  return Status::Ok();
}

Status EvalSplit(EvalArgs& a) {
  const Tensor& in = *a.in[0];
  const int64_t rank = static_cast<int64_t>(in.shape.size());
  int64_t axis = a.n.GetInt("axis", 0);
  if (axis < 0) axis += rank;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= in.shape[i];
  for (int64_t i = axis + 1; i < rank; ++i) inner *= in.shape[i];
  for (int64_t o = 0; o < outer; ++o) {
    int64_t begin = 0;
    for (Tensor& t : a.out) {
      const int64_t len = t.shape[axis] * inner;
      const int64_t base = o * in.shape[axis] * inner + begin;
      t.values.insert(t.values.end(), in.values.begin() + base, in.values.begin() + base + len);
      begin += len;
    }
  }
  return Status::Ok();
}

Status EvalPad(EvalArgs& a) {
  const Tensor& in = *a.in[0];
  const std::vector<int64_t> pads = a.n.GetInts("pads");
  const size_t rank = in.shape.size();
  std::vector<int64_t> strides = Strides(in.shape);
  Tensor& out = a.out[0];
  out.values.resize(NumElements(out.shape));
  const double fill = StoreAs(out.dtype, a.n.GetFloat("value", 0.0));
  ForEachIndex(out.shape, [&](int64_t k, const std::vector<int64_t>& pos) {
    int64_t off = 0;
    for (size_t d = 0; d < rank; ++d) {
      int64_t p = pos[d] - pads[d];
      if (p < 0 || p >= in.shape[d]) {
        out.values[k] = fill;
        return;
      }
      off += p * strides[d];
    }
    out.values[k] = in.values[off];
  });
  return Status::Ok();
}

Status EvalMatMul(EvalArgs& a) {
  Shape sa = a.in[0]->shape, sb = a.in[1]->shape;
  if (sa.size() == 1) sa.insert(sa.begin(), 1);
  if (sb.size() == 1) sb.push_back(1);
  const int64_t m = sa[sa.size() - 2], k = sa.back(), n = sb.back();
  // Broadcast batch dims: index matrices of A and B per output batch.
  Shape batch_a(sa.begin(), sa.end() - 2), batch_b(sb.begin(), sb.end() - 2);
  CIM_ASSIGN_OR_RETURN(Shape batch, BroadcastShapes(batch_a, batch_b));
  std::vector<int64_t> ia = BroadcastIndex(batch_a, batch), ib = BroadcastIndex(batch_b, batch);
  Tensor& out = a.out[0];
  out.values.assign(NumElements(batch) * m * n, 0.0);
  for (size_t bi = 0; bi < ia.size(); ++bi) {
    const double* pa = a.in[0]->values.data() + ia[bi] * m * k;
    const double* pb = a.in[1]->values.data() + ib[bi] * k * n;
    double* po = out.values.data() + bi * m * n;
    for (int64_t r = 0; r < m; ++r)
      for (int64_t c = 0; c < n; ++c) {
        double acc = 0;
        for (int64_t j = 0; j < k; ++j) acc += pa[r * k + j] * pb[j * n + c];
        po[r * n + c] = StoreAs(out.dtype, acc);
      }
  }
  return Status::Ok();
}

Status EvalReduce(EvalArgs& a) {
  const Tensor& in = *a.in[0];
  const int64_t rank = static_cast<int64_t>(in.shape.size());
  CIM_ASSIGN_OR_RETURN(std::vector<int64_t> axes, ResolveReduceAxes(a.n, rank));
  // Output index of each input element = its position with reduced dims at 0.
  Shape kept = in.shape;
  for (int64_t ax : axes) kept[ax] = 1;
  std::vector<int64_t> kept_strides = Strides(kept);
  const bool is_max = a.n.op_type == "ReduceMax";
  Tensor& out = a.out[0];
  const int64_t count = NumElements(kept);
  out.values.assign(count, is_max ? -std::numeric_limits<double>::infinity() : 0.0);
  ForEachIndex(in.shape, [&](int64_t k, std::vector<int64_t> pos) {
    for (int64_t ax : axes) pos[ax] = 0;
    double& acc = out.values[Offset(pos, kept_strides)];
    acc = is_max ? std::max(acc, in.values[k]) : acc + in.values[k];
  });
  if (a.n.op_type == "ReduceMean") {
    const double n = count == 0 ? 1.0 : static_cast<double>(NumElements(in.shape)) / static_cast<double>(count);
    for (double& v : out.values) v /= n;
  }
  for (double& v : out.values) v = StoreAs(out.dtype, v);
  return Status::Ok();
}

}  // namespace cim

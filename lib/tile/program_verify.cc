// VerifyProgram: the invariants every consumer of a Program relies on. The
// program reader calls it on untrusted files, so every index and size is
// checked before anything is allocated from it.

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "cim/tile/program.h"
#include "lib/tile/op_names.h"

namespace cim {
namespace {

constexpr int64_t kMaxElements = int64_t{1} << 31;

class Verifier {
 public:
  explicit Verifier(const Program& p) : p_(p), written_(p.tensors.size(), false) {}

  Status Run() {
    CIM_RETURN_IF_ERROR(CheckTensors());
    if (p_.tensors[0].shape != p_.input.shape) {
      return InvalidArgument("tensor 0 " + Dims(p_.tensors[0].shape) +
                             " differs from the input shape " + Dims(p_.input.shape));
    }
    written_[0] = true;
    for (size_t i = 0; i < p_.ops.size(); ++i) {
      where_ = "op " + std::to_string(i) + " (" + OpKindName(p_.ops[i]) + " \"" +
               OpName(p_.ops[i]) + "\")";
      CIM_RETURN_IF_ERROR(std::visit([this](const auto& op) { return Check(op); }, p_.ops[i]));
    }
    where_.clear();
    if (!Readable(p_.output)) return Fail("program output tensor " + std::to_string(p_.output) + " is never written");
    return Status::Ok();
  }

 private:
  static std::string Dims(const std::vector<int64_t>& d) {
    std::string s = "{";
    for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
    return s + "}";
  }
  Status Fail(const std::string& what) const {
    return InvalidArgument((where_.empty() ? "" : where_ + ": ") + what);
  }

  Status CheckTensors() {
    if (p_.tensors.empty()) return InvalidArgument("program has no tensors");
    for (size_t t = 0; t < p_.tensors.size(); ++t) {
      int64_t n = 1;
      for (int64_t d : p_.tensors[t].shape) {
        if (d < 1 || d > kMaxElements || n > kMaxElements / d) {
          return InvalidArgument("tensor " + std::to_string(t) + " \"" + p_.tensors[t].name +
                                 "\": absurd shape " + Dims(p_.tensors[t].shape));
        }
        n *= d;
      }
    }
    return Status::Ok();
  }

  bool Readable(int t) const { return t >= 0 && t < static_cast<int>(written_.size()) && written_[t]; }
  const std::vector<int64_t>& ShapeOf(int t) const { return p_.tensors[t].shape; }
  static int64_t Numel(const std::vector<int64_t>& s) {
    int64_t n = 1;
    for (int64_t d : s) n *= d;
    return n;
  }

  Status In(int t) const {
    if (!Readable(t)) return Fail("reads tensor " + std::to_string(t) + " before it is written");
    return Status::Ok();
  }
  Status Out(int t) {
    if (t < 0 || t >= static_cast<int>(written_.size())) return Fail("writes tensor " + std::to_string(t) + " out of range");
    if (written_[t]) return Fail("writes tensor " + std::to_string(t) + " a second time");
    written_[t] = true;
    return Status::Ok();
  }
  Status SameShape(int a, int b) const {
    if (ShapeOf(a) != ShapeOf(b)) return Fail("shape " + Dims(ShapeOf(b)) + " differs from input " + Dims(ShapeOf(a)));
    return Status::Ok();
  }

  Status CheckGeometry(const ConvGeometry& g, bool dense, int in, int out) const {
    if (g.groups < 1 || g.in_channels < 1 || g.out_channels < 1 || g.in_channels % g.groups ||
        g.out_channels % g.groups)
      return Fail("channels " + std::to_string(g.in_channels) + "->" + std::to_string(g.out_channels) +
                  " not divisible into " + std::to_string(g.groups) + " groups");
    if (g.kernel_h < 1 || g.kernel_w < 1 || g.stride_h < 1 || g.stride_w < 1 || g.dilation_h < 1 ||
        g.dilation_w < 1 || g.pad_top < 0 || g.pad_left < 0 || g.pad_bottom < 0 || g.pad_right < 0)
      return Fail("kernel, stride and dilation must be >= 1 and pads >= 0");
    const int64_t oh = (g.in_h + g.pad_top + g.pad_bottom - g.dilation_h * (g.kernel_h - 1) - 1) / g.stride_h + 1;
    const int64_t ow = (g.in_w + g.pad_left + g.pad_right - g.dilation_w * (g.kernel_w - 1) - 1) / g.stride_w + 1;
    if (oh != g.out_h || ow != g.out_w || oh < 1 || ow < 1)
      return Fail("output " + std::to_string(g.out_h) + "x" + std::to_string(g.out_w) +
                  " does not follow from the geometry (expected " + std::to_string(oh) + "x" +
                  std::to_string(ow) + ")");
    const std::vector<int64_t> want_in = dense ? std::vector<int64_t>{g.in_channels}
                                               : std::vector<int64_t>{g.in_channels, g.in_h, g.in_w};
    const std::vector<int64_t> want_out = dense ? std::vector<int64_t>{g.out_channels}
                                                : std::vector<int64_t>{g.out_channels, g.out_h, g.out_w};
    if (dense && (g.in_h != 1 || g.in_w != 1 || g.kernel_h != 1 || g.kernel_w != 1))
      return Fail("a dense layer must have 1x1 geometry");
    if (ShapeOf(in) != want_in) return Fail("input shape " + Dims(ShapeOf(in)) + ", geometry expects " + Dims(want_in));
    if (ShapeOf(out) != want_out) return Fail("output shape " + Dims(ShapeOf(out)) + ", geometry expects " + Dims(want_out));
    return Status::Ok();
  }

  Status CheckTiles(const XbarLinearOp& x) const {
    if (x.mapping != p_.mapping) return Fail(std::string("mapping ") + MappingName(x.mapping) + " differs from the program's " + MappingName(p_.mapping));
    const TileCapacity cap = CapacityFor(x.mapping, p_.geometry.rows, p_.geometry.cols);
    const int64_t k = x.geom.PatchSize(), m = x.geom.OutputsPerGroup();
    // Every (group, output, input) cell must be covered by exactly one tile.
    int64_t covered = 0;
    std::set<std::tuple<int32_t, int32_t, int32_t>> seen;
    for (const Tile& t : x.tiles) {
      if (t.group < 0 || t.group >= x.geom.groups || t.row_begin < 0 || t.row_count < 1 ||
          int64_t{t.row_begin} + t.row_count > k || t.col_begin < 0 || t.col_count < 1 ||
          int64_t{t.col_begin} + t.col_count > m)
        return Fail("tile outside the weight matrix");
      if (t.row_count > cap.inputs || t.col_count > cap.outputs)
        return Fail("tile " + std::to_string(t.row_count) + "x" + std::to_string(t.col_count) +
                    " exceeds the crossbar capacity " + std::to_string(cap.inputs) + "x" + std::to_string(cap.outputs));
      if (t.crossbar < 0 || t.crossbar >= p_.num_crossbars) return Fail("tile crossbar index out of range");
      if (!seen.insert({t.group, t.row_begin, t.col_begin}).second) return Fail("overlapping tiles");
      covered += int64_t{t.row_count} * t.col_count;
    }
    if (covered != k * m * x.geom.groups) return Fail("tiles do not cover the weight matrix exactly once");
    return Status::Ok();
  }

  Status Check(const XbarLinearOp& x) {
    CIM_RETURN_IF_ERROR(In(x.input));
    CIM_RETURN_IF_ERROR(Out(x.output));
    CIM_RETURN_IF_ERROR(CheckGeometry(x.geom, x.dense, x.input, x.output));
    if (static_cast<int64_t>(x.weights.size()) != x.geom.out_channels * x.geom.PatchSize())
      return Fail("has " + std::to_string(x.weights.size()) + " weights, geometry needs " +
                  std::to_string(x.geom.out_channels * x.geom.PatchSize()));
    for (int8_t w : x.weights)
      if (w < -1 || w > 1 || (w == 0 && !x.ternary_weights)) return Fail("weight " + std::to_string(w) + " outside its value set");
    if (x.geom.pad_value != 0.0 && x.geom.pad_value != 1.0 && x.geom.pad_value != -1.0)
      return Fail("pad value must be -1, 0 or +1 on a crossbar layer");
    return CheckTiles(x);
  }

  Status Check(const DigitalLinearOp& d) {
    CIM_RETURN_IF_ERROR(In(d.input));
    CIM_RETURN_IF_ERROR(Out(d.output));
    CIM_RETURN_IF_ERROR(CheckGeometry(d.geom, d.dense, d.input, d.output));
    if (static_cast<int64_t>(d.weights.size()) != d.geom.out_channels * d.geom.PatchSize())
      return Fail("weight count does not match the geometry");
    if (!d.bias.empty() && static_cast<int64_t>(d.bias.size()) != d.geom.out_channels)
      return Fail("bias count does not match the output channels");
    return Status::Ok();
  }

  Status CheckChannelSized(size_t n, int axis, int tensor, const char* what) const {
    const auto& s = ShapeOf(tensor);
    if (axis < 0 || axis >= static_cast<int>(std::max<size_t>(s.size(), 1)))
      return Fail("channel axis " + std::to_string(axis) + " out of range");
    const int64_t c = s.empty() ? 1 : s[axis];
    if (n != 1 && static_cast<int64_t>(n) != c)
      return Fail(std::string(what) + " has " + std::to_string(n) + " entries for " + std::to_string(c) + " channels");
    return Status::Ok();
  }

  Status Check(const PointwiseOp& o) {
    CIM_RETURN_IF_ERROR(In(o.input));
    CIM_RETURN_IF_ERROR(Out(o.output));
    CIM_RETURN_IF_ERROR(SameShape(o.input, o.output));
    for (const PointwiseStep& s : o.steps) {
      for (const auto* v : {&s.c, &s.c2, &s.c3, &s.c4}) {
        if (v->empty()) continue;
        CIM_RETURN_IF_ERROR(CheckChannelSized(v->size(), o.channel_axis, o.input, "a constant"));
      }
      const bool needs_c = s.kind != PointwiseStep::Kind::kSign && s.kind != PointwiseStep::Kind::kRelu &&
                           s.kind != PointwiseStep::Kind::kNeg && s.kind != PointwiseStep::Kind::kAbs;
      if (needs_c && s.c.empty()) return Fail("step without its constant");
      if (s.kind == PointwiseStep::Kind::kBatchNorm && (s.c2.empty() || s.c3.empty() || s.c4.empty()))
        return Fail("BatchNorm step without scale, bias, mean and var");
    }
    return Status::Ok();
  }

  Status Check(const ThresholdOp& t) {
    CIM_RETURN_IF_ERROR(In(t.input));
    CIM_RETURN_IF_ERROR(Out(t.output));
    CIM_RETURN_IF_ERROR(SameShape(t.input, t.output));
    const size_t n = t.lower.size();
    if (t.upper.size() != n || t.low.size() != n || t.mid.size() != n || t.high.size() != n)
      return Fail("threshold vectors differ in length");
    CIM_RETURN_IF_ERROR(CheckChannelSized(n, t.channel_axis, t.input, "the thresholds"));
    for (size_t c = 0; c < n; ++c)
      if (t.lower[c] > t.upper[c]) return Fail("lower threshold above upper in channel " + std::to_string(c));
    return Status::Ok();
  }

  Status Check(const PoolOp& o) {
    CIM_RETURN_IF_ERROR(In(o.input));
    CIM_RETURN_IF_ERROR(Out(o.output));
    const auto& in = ShapeOf(o.input);
    const auto& out = ShapeOf(o.output);
    if (in.size() != 3) return Fail("pool input must be {C,H,W}, got " + Dims(in));
    std::vector<int64_t> want{in[0], 1, 1};
    if (o.kind != PoolOp::Kind::kGlobalAverage) {
      if (o.kernel_h < 1 || o.kernel_w < 1 || o.stride_h < 1 || o.stride_w < 1 || o.dilation_h < 1 ||
          o.dilation_w < 1 || o.pad_top < 0 || o.pad_left < 0 || o.pad_bottom < 0 || o.pad_right < 0)
        return Fail("kernel, stride and dilation must be >= 1 and pads >= 0");
      want[1] = (in[1] + o.pad_top + o.pad_bottom - o.dilation_h * (o.kernel_h - 1) - 1) / o.stride_h + 1;
      want[2] = (in[2] + o.pad_left + o.pad_right - o.dilation_w * (o.kernel_w - 1) - 1) / o.stride_w + 1;
    }
    if (out != want) return Fail("output shape " + Dims(out) + ", expected " + Dims(want));
    return Status::Ok();
  }

  Status Check(const PadOp& o) {
    CIM_RETURN_IF_ERROR(In(o.input));
    CIM_RETURN_IF_ERROR(Out(o.output));
    const auto& in = ShapeOf(o.input);
    if (o.pads_begin.size() != in.size() || o.pads_end.size() != in.size()) return Fail("pads do not match the rank");
    std::vector<int64_t> want(in);
    for (size_t i = 0; i < in.size(); ++i) {
      if (o.pads_begin[i] < 0 || o.pads_end[i] < 0) return Fail("negative pads are not supported");
      want[i] += o.pads_begin[i] + o.pads_end[i];
    }
    if (ShapeOf(o.output) != want) return Fail("output shape " + Dims(ShapeOf(o.output)) + ", expected " + Dims(want));
    return Status::Ok();
  }

  Status Check(const TransposeOp& o) {
    CIM_RETURN_IF_ERROR(In(o.input));
    CIM_RETURN_IF_ERROR(Out(o.output));
    const auto& in = ShapeOf(o.input);
    if (o.perm.size() != in.size()) return Fail("perm does not match the rank");
    std::vector<int64_t> want(in.size());
    std::vector<bool> used(in.size(), false);
    for (size_t i = 0; i < o.perm.size(); ++i) {
      const int64_t a = o.perm[i];
      if (a < 0 || a >= static_cast<int64_t>(in.size()) || used[a]) return Fail("perm is not a permutation");
      used[a] = true;
      want[i] = in[a];
    }
    if (ShapeOf(o.output) != want) return Fail("output shape " + Dims(ShapeOf(o.output)) + ", expected " + Dims(want));
    return Status::Ok();
  }

  Status Check(const ReshapeOp& o) {
    CIM_RETURN_IF_ERROR(In(o.input));
    CIM_RETURN_IF_ERROR(Out(o.output));
    if (Numel(ShapeOf(o.input)) != Numel(ShapeOf(o.output))) return Fail("reshape changes the element count");
    return Status::Ok();
  }

  Status Check(const BinaryOp& o) {
    CIM_RETURN_IF_ERROR(In(o.lhs));
    CIM_RETURN_IF_ERROR(In(o.rhs));
    CIM_RETURN_IF_ERROR(Out(o.output));
    CIM_RETURN_IF_ERROR(SameShape(o.lhs, o.rhs));
    return SameShape(o.lhs, o.output);
  }

  Status Check(const SoftmaxOp& o) {
    CIM_RETURN_IF_ERROR(In(o.input));
    CIM_RETURN_IF_ERROR(Out(o.output));
    CIM_RETURN_IF_ERROR(SameShape(o.input, o.output));
    if (o.axis < 0 || o.axis >= static_cast<int>(ShapeOf(o.input).size())) return Fail("softmax axis out of range");
    return Status::Ok();
  }

  const Program& p_;
  std::vector<bool> written_;
  std::string where_;
};

}  // namespace

Status VerifyProgram(const Program& p) { return Verifier(p).Run(); }

}  // namespace cim

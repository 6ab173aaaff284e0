// cim.pb.Program -> Program. The message comes from an untrusted file, so
// every enum, id, integer and size is checked here before anything is sized
// from it; VerifyProgram (called by the reader afterwards) then checks the
// program's own invariants with arithmetic that these bounds keep in range.

#include <set>

#include "lib/program/program_codec.h"
#include "lib/program/program_format.h"
#include "lib/program/weight_bits.h"

namespace cim {
namespace {

namespace fmt = program_format;

class Decoder {
 public:
  explicit Decoder(const pb::Program& m) : m_(m) {}

  Result<Program> Run() {
    Program p;
    p.producer = m_.producer();
    p.model_name = m_.model_name();
    p.source_file = m_.source_file();
    p.dataset_hint = m_.dataset_hint();
    where_ = "input";
    CIM_RETURN_IF_ERROR(Shape(m_.input().shape(), "shape", &p.input.shape));
    CIM_RETURN_IF_ERROR(Enum(m_.input().layout(), 1, "layout", &p.input.layout));
    p.input.scale = m_.input().scale();
    p.input.offset = m_.input().offset();
    where_ = "geometry";
    CIM_RETURN_IF_ERROR(CrossbarSide(m_.geometry().rows(), "rows", &p.geometry.rows));
    CIM_RETURN_IF_ERROR(CrossbarSide(m_.geometry().cols(), "cols", &p.geometry.cols));
    where_ = "program";
    CIM_RETURN_IF_ERROR(MappingByName(m_.mapping(), &p.mapping));
    p.tensors.resize(m_.tensors_size());
    for (int t = 0; t < m_.tensors_size(); ++t) CIM_RETURN_IF_ERROR(Tensor(t, &p.tensors[t]));
    num_tensors_ = m_.tensors_size();
    p.ops.reserve(m_.ops_size());
    for (int i = 0; i < m_.ops_size(); ++i) {
      CIM_ASSIGN_OR_RETURN(Op op, DecodeOp(i));
      p.ops.push_back(std::move(op));
    }
    where_ = "program";
    CIM_RETURN_IF_ERROR(TensorId(m_.output(), "output", &p.output));
    p.num_crossbars = m_.num_crossbars();
    if (p.num_crossbars != static_cast<int64_t>(crossbars_.size())) {
      return InvalidArgument("num_crossbars is " + std::to_string(p.num_crossbars) +
                             ", tiles use " + std::to_string(crossbars_.size()) +
                             " distinct crossbars");
    }
    return p;
  }

 private:
  Status Fail(const std::string& what) const { return InvalidArgument(where_ + ": " + what); }

  // Keeps geometry arithmetic (sums and products of two fields) far from
  // int64 overflow.
  Status Dim(int64_t v, const char* field, int64_t* out) const {
    if (v < -fmt::kMaxDimension || v > fmt::kMaxDimension)
      return Fail(std::string(field) + " = " + std::to_string(v) + " is outside [-2^31, 2^31]");
    *out = v;
    return Status::Ok();
  }

  template <typename Repeated>
  Status Dims(const Repeated& in, const char* field, std::vector<int64_t>* out) const {
    out->resize(in.size());
    for (int i = 0; i < in.size(); ++i) CIM_RETURN_IF_ERROR(Dim(in[i], field, &(*out)[i]));
    return Status::Ok();
  }

  template <typename Repeated>
  Status Shape(const Repeated& in, const char* field, std::vector<int64_t>* out) const {
    CIM_RETURN_IF_ERROR(Dims(in, field, out));
    int64_t n = 1;
    for (int64_t d : *out) {
      if (d < 1) return Status::Ok();  // VerifyProgram names non-positive dims
      if (n > fmt::kMaxElements / d)
        return Fail(std::string(field) + " has more than 2^31 elements");
      n *= d;
    }
    return Status::Ok();
  }

  template <typename E>
  Status Enum(int value, int max, const char* field, E* out) const {
    if (value < 0 || value > max) {
      return Fail(std::string(field) + " = " + std::to_string(value) + " is outside [0, " +
                  std::to_string(max) + "]");
    }
    *out = static_cast<E>(value);
    return Status::Ok();
  }

  Status CrossbarSide(int64_t v, const char* field, int64_t* out) const {
    if (v < 1 || v > fmt::kMaxCrossbarSide) {
      return Fail(std::string(field) + " = " + std::to_string(v) + " is outside [1, " +
                  std::to_string(fmt::kMaxCrossbarSide) + "]");
    }
    *out = v;
    return Status::Ok();
  }

  Status MappingByName(const std::string& name, Mapping* out) const {
    Result<Mapping> m = ParseMapping(name);
    if (!m.ok()) return Fail(m.status().message());
    *out = *m;
    return Status::Ok();
  }

  Status TensorId(int32_t v, const char* field, int* out) const {
    if (v < 0 || v >= num_tensors_) {
      return Fail(std::string(field) + " tensor " + std::to_string(v) + " is outside [0, " +
                  std::to_string(num_tensors_) + ")");
    }
    *out = v;
    return Status::Ok();
  }

  Status Tensor(int t, TensorInfo* out) {
    const pb::TensorInfo& m = m_.tensors(t);
    where_ = "tensor " + std::to_string(t) + " \"" + m.name() + "\"";
    out->name = m.name();
    CIM_RETURN_IF_ERROR(Shape(m.shape(), "shape", &out->shape));
    return Enum(m.values(), static_cast<int>(ValueSet::kBinary), "values", &out->values);
  }

  Status Geometry(const pb::ConvGeometry& m, ConvGeometry* g) const {
    CIM_RETURN_IF_ERROR(Dim(m.in_channels(), "in_channels", &g->in_channels));
    CIM_RETURN_IF_ERROR(Dim(m.in_h(), "in_h", &g->in_h));
    CIM_RETURN_IF_ERROR(Dim(m.in_w(), "in_w", &g->in_w));
    CIM_RETURN_IF_ERROR(Dim(m.out_channels(), "out_channels", &g->out_channels));
    CIM_RETURN_IF_ERROR(Dim(m.out_h(), "out_h", &g->out_h));
    CIM_RETURN_IF_ERROR(Dim(m.out_w(), "out_w", &g->out_w));
    CIM_RETURN_IF_ERROR(Dim(m.kernel_h(), "kernel_h", &g->kernel_h));
    CIM_RETURN_IF_ERROR(Dim(m.kernel_w(), "kernel_w", &g->kernel_w));
    CIM_RETURN_IF_ERROR(Dim(m.stride_h(), "stride_h", &g->stride_h));
    CIM_RETURN_IF_ERROR(Dim(m.stride_w(), "stride_w", &g->stride_w));
    CIM_RETURN_IF_ERROR(Dim(m.dilation_h(), "dilation_h", &g->dilation_h));
    CIM_RETURN_IF_ERROR(Dim(m.dilation_w(), "dilation_w", &g->dilation_w));
    CIM_RETURN_IF_ERROR(Dim(m.pad_top(), "pad_top", &g->pad_top));
    CIM_RETURN_IF_ERROR(Dim(m.pad_left(), "pad_left", &g->pad_left));
    CIM_RETURN_IF_ERROR(Dim(m.pad_bottom(), "pad_bottom", &g->pad_bottom));
    CIM_RETURN_IF_ERROR(Dim(m.pad_right(), "pad_right", &g->pad_right));
    g->pad_value = m.pad_value();
    CIM_RETURN_IF_ERROR(Dim(m.groups(), "groups", &g->groups));
    // The weight count out_channels * PatchSize() must not overflow anywhere
    // downstream, so it is bounded here once.
    int64_t n = 0;
    if (g->groups < 1 || g->in_channels < 0 || g->out_channels < 0 || g->kernel_h < 0 ||
        g->kernel_w < 0 ||
        __builtin_mul_overflow(g->out_channels, g->in_channels / g->groups, &n) ||
        __builtin_mul_overflow(n, g->kernel_h, &n) || __builtin_mul_overflow(n, g->kernel_w, &n) ||
        n > fmt::kMaxElements) {
      return Fail("geometry (" + std::to_string(g->in_channels) + "->" +
                  std::to_string(g->out_channels) + " channels, " + std::to_string(g->groups) +
                  " groups, kernel " + std::to_string(g->kernel_h) + "x" +
                  std::to_string(g->kernel_w) + ") does not give 0 to 2^31 weights");
    }
    return Status::Ok();
  }

  Status Tiles(const pb::XbarLinearOp& m, std::vector<Tile>* out) {
    out->resize(m.tiles_size());
    for (int i = 0; i < m.tiles_size(); ++i) {
      const pb::Tile& t = m.tiles(i);
      // Tile ranges are int32 in the IR; their ends must be too.
      if (t.group() < 0 || t.row_begin() < 0 || t.row_count() < 0 || t.col_begin() < 0 ||
          t.col_count() < 0 || int64_t{t.row_begin()} + t.row_count() > INT32_MAX ||
          int64_t{t.col_begin()} + t.col_count() > INT32_MAX || t.crossbar() < 0) {
        return Fail("tile " + std::to_string(i) + " has a negative field or an end past 2^31 - 1");
      }
      (*out)[i] = {t.group(),     t.row_begin(), t.row_count(),
                   t.col_begin(), t.col_count(), t.crossbar()};
      crossbars_.insert(t.crossbar());
    }
    return Status::Ok();
  }

  Status Decode(const pb::XbarLinearOp& m, XbarLinearOp* o) {
    o->dense = m.dense();
    CIM_RETURN_IF_ERROR(Geometry(m.geom(), &o->geom));
    o->ternary_weights = m.ternary_weights();
    o->ternary_inputs = m.ternary_inputs();
    CIM_RETURN_IF_ERROR(MappingByName(m.mapping(), &o->mapping));
    const int64_t count = o->geom.out_channels * o->geom.PatchSize();
    Result<std::vector<int8_t>> weights =
        UnpackWeights({m.positive_bits(), m.nonzero_bits()}, count, o->ternary_weights);
    if (!weights.ok()) return Fail(weights.status().message());
    o->weights = std::move(*weights);
    return Tiles(m, &o->tiles);
  }

  Status Decode(const pb::DigitalLinearOp& m, DigitalLinearOp* o) const {
    o->dense = m.dense();
    CIM_RETURN_IF_ERROR(Geometry(m.geom(), &o->geom));
    o->weights.assign(m.weights().begin(), m.weights().end());
    o->bias.assign(m.bias().begin(), m.bias().end());
    return Status::Ok();
  }

  Status Decode(const pb::PointwiseOp& m, PointwiseOp* o) const {
    o->channel_axis = m.channel_axis();
    o->steps.resize(m.steps_size());
    for (int i = 0; i < m.steps_size(); ++i) {
      const pb::PointwiseStep& ms = m.steps(i);
      PointwiseStep& s = o->steps[i];
      CIM_RETURN_IF_ERROR(
          Enum(ms.kind(), static_cast<int>(PointwiseStep::Kind::kBatchNorm), "step kind", &s.kind));
      s.reversed = ms.reversed();
      s.c.assign(ms.c().begin(), ms.c().end());
      s.c2.assign(ms.c2().begin(), ms.c2().end());
      s.c3.assign(ms.c3().begin(), ms.c3().end());
      s.c4.assign(ms.c4().begin(), ms.c4().end());
      s.eps = ms.eps();
    }
    return Status::Ok();
  }

  static std::vector<int8_t> Int8s(const std::string& bytes) {
    return std::vector<int8_t>(reinterpret_cast<const int8_t*>(bytes.data()),
                               reinterpret_cast<const int8_t*>(bytes.data()) + bytes.size());
  }

  Status Decode(const pb::ThresholdOp& m, ThresholdOp* o) const {
    o->channel_axis = m.channel_axis();
    o->lower.assign(m.lower().begin(), m.lower().end());
    o->upper.assign(m.upper().begin(), m.upper().end());
    o->low = Int8s(m.low());
    o->mid = Int8s(m.mid());
    o->high = Int8s(m.high());
    return Status::Ok();
  }

  Status Decode(const pb::PoolOp& m, PoolOp* o) const {
    CIM_RETURN_IF_ERROR(
        Enum(m.kind(), static_cast<int>(PoolOp::Kind::kGlobalAverage), "pool kind", &o->kind));
    CIM_RETURN_IF_ERROR(Dim(m.kernel_h(), "kernel_h", &o->kernel_h));
    CIM_RETURN_IF_ERROR(Dim(m.kernel_w(), "kernel_w", &o->kernel_w));
    CIM_RETURN_IF_ERROR(Dim(m.stride_h(), "stride_h", &o->stride_h));
    CIM_RETURN_IF_ERROR(Dim(m.stride_w(), "stride_w", &o->stride_w));
    CIM_RETURN_IF_ERROR(Dim(m.dilation_h(), "dilation_h", &o->dilation_h));
    CIM_RETURN_IF_ERROR(Dim(m.dilation_w(), "dilation_w", &o->dilation_w));
    CIM_RETURN_IF_ERROR(Dim(m.pad_top(), "pad_top", &o->pad_top));
    CIM_RETURN_IF_ERROR(Dim(m.pad_left(), "pad_left", &o->pad_left));
    CIM_RETURN_IF_ERROR(Dim(m.pad_bottom(), "pad_bottom", &o->pad_bottom));
    CIM_RETURN_IF_ERROR(Dim(m.pad_right(), "pad_right", &o->pad_right));
    o->count_include_pad = m.count_include_pad();
    return Status::Ok();
  }

  Status Decode(const pb::PadOp& m, PadOp* o) const {
    CIM_RETURN_IF_ERROR(Dims(m.pads_begin(), "pads_begin", &o->pads_begin));
    CIM_RETURN_IF_ERROR(Dims(m.pads_end(), "pads_end", &o->pads_end));
    o->value = m.value();
    return Status::Ok();
  }

  Status Decode(const pb::TransposeOp& m, TransposeOp* o) const {
    return Dims(m.perm(), "perm", &o->perm);
  }

  Status Decode(const pb::ReshapeOp&, ReshapeOp*) const { return Status::Ok(); }

  Status Decode(const pb::SoftmaxOp& m, SoftmaxOp* o) const {
    o->axis = m.axis();
    return Status::Ok();
  }

  // The fields every single-input op has.
  template <typename M, typename O>
  Result<Op> Unary(const M& m, const char* kind, int index) {
    O o;
    o.name = m.name();
    where_ = "op " + std::to_string(index) + " (" + kind + " \"" + m.name() + "\")";
    CIM_RETURN_IF_ERROR(TensorId(m.input(), "input", &o.input));
    CIM_RETURN_IF_ERROR(TensorId(m.output(), "output", &o.output));
    CIM_RETURN_IF_ERROR(Decode(m, &o));
    return Op(std::move(o));
  }

  Result<Op> Binary(const pb::BinaryOp& m, int index) {
    BinaryOp o;
    o.name = m.name();
    where_ = "op " + std::to_string(index) + " (Binary \"" + m.name() + "\")";
    CIM_RETURN_IF_ERROR(TensorId(m.lhs(), "lhs", &o.lhs));
    CIM_RETURN_IF_ERROR(TensorId(m.rhs(), "rhs", &o.rhs));
    CIM_RETURN_IF_ERROR(TensorId(m.output(), "output", &o.output));
    CIM_RETURN_IF_ERROR(
        Enum(m.kind(), static_cast<int>(BinaryOp::Kind::kMul), "binary kind", &o.kind));
    return Op(std::move(o));
  }

  Result<Op> DecodeOp(int i) {
    const pb::Op& m = m_.ops(i);
    switch (m.kind_case()) {
      case pb::Op::kXbarLinear:
        return Unary<pb::XbarLinearOp, XbarLinearOp>(m.xbar_linear(), "XbarLinear", i);
      case pb::Op::kDigitalLinear:
        return Unary<pb::DigitalLinearOp, DigitalLinearOp>(m.digital_linear(), "DigitalLinear", i);
      case pb::Op::kPointwise:
        return Unary<pb::PointwiseOp, PointwiseOp>(m.pointwise(), "Pointwise", i);
      case pb::Op::kThreshold:
        return Unary<pb::ThresholdOp, ThresholdOp>(m.threshold(), "Threshold", i);
      case pb::Op::kPool:
        return Unary<pb::PoolOp, PoolOp>(m.pool(), "Pool", i);
      case pb::Op::kPad:
        return Unary<pb::PadOp, PadOp>(m.pad(), "Pad", i);
      case pb::Op::kTranspose:
        return Unary<pb::TransposeOp, TransposeOp>(m.transpose(), "Transpose", i);
      case pb::Op::kReshape:
        return Unary<pb::ReshapeOp, ReshapeOp>(m.reshape(), "Reshape", i);
      case pb::Op::kBinary:
        return Binary(m.binary(), i);
      case pb::Op::kSoftmax:
        return Unary<pb::SoftmaxOp, SoftmaxOp>(m.softmax(), "Softmax", i);
      case pb::Op::KIND_NOT_SET:
        break;
    }
    return InvalidArgument("op " + std::to_string(i) +
                           " has no kind this cimsim knows (written by a newer cimc?)");
  }

  const pb::Program& m_;
  int num_tensors_ = 0;
  std::set<int32_t> crossbars_;
  std::string where_;
};

}  // namespace

Result<Program> DecodeProgram(const pb::Program& m) { return Decoder(m).Run(); }

}  // namespace cim

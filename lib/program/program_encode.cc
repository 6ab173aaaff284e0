// Program -> cim.pb.Program. Every field is written; enums keep their numeric
// values, mappings are written by name.

#include "lib/program/program_codec.h"
#include "lib/program/weight_bits.h"

namespace cim {
namespace {

template <typename Repeated, typename Vector>
void CopyTo(Repeated* out, const Vector& in) {
  out->Reserve(static_cast<int>(in.size()));
  for (const auto& v : in) out->Add(v);
}

std::string Int8Bytes(const std::vector<int8_t>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size());
}

void Encode(const ConvGeometry& g, pb::ConvGeometry* m) {
  m->set_in_channels(g.in_channels);
  m->set_in_h(g.in_h);
  m->set_in_w(g.in_w);
  m->set_out_channels(g.out_channels);
  m->set_out_h(g.out_h);
  m->set_out_w(g.out_w);
  m->set_kernel_h(g.kernel_h);
  m->set_kernel_w(g.kernel_w);
  m->set_stride_h(g.stride_h);
  m->set_stride_w(g.stride_w);
  m->set_dilation_h(g.dilation_h);
  m->set_dilation_w(g.dilation_w);
  m->set_pad_top(g.pad_top);
  m->set_pad_left(g.pad_left);
  m->set_pad_bottom(g.pad_bottom);
  m->set_pad_right(g.pad_right);
  m->set_pad_value(g.pad_value);
  m->set_groups(g.groups);
}

void Encode(const XbarLinearOp& o, pb::Op* op) {
  pb::XbarLinearOp* m = op->mutable_xbar_linear();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  m->set_dense(o.dense);
  Encode(o.geom, m->mutable_geom());
  m->set_ternary_weights(o.ternary_weights);
  m->set_ternary_inputs(o.ternary_inputs);
  m->set_mapping(MappingName(o.mapping));
  WeightPlanes planes = PackWeights(o.weights, o.ternary_weights);
  m->set_positive_bits(std::move(planes.positive_bits));
  m->set_nonzero_bits(std::move(planes.nonzero_bits));
  for (const Tile& t : o.tiles) {
    pb::Tile* mt = m->add_tiles();
    mt->set_group(t.group);
    mt->set_row_begin(t.row_begin);
    mt->set_row_count(t.row_count);
    mt->set_col_begin(t.col_begin);
    mt->set_col_count(t.col_count);
    mt->set_crossbar(t.crossbar);
  }
}

void Encode(const DigitalLinearOp& o, pb::Op* op) {
  pb::DigitalLinearOp* m = op->mutable_digital_linear();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  m->set_dense(o.dense);
  Encode(o.geom, m->mutable_geom());
  CopyTo(m->mutable_weights(), o.weights);
  CopyTo(m->mutable_bias(), o.bias);
}

void Encode(const PointwiseOp& o, pb::Op* op) {
  pb::PointwiseOp* m = op->mutable_pointwise();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  m->set_channel_axis(o.channel_axis);
  for (const PointwiseStep& s : o.steps) {
    pb::PointwiseStep* ms = m->add_steps();
    ms->set_kind(static_cast<pb::PointwiseKind>(s.kind));
    ms->set_reversed(s.reversed);
    CopyTo(ms->mutable_c(), s.c);
    CopyTo(ms->mutable_c2(), s.c2);
    CopyTo(ms->mutable_c3(), s.c3);
    CopyTo(ms->mutable_c4(), s.c4);
    ms->set_eps(s.eps);
  }
}

void Encode(const ThresholdOp& o, pb::Op* op) {
  pb::ThresholdOp* m = op->mutable_threshold();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  m->set_channel_axis(o.channel_axis);
  CopyTo(m->mutable_lower(), o.lower);
  CopyTo(m->mutable_upper(), o.upper);
  m->set_low(Int8Bytes(o.low));
  m->set_mid(Int8Bytes(o.mid));
  m->set_high(Int8Bytes(o.high));
}

void Encode(const PoolOp& o, pb::Op* op) {
  pb::PoolOp* m = op->mutable_pool();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  m->set_kind(static_cast<pb::PoolKind>(o.kind));
  m->set_kernel_h(o.kernel_h);
  m->set_kernel_w(o.kernel_w);
  m->set_stride_h(o.stride_h);
  m->set_stride_w(o.stride_w);
  m->set_dilation_h(o.dilation_h);
  m->set_dilation_w(o.dilation_w);
  m->set_pad_top(o.pad_top);
  m->set_pad_left(o.pad_left);
  m->set_pad_bottom(o.pad_bottom);
  m->set_pad_right(o.pad_right);
  m->set_count_include_pad(o.count_include_pad);
}

void Encode(const PadOp& o, pb::Op* op) {
  pb::PadOp* m = op->mutable_pad();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  CopyTo(m->mutable_pads_begin(), o.pads_begin);
  CopyTo(m->mutable_pads_end(), o.pads_end);
  m->set_value(o.value);
}

void Encode(const TransposeOp& o, pb::Op* op) {
  pb::TransposeOp* m = op->mutable_transpose();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  CopyTo(m->mutable_perm(), o.perm);
}

void Encode(const ReshapeOp& o, pb::Op* op) {
  pb::ReshapeOp* m = op->mutable_reshape();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
}

void Encode(const BinaryOp& o, pb::Op* op) {
  pb::BinaryOp* m = op->mutable_binary();
  m->set_name(o.name);
  m->set_lhs(o.lhs);
  m->set_rhs(o.rhs);
  m->set_output(o.output);
  m->set_kind(static_cast<pb::BinaryKind>(o.kind));
}

void Encode(const SoftmaxOp& o, pb::Op* op) {
  pb::SoftmaxOp* m = op->mutable_softmax();
  m->set_name(o.name);
  m->set_input(o.input);
  m->set_output(o.output);
  m->set_axis(o.axis);
}

}  // namespace

pb::Program EncodeProgram(const Program& p) {
  pb::Program m;
  m.set_producer(p.producer);
  m.set_model_name(p.model_name);
  m.set_source_file(p.source_file);
  m.set_dataset_hint(p.dataset_hint);
  CopyTo(m.mutable_input()->mutable_shape(), p.input.shape);
  m.mutable_input()->set_layout(static_cast<pb::Layout>(p.input.layout));
  m.mutable_input()->set_scale(p.input.scale);
  m.mutable_input()->set_offset(p.input.offset);
  m.mutable_geometry()->set_rows(p.geometry.rows);
  m.mutable_geometry()->set_cols(p.geometry.cols);
  m.set_mapping(MappingName(p.mapping));
  for (const TensorInfo& t : p.tensors) {
    pb::TensorInfo* mt = m.add_tensors();
    mt->set_name(t.name);
    CopyTo(mt->mutable_shape(), t.shape);
    mt->set_values(static_cast<pb::ValueSet>(t.values));
  }
  for (const Op& op : p.ops) std::visit([&m](const auto& o) { Encode(o, m.add_ops()); }, op);
  m.set_output(p.output);
  m.set_num_crossbars(p.num_crossbars);
  return m;
}

}  // namespace cim

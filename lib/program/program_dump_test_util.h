#pragma once
// A field-by-field text dump of a Program for the round-trip tests: every
// field of every struct, doubles as hex floats (bit-exact, -0.0 differs from
// 0.0), so two programs are equal iff their dumps are. Catch shows the first
// differing line.

#include <cstdio>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "cim/tile/program.h"

namespace cim::testing {

class ProgramDumper {
 public:
  std::string Dump(const Program& p) {
    F("model_name", p.model_name), F("source_file", p.source_file), F("producer", p.producer);
    F("dataset_hint", p.dataset_hint), F("input.shape", p.input.shape);
    F("input.layout", p.input.layout), F("input.scale", p.input.scale);
    F("input.offset", p.input.offset), F("rows", p.geometry.rows), F("cols", p.geometry.cols);
    F("mapping", p.mapping), F("output", p.output), F("num_crossbars", p.num_crossbars);
    for (const TensorInfo& t : p.tensors)
      F("tensor.name", t.name), F("shape", t.shape), F("values", t.values);
    for (const Op& op : p.ops) {
      os_ << "op " << op.index() << "\n";
      std::visit([this](const auto& o) { DumpOp(o); }, op);
    }
    return os_.str();
  }

 private:
  template <typename T>
  void F(const char* name, const T& v) {
    os_ << name << " =";
    Value(v);
    os_ << "\n";
  }
  template <typename T>
  void Value(const T& v) {
    if constexpr (std::is_same_v<T, double>) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " %a", v);
      os_ << buf;
    } else if constexpr (std::is_same_v<T, std::string>) {
      os_ << " \"" << v << "\"";
    } else if constexpr (std::is_enum_v<T>) {
      os_ << " " << static_cast<int64_t>(v);
    } else if constexpr (std::is_integral_v<T>) {
      os_ << " " << static_cast<int64_t>(v);
    } else {  // a vector
      os_ << " [" << v.size() << "]";
      for (const auto& e : v) Value(e);
    }
  }
  void Geom(const ConvGeometry& g) {
    for (int64_t v : {g.in_channels, g.in_h, g.in_w, g.out_channels, g.out_h, g.out_w, g.kernel_h,
                      g.kernel_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_top,
                      g.pad_left, g.pad_bottom, g.pad_right, g.groups})
      F("geom", v);
    F("pad_value", g.pad_value);
  }
  void Io(const std::string& name, int in, int out) {
    F("name", name), F("input", in), F("output", out);
  }
  void DumpOp(const XbarLinearOp& o) {
    Io(o.name, o.input, o.output), F("dense", o.dense), Geom(o.geom);
    F("ternary_weights", o.ternary_weights), F("ternary_inputs", o.ternary_inputs);
    F("weights", o.weights), F("mapping", o.mapping);
    for (const Tile& t : o.tiles)
      for (int32_t v : {t.group, t.row_begin, t.row_count, t.col_begin, t.col_count, t.crossbar})
        F("tile", v);
  }
  void DumpOp(const DigitalLinearOp& o) {
    Io(o.name, o.input, o.output), F("dense", o.dense), Geom(o.geom);
    F("weights", o.weights), F("bias", o.bias);
  }
  void DumpOp(const PointwiseOp& o) {
    Io(o.name, o.input, o.output), F("channel_axis", o.channel_axis);
    for (const PointwiseStep& s : o.steps) {
      F("kind", s.kind), F("reversed", s.reversed), F("c", s.c), F("c2", s.c2), F("c3", s.c3);
      F("c4", s.c4), F("eps", s.eps);
    }
  }
  void DumpOp(const ThresholdOp& o) {
    Io(o.name, o.input, o.output), F("channel_axis", o.channel_axis), F("lower", o.lower);
    F("upper", o.upper), F("low", o.low), F("mid", o.mid), F("high", o.high);
  }
  void DumpOp(const PoolOp& o) {
    Io(o.name, o.input, o.output), F("kind", o.kind);
    for (int64_t v : {o.kernel_h, o.kernel_w, o.stride_h, o.stride_w, o.dilation_h, o.dilation_w,
                      o.pad_top, o.pad_left, o.pad_bottom, o.pad_right})
      F("window", v);
    F("count_include_pad", o.count_include_pad);
  }
  void DumpOp(const PadOp& o) {
    Io(o.name, o.input, o.output), F("pads_begin", o.pads_begin), F("pads_end", o.pads_end);
    F("value", o.value);
  }
  void DumpOp(const TransposeOp& o) { Io(o.name, o.input, o.output), F("perm", o.perm); }
  void DumpOp(const ReshapeOp& o) { Io(o.name, o.input, o.output); }
  void DumpOp(const BinaryOp& o) {
    F("name", o.name), F("lhs", o.lhs), F("rhs", o.rhs), F("output", o.output), F("kind", o.kind);
  }
  void DumpOp(const SoftmaxOp& o) { Io(o.name, o.input, o.output), F("axis", o.axis); }

  std::ostringstream os_;
};

inline std::string DumpProgram(const Program& p) { return ProgramDumper().Dump(p); }

}  // namespace cim::testing

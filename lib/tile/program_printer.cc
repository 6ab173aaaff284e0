// PrintProgram: the textual tile IR (`cimc --emit=ir`). Stable for golden
// tests: doubles print with 17 significant digits, long vectors abbreviated.

#include <cstdio>
#include <sstream>
#include <string>

#include "cim/tile/pointwise.h"
#include "cim/tile/program.h"
#include "lib/tile/op_names.h"

namespace cim {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

template <typename T>
std::string List(const std::vector<T>& v, size_t max_shown = 8) {
  std::string s = "[";
  for (size_t i = 0; i < v.size() && i < max_shown; ++i) {
    if (i) s += ",";
    if constexpr (std::is_floating_point_v<T>) s += Num(v[i]);
    else s += std::to_string(static_cast<int64_t>(v[i]));
  }
  if (v.size() > max_shown) s += ",...(" + std::to_string(v.size()) + " total)";
  return s + "]";
}

std::string Dims(const std::vector<int64_t>& d) {
  std::string s = "{";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "}";
}

class Printer {
 public:
  explicit Printer(const Program& p) : p_(p) {}

  std::string Run() {
    out_ << "program \"" << p_.model_name << "\" producer=\"" << p_.producer << "\" source=\""
         << p_.source_file << "\"";
    if (!p_.dataset_hint.empty()) out_ << " dataset=\"" << p_.dataset_hint << "\"";
    out_ << "\ninput " << T(0) << " layout=" << LayoutName(p_.input.layout)
         << " scale=" << Num(p_.input.scale) << " offset=" << Num(p_.input.offset) << "\n";
    out_ << "crossbar " << p_.geometry.rows << "x" << p_.geometry.cols
         << " mapping=" << MappingName(p_.mapping) << " crossbars=" << p_.num_crossbars << "\n";
    for (const Op& op : p_.ops) std::visit([this](const auto& o) { Print(o); }, op);
    out_ << "output " << T(p_.output) << "\n";
    return out_.str();
  }

 private:
  std::string T(int id) const {
    if (id < 0 || id >= static_cast<int>(p_.tensors.size())) return "%" + std::to_string(id) + ":?";
    const TensorInfo& t = p_.tensors[id];
    return "%" + std::to_string(id) + ":" + ValueSetName(t.values) + Dims(t.shape);
  }
  void Head(const Op& op, int out, const std::string& args) {
    out_ << T(out) << " = " << OpKindName(op) << " \"" << OpName(op) << "\"(" << args << ")";
  }
  std::string R(int id) const { return "%" + std::to_string(id); }

  void Geometry(const ConvGeometry& g, bool dense) {
    if (dense) {
      out_ << " dense " << g.in_channels << "->" << g.out_channels;
      return;
    }
    out_ << " conv " << g.in_channels << "->" << g.out_channels << " kernel=" << g.kernel_h << "x"
         << g.kernel_w << " stride=" << g.stride_h << "x" << g.stride_w << " dilation="
         << g.dilation_h << "x" << g.dilation_w << " pads=[" << g.pad_top << "," << g.pad_left
         << "," << g.pad_bottom << "," << g.pad_right << "] pad_value=" << Num(g.pad_value)
         << " groups=" << g.groups;
  }

  void Print(const XbarLinearOp& x) {
    Head(x, x.output, R(x.input));
    Geometry(x.geom, x.dense);
    const MappingTraits& tr = Traits(x.mapping);
    out_ << " weights=" << (x.ternary_weights ? "ternary" : "binary")
         << " inputs=" << (x.ternary_inputs ? "ternary" : "binary") << " mapping=" << tr.name
         << " patch=" << x.geom.PatchSize() << " tiles=" << x.tiles.size() << "\n";
    int64_t plus = 0, minus = 0;
    for (int8_t w : x.weights) {
      plus += w > 0;
      minus += w < 0;
    }
    out_ << "    weight counts: +1=" << plus << " -1=" << minus
         << " 0=" << static_cast<int64_t>(x.weights.size()) - plus - minus << "\n";
    for (const Tile& t : x.tiles) {
      out_ << "    tile xbar#" << t.crossbar << " group " << t.group << " in[" << t.row_begin << ","
           << t.row_begin + t.row_count << ") out[" << t.col_begin << ","
           << t.col_begin + t.col_count << ") cells " << t.row_count * tr.rows_per_input << "x"
           << t.col_count * tr.cols_per_output << "\n";
    }
  }
  void Print(const DigitalLinearOp& d) {
    Head(d, d.output, R(d.input));
    Geometry(d.geom, d.dense);
    out_ << " weights=" << List(d.weights, 4) << " bias=" << List(d.bias, 4) << "\n";
  }
  void Print(const PointwiseOp& o) {
    Head(o, o.output, R(o.input));
    out_ << " axis=" << o.channel_axis << "\n";
    for (const PointwiseStep& s : o.steps) {
      out_ << "    " << PointwiseKindName(s.kind) << (s.reversed ? " reversed" : "");
      if (s.kind == PointwiseStep::Kind::kBatchNorm) {
        out_ << " scale=" << List(s.c, 4) << " bias=" << List(s.c2, 4) << " mean=" << List(s.c3, 4)
             << " var=" << List(s.c4, 4) << " eps=" << Num(s.eps);
      } else if (!s.c.empty()) {
        out_ << " " << List(s.c, 4);
      }
      out_ << "\n";
    }
  }
  void Print(const ThresholdOp& t) {
    Head(t, t.output, R(t.input));
    out_ << " axis=" << t.channel_axis << " lower=" << List(t.lower) << " upper=" << List(t.upper)
         << " low=" << List(t.low) << " mid=" << List(t.mid) << " high=" << List(t.high) << "\n";
  }
  void Print(const PoolOp& o) {
    Head(o, o.output, R(o.input));
    static const char* kinds[] = {"max", "average", "global_average"};
    out_ << " " << kinds[static_cast<int>(o.kind)];
    if (o.kind != PoolOp::Kind::kGlobalAverage) {
      out_ << " kernel=" << o.kernel_h << "x" << o.kernel_w << " stride=" << o.stride_h << "x"
           << o.stride_w << " dilation=" << o.dilation_h << "x" << o.dilation_w << " pads=["
           << o.pad_top << "," << o.pad_left << "," << o.pad_bottom << "," << o.pad_right << "]";
      if (o.kind == PoolOp::Kind::kAverage) out_ << " count_include_pad=" << o.count_include_pad;
    }
    out_ << "\n";
  }
  void Print(const PadOp& o) {
    Head(o, o.output, R(o.input));
    out_ << " begin=" << List(o.pads_begin) << " end=" << List(o.pads_end) << " value=" << Num(o.value) << "\n";
  }
  void Print(const TransposeOp& o) {
    Head(o, o.output, R(o.input));
    out_ << " perm=" << List(o.perm) << "\n";
  }
  void Print(const ReshapeOp& o) {
    Head(o, o.output, R(o.input));
    out_ << "\n";
  }
  void Print(const BinaryOp& o) {
    Head(o, o.output, R(o.lhs) + ", " + R(o.rhs));
    static const char* kinds[] = {"add", "sub", "mul"};
    out_ << " " << kinds[static_cast<int>(o.kind)] << "\n";
  }
  void Print(const SoftmaxOp& o) {
    Head(o, o.output, R(o.input));
    out_ << " axis=" << o.axis << "\n";
  }

  const Program& p_;
  std::ostringstream out_;
};

}  // namespace

std::string PrintProgram(const Program& p) { return Printer(p).Run(); }

}  // namespace cim

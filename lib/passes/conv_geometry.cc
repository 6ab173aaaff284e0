#include "lib/passes/conv_geometry.h"

#include <algorithm>
#include <string>
#include <vector>

namespace cim::passes {
namespace {

// TF/ONNX SAME padding of one spatial axis: total split with the extra
// element at the end (SAME_UPPER) or at the beginning (SAME_LOWER).
void SamePads(int64_t in, int64_t k, int64_t stride, int64_t dilation, bool upper, int64_t& begin,
              int64_t& end) {
  const int64_t out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((out - 1) * stride + (k - 1) * dilation + 1 - in, 0);
  begin = upper ? total / 2 : total - total / 2;
  end = total - begin;
}

Result<ConvGeometry> Geometry(const Graph& g, const Node& n) {
  const Shape& x = g.values[n.inputs[0]].shape;
  const Shape& w = g.values[n.inputs[1]].shape;
  const Shape& y = g.values[n.outputs[0]].shape;
  if (x.size() != 4 || w.size() != 4 || y.size() != 4) {
    return Unsupported("only 2-D convolutions (rank-4 input) are supported, input is " +
                       ShapeToString(x));
  }
  ConvGeometry geom;
  geom.in_channels = x[1];
  geom.in_h = x[2];
  geom.in_w = x[3];
  geom.out_channels = w[0];
  geom.groups = n.GetInt("group", 1);
  if (geom.groups < 1 || geom.in_channels % geom.groups != 0 || w[1] * geom.groups != geom.in_channels ||
      geom.out_channels % geom.groups != 0) {
    return Unsupported("weight " + ShapeToString(w) + " does not fit input " + ShapeToString(x) +
                       " with group=" + std::to_string(geom.groups));
  }
  CIM_ASSIGN_OR_RETURN(Window win, WindowOf(n, geom.in_h, geom.in_w, w[2], w[3]));
  geom.kernel_h = win.kernel_h;
  geom.kernel_w = win.kernel_w;
  geom.stride_h = win.stride_h;
  geom.stride_w = win.stride_w;
  geom.dilation_h = win.dilation_h;
  geom.dilation_w = win.dilation_w;
  geom.pad_top = win.pad_top;
  geom.pad_left = win.pad_left;
  geom.pad_bottom = win.pad_bottom;
  geom.pad_right = win.pad_right;
  geom.out_h = win.out_h;
  geom.out_w = win.out_w;
  if (y[1] != geom.out_channels || y[2] != geom.out_h || y[3] != geom.out_w) {
    return Unsupported("output " + ShapeToString(y) + " does not follow from the geometry (expected [" +
                       std::to_string(x[0]) + "," + std::to_string(geom.out_channels) + "," +
                       std::to_string(geom.out_h) + "," + std::to_string(geom.out_w) + "])");
  }
  return geom;
}

}  // namespace

Result<Window> WindowOf(const Node& n, int64_t in_h, int64_t in_w, int64_t kernel_h, int64_t kernel_w) {
  Window win;
  win.kernel_h = kernel_h;
  win.kernel_w = kernel_w;
  const std::vector<int64_t> strides = n.GetInts("strides", {1, 1});
  const std::vector<int64_t> dilations = n.GetInts("dilations", {1, 1});
  if (strides.size() != 2 || dilations.size() != 2) return Unsupported("strides and dilations must have 2 entries");
  win.stride_h = strides[0];
  win.stride_w = strides[1];
  win.dilation_h = dilations[0];
  win.dilation_w = dilations[1];
  if (win.stride_h < 1 || win.stride_w < 1 || win.dilation_h < 1 || win.dilation_w < 1)
    return Unsupported("strides and dilations must be >= 1");
  const std::string auto_pad = n.GetString("auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    const bool upper = auto_pad == "SAME_UPPER";
    SamePads(in_h, kernel_h, win.stride_h, win.dilation_h, upper, win.pad_top, win.pad_bottom);
    SamePads(in_w, kernel_w, win.stride_w, win.dilation_w, upper, win.pad_left, win.pad_right);
  } else if (auto_pad == "NOTSET") {
    const std::vector<int64_t> pads = n.GetInts("pads", {0, 0, 0, 0});
    if (pads.size() != 4) return Unsupported("pads must have 4 entries");
    if (std::any_of(pads.begin(), pads.end(), [](int64_t p) { return p < 0; }))
      return Unsupported("negative pads are not supported");
    win.pad_top = pads[0];
    win.pad_left = pads[1];
    win.pad_bottom = pads[2];
    win.pad_right = pads[3];
  } else if (auto_pad != "VALID") {
    return Unsupported("auto_pad=" + auto_pad + " is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
  }
  win.out_h = (in_h + win.pad_top + win.pad_bottom - win.dilation_h * (kernel_h - 1) - 1) / win.stride_h + 1;
  win.out_w = (in_w + win.pad_left + win.pad_right - win.dilation_w * (kernel_w - 1) - 1) / win.stride_w + 1;
  return win;
}

Result<ConvGeometry> ConvGeometryOf(const Graph& g, int node_index) {
  Result<ConvGeometry> r = Geometry(g, g.nodes[node_index]);
  if (!r.ok()) return Status(r.status().code(), g.Where(node_index) + ": " + r.status().message());
  return r;
}

ConvGeometry DenseGeometry(int64_t inputs, int64_t outputs) {
  ConvGeometry geom;
  geom.in_channels = inputs;
  geom.out_channels = outputs;
  return geom;
}

}  // namespace cim::passes

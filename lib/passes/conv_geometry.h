#pragma once
// Sliding-window geometry of ONNX Conv and pooling nodes (kernel, strides,
// dilations, pads or auto_pad) and the ConvGeometry of conv and dense layers.

#include "cim/graph/graph.h"
#include "cim/tile/program.h"

namespace cim::passes {

/// The 2-D window of a Conv/MaxPool/AveragePool node over an input of
/// in_h x in_w with a kernel_h x kernel_w kernel. Output size by the floor
/// formula. Unsupported for an unknown auto_pad or wrongly sized attributes
/// (message without location; the caller adds it).
struct Window {
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int64_t out_h = 1, out_w = 1;
};
Result<Window> WindowOf(const Node& n, int64_t in_h, int64_t in_w, int64_t kernel_h, int64_t kernel_w);

/// Geometry of Conv node `node_index`, whose input is NCHW [1,C,H,W] and
/// whose weight (input 1) has shape [M, C/group, kh, kw]. Zero padding
/// (pad_value 0). Unsupported, naming the node, for other ranks, an
/// inconsistent output shape, or an unknown auto_pad.
Result<ConvGeometry> ConvGeometryOf(const Graph& g, int node_index);

/// Geometry of a dense layer with `inputs` inputs and `outputs` outputs.
ConvGeometry DenseGeometry(int64_t inputs, int64_t outputs);

}  // namespace cim::passes

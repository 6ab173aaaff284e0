#pragma once
// im2col for one image of a convolution: one row per output position
// (row-major over out_h x out_w), each row the (channel, ky, kx) window of all
// in_channels, so group g's patch is the slice [g * PatchSize(), (g+1) *
// PatchSize()). Positions outside the image take `pad`.

#include <cstdint>
#include <vector>

#include "cim/tile/program.h"

namespace cim {

/// Values per im2col row: in_channels * kernel_h * kernel_w.
inline int64_t Im2ColRowSize(const ConvGeometry& g) {
  return g.in_channels * g.kernel_h * g.kernel_w;
}

/// `image` is {in_channels, in_h, in_w}; writes Positions() x Im2ColRowSize(g)
/// values to `rows`.
template <typename T>
void Im2ColImage(const ConvGeometry& g, const T* image, T pad, T* rows) {
  // Windows fully inside the image (most of them) gather through one offset
  // table without bounds checks; border windows check every tap.
  std::vector<int64_t> offsets;
  offsets.reserve(static_cast<size_t>(Im2ColRowSize(g)));
  for (int64_t c = 0; c < g.in_channels; ++c)
    for (int64_t ky = 0; ky < g.kernel_h; ++ky)
      for (int64_t kx = 0; kx < g.kernel_w; ++kx)
        offsets.push_back((c * g.in_h + ky * g.dilation_h) * g.in_w + kx * g.dilation_w);
  const int64_t span_h = (g.kernel_h - 1) * g.dilation_h, span_w = (g.kernel_w - 1) * g.dilation_w;
  for (int64_t oy = 0; oy < g.out_h; ++oy) {
    const int64_t y0 = oy * g.stride_h - g.pad_top;
    for (int64_t ox = 0; ox < g.out_w; ++ox) {
      const int64_t x0 = ox * g.stride_w - g.pad_left;
      if (y0 >= 0 && y0 + span_h < g.in_h && x0 >= 0 && x0 + span_w < g.in_w) {
        const T* origin = image + y0 * g.in_w + x0;
        for (const int64_t off : offsets) *rows++ = origin[off];
        continue;
      }
      for (int64_t c = 0; c < g.in_channels; ++c) {
        const T* plane = image + c * g.in_h * g.in_w;
        for (int64_t ky = 0; ky < g.kernel_h; ++ky) {
          const int64_t y = y0 + ky * g.dilation_h;
          const bool row_in = y >= 0 && y < g.in_h;
          for (int64_t kx = 0; kx < g.kernel_w; ++kx) {
            const int64_t x = x0 + kx * g.dilation_w;
            *rows++ = row_in && x >= 0 && x < g.in_w ? plane[y * g.in_w + x] : pad;
          }
        }
      }
    }
  }
}

}  // namespace cim

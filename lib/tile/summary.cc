#include "cim/tile/summary.h"

#include <cstdio>
#include <string>

namespace cim {

std::vector<LayerFootprint> ComputeFootprints(const Program& p) {
  std::vector<LayerFootprint> out;
  for (const Op& op : p.ops) {
    if (const auto* x = std::get_if<XbarLinearOp>(&op)) {
      const MappingTraits& tr = Traits(x->mapping);
      LayerFootprint f{x->name, x->dense ? "xbar dense" : "xbar conv"};
      f.tiles = static_cast<int64_t>(x->tiles.size());
      for (const Tile& t : x->tiles)
        f.cells_used += int64_t{t.row_count} * tr.rows_per_input * t.col_count * tr.cols_per_output;
      f.cells_total = f.tiles * p.geometry.rows * p.geometry.cols;
      f.mvms_per_image = f.tiles * x->geom.Positions();
      f.macs_per_image = x->geom.out_channels * x->geom.PatchSize() * x->geom.Positions();
      out.push_back(f);
    } else if (const auto* d = std::get_if<DigitalLinearOp>(&op)) {
      LayerFootprint f{d->name, d->dense ? "digital dense" : "digital conv"};
      f.macs_per_image = d->geom.out_channels * d->geom.PatchSize() * d->geom.Positions();
      out.push_back(f);
    }
  }
  return out;
}

std::string PrintProgramSummary(const Program& p) {
  std::string s;
  char line[256];
  std::snprintf(line, sizeof line, "crossbar %lldx%lld, mapping %s\n", static_cast<long long>(p.geometry.rows),
                static_cast<long long>(p.geometry.cols), MappingName(p.mapping));
  s += line;
  std::snprintf(line, sizeof line, "%-40s %-14s %7s %12s %8s %12s %12s\n", "layer", "kind", "tiles",
                "cells used", "util %", "MVMs/image", "MACs/image");
  s += line;
  LayerFootprint total{"total", ""};
  for (const LayerFootprint& f : ComputeFootprints(p)) {
    const double util = f.cells_total ? 100.0 * f.cells_used / f.cells_total : 0.0;
    std::snprintf(line, sizeof line, "%-40s %-14s %7lld %12lld %8.1f %12lld %12lld\n", f.name.c_str(),
                  f.kind.c_str(), static_cast<long long>(f.tiles), static_cast<long long>(f.cells_used),
                  util, static_cast<long long>(f.mvms_per_image), static_cast<long long>(f.macs_per_image));
    s += line;
    total.tiles += f.tiles;
    total.cells_used += f.cells_used;
    total.cells_total += f.cells_total;
    total.mvms_per_image += f.mvms_per_image;
    total.macs_per_image += f.macs_per_image;
  }
  const double util = total.cells_total ? 100.0 * total.cells_used / total.cells_total : 0.0;
  std::snprintf(line, sizeof line, "%-40s %-14s %7lld %12lld %8.1f %12lld %12lld\n", "total", "",
                static_cast<long long>(total.tiles), static_cast<long long>(total.cells_used), util,
                static_cast<long long>(total.mvms_per_image), static_cast<long long>(total.macs_per_image));
  s += line;
  return s;
}

}  // namespace cim

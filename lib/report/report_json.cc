#include "cim/report/report.h"

namespace cim {
namespace {

using json = nlohmann::json;

json TopKToJson(const TopKCounts& c, int64_t images) {
  return {{"top1", ShareOf(c.top1_correct, images)},
          {"top5", ShareOf(c.top5_correct, images)},
          {"top1_correct", c.top1_correct},
          {"top5_correct", c.top5_correct}};
}

json MomentsToJson(const FixedPointMoments& m) {
  return {{"count", m.count},
          {"mean", m.Mean()},
          {"sigma", m.Sigma()},
          {"min", m.Min()},
          {"max", m.Max()}};
}

json AdcToJson(const AdcStats& a) {
  return {{"conversions", a.conversions},
          {"clipped_low", a.clipped_low},
          {"clipped_high", a.clipped_high},
          {"clip_low_share", ShareOf(a.clipped_low, a.conversions)},
          {"clip_high_share", ShareOf(a.clipped_high, a.conversions)},
          {"input_ua", MomentsToJson(a.input_current)},
          {"code_histogram", a.code_histogram}};
}

json CellsToJson(const CellStats& c) {
  return {{"crossbars", c.crossbars},
          {"cells_total", c.cells_total},
          {"cells_used", c.cells_used},
          {"utilisation", ShareOf(c.cells_used, c.cells_total)},
          {"lrs_cells", c.lrs_cells},
          {"hrs_cells", c.hrs_cells},
          {"stuck_at_hrs", c.stuck_at_hrs},
          {"stuck_at_lrs", c.stuck_at_lrs},
          {"lrs_current_ua", MomentsToJson(c.lrs_current)},
          {"hrs_current_ua", MomentsToJson(c.hrs_current)}};
}

json ReadDisturbToJson(const ReadDisturbStats& d) {
  return {{"enabled", d.enabled},
          {"refreshes", d.refreshes},
          {"refreshed_cells", d.refreshed_cells},
          {"lrs_cells", d.lrs_cells},
          {"cycles_mean", d.MeanCycles()},
          {"cycles_max", d.cycles_max},
          {"past_cycle_limit", d.past_cycle_limit},
          {"lrs_g_ratio_mean", d.MeanRatio()}};
}

json LayerToJson(const LayerStats& l) {
  return {{"name", l.name},
          {"op_index", l.op_index},
          {"mvms", l.mvms},
          {"adc", AdcToJson(l.adc)},
          {"cells", CellsToJson(l.cells)},
          {"read_disturb", ReadDisturbToJson(l.read_disturb)}};
}

json ManifestToJson(const RunManifest& m) {
  return {{"program", {{"path", m.program_path}, {"checksum", m.program_checksum}}},
          {"model", m.model_name},
          {"dataset",
           {{"name", m.dataset_name}, {"paths", m.dataset_paths}, {"split", m.dataset_split}}},
          {"config", m.config.is_null() ? json::object() : m.config},
          {"mapping", m.mapping},
          {"adc_type", m.adc_type},
          {"seed", m.seed},
          {"threads", m.threads},
          {"versions", m.versions},
          {"wall_time_s", m.wall_time_s},
          {"command_line", m.command_line}};
}

}  // namespace

json ReportToJson(const RunReport& r) {
  json layers = json::array();
  AdcStats adc_total;
  int64_t mvms_total = 0;
  for (const LayerStats& l : r.layers) {
    layers.push_back(LayerToJson(l));
    adc_total.Merge(l.adc);
    mvms_total += l.mvms;
  }
  return {
      {"format", "cim-run-report"},
      {"version", 1},
      {"images", r.images},
      {"accuracy", TopKToJson(r.accuracy, r.images)},
      {"baseline", r.has_baseline ? TopKToJson(r.baseline, r.images) : json()},
      {"agreement", r.has_baseline ? json(ShareOf(r.agreement_count, r.images)) : json()},
      {"agreement_count", r.has_baseline ? json(r.agreement_count) : json()},
      {"layers", layers},
      {"totals",
       {{"mvms", mvms_total},
        {"conversions", adc_total.conversions},
        {"clipped_low", adc_total.clipped_low},
        {"clipped_high", adc_total.clipped_high}}},
      {"cells", CellsToJson(TotalCells(r.layers))},
      {"read_disturb", ReadDisturbToJson(TotalReadDisturb(r.layers))},
      {"manifest", ManifestToJson(r.manifest)},
  };
}

}  // namespace cim

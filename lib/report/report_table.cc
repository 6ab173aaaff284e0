#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "cim/report/report.h"

namespace cim {
namespace {

using json = nlohmann::json;

__attribute__((format(printf, 1, 2))) std::string Format(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof(buf), fmt, args);
  va_end(args);
  return buf;
}

std::string Percent(int64_t count, int64_t total) {
  return Format("%6.2f %%", 100.0 * ShareOf(count, total));
}

// "256x256, ADC SYM 4-bit, range max" from the manifest's config JSON; a
// missing key is left out rather than guessed.
std::string ConfigSummary(const RunManifest& m) {
  const json& c = m.config;
  std::string s;
  if (c.contains("geometry")) {
    s += c["geometry"].value("rows", json(0)).dump() + "x" +
         c["geometry"].value("cols", json(0)).dump();
  }
  s += (s.empty() ? "" : ", ") + std::string("mapping ") + (m.mapping.empty() ? "?" : m.mapping);
  s += ", ADC " + (m.adc_type.empty() ? std::string("?") : m.adc_type);
  if (c.contains("adc") && m.adc_type != "INF") {
    const json& adc = c["adc"];
    if (adc.contains("bits")) s += " " + adc["bits"].dump() + "-bit";
    if (adc.contains("range")) {
      s += ", range " +
           (adc["range"].is_string() ? adc["range"].get<std::string>() : adc["range"].dump());
    }
  }
  // Wire resistance and drift change every current: say so next to the ADC.
  const std::string ir_model = c.contains("ir_drop") ? c["ir_drop"].value("model", "none") : "none";
  if (ir_model != "none") {
    const json& ir = c["ir_drop"];
    s += ", IR drop " + ir_model + " (col " + ir.value("r_col_ohm", json(0)).dump();
    if (ir_model == "full") {
      s += ", row " + ir.value("r_row_ohm", json(0)).dump() + ", driver " +
           ir.value("r_driver_ohm", json(0)).dump() + ", sense " +
           ir.value("r_sense_ohm", json(0)).dump();
    }
    s += " ohm)";
  }
  if (c.contains("drift") && c["drift"].value("t_s", 0.0) > 0.0) {
    s += ", drift t " + c["drift"]["t_s"].dump() + " s";
  }
  return s;
}

std::string Summary(const RunReport& r) {
  const RunManifest& m = r.manifest;
  std::string s;
  s += Format("model      %s\n", m.model_name.c_str());
  s += Format("program    %s (checksum %s)\n", m.program_path.c_str(), m.program_checksum.c_str());
  s += Format("dataset    %s %s, %lld images\n", m.dataset_name.c_str(), m.dataset_split.c_str(),
              static_cast<long long>(r.images));
  s += Format("config     %s, seed %llu\n", ConfigSummary(m).c_str(),
              static_cast<unsigned long long>(m.seed));
  s += "accuracy   top-1 " + Percent(r.accuracy.top1_correct, r.images) + "   top-5 " +
       Percent(r.accuracy.top5_correct, r.images) + "\n";
  if (r.has_baseline) {
    s += "baseline   top-1 " + Percent(r.baseline.top1_correct, r.images) + "   top-5 " +
         Percent(r.baseline.top5_correct, r.images) + "   (exact digital run)\n";
    s += "agreement  " + Percent(r.agreement_count, r.images) +
         " of images have the baseline's top-1\n";
  } else {
    s += "baseline   not run\n";
  }
  const auto cim_version = m.versions.find("cim");
  s += Format("run        %.2f s wall, %d threads, cim %s\n", m.wall_time_s, m.threads,
              cim_version == m.versions.end() ? "?" : cim_version->second.c_str());
  return s;
}

int NameWidth(const std::vector<LayerStats>& layers) {
  int width = 5;  // "total"
  for (const LayerStats& l : layers) width = std::max(width, static_cast<int>(l.name.size()));
  return width;
}

std::string AdcRow(int w, const std::string& name, int64_t mvms, const AdcStats& a) {
  const FixedPointMoments& in = a.input_current;
  return Format("%-*s %12lld %14lld %9s %9s %11.3f %11.3f %11.3f %11.3f\n", w, name.c_str(),
                static_cast<long long>(mvms), static_cast<long long>(a.conversions),
                Percent(a.clipped_low, a.conversions).c_str(),
                Percent(a.clipped_high, a.conversions).c_str(), in.Mean(), in.Sigma(), in.Min(),
                in.Max());
}

std::string AdcTable(const std::vector<LayerStats>& layers) {
  const int w = NameWidth(layers);
  std::string s =
      Format("%-*s %12s %14s %9s %9s %11s %11s %11s %11s\n", w, "layer", "MVMs", "conversions",
             "clip-lo", "clip-hi", "I mean uA", "I sigma uA", "I min uA", "I max uA");
  AdcStats total;
  int64_t mvms = 0;
  for (const LayerStats& l : layers) {
    s += AdcRow(w, l.name, l.mvms, l.adc);
    total.Merge(l.adc);
    mvms += l.mvms;
  }
  return s + AdcRow(w, "total", mvms, total);
}

std::string CellRow(int w, const std::string& name, const CellStats& c) {
  return Format("%-*s %9lld %12lld %12lld %9s %11lld %11lld %9lld %9lld %8.3f %8.3f %8.3f %8.3f\n",
                w, name.c_str(), static_cast<long long>(c.crossbars),
                static_cast<long long>(c.cells_used), static_cast<long long>(c.cells_total),
                Percent(c.cells_used, c.cells_total).c_str(), static_cast<long long>(c.lrs_cells),
                static_cast<long long>(c.hrs_cells), static_cast<long long>(c.stuck_at_hrs),
                static_cast<long long>(c.stuck_at_lrs), c.lrs_current.Mean(), c.lrs_current.Sigma(),
                c.hrs_current.Mean(), c.hrs_current.Sigma());
}

std::string CellTable(const std::vector<LayerStats>& layers) {
  const int w = NameWidth(layers);
  std::string s = Format("%-*s %9s %12s %12s %9s %11s %11s %9s %9s %8s %8s %8s %8s\n", w, "cells",
                         "crossbars", "used", "total", "util", "LRS", "HRS", "stuck-HRS",
                         "stuck-LRS", "LRS uA", "sigma", "HRS uA", "sigma");
  for (const LayerStats& l : layers) s += CellRow(w, l.name, l.cells);
  return s + CellRow(w, "total", TotalCells(layers));
}

std::string ReadDisturbRow(int w, const std::string& name, const ReadDisturbStats& d) {
  return Format("%-*s %10lld %15lld %11.2f %11lld %6s %9.5f\n", w, name.c_str(),
                static_cast<long long>(d.refreshes), static_cast<long long>(d.refreshed_cells),
                d.MeanCycles(), static_cast<long long>(d.cycles_max),
                d.past_cycle_limit ? "PAST" : "ok", d.MeanRatio());
}

std::string ReadDisturbTable(const std::vector<LayerStats>& layers) {
  const int w = std::max(NameWidth(layers), 12);  // "read disturb"
  std::string s = Format("%-*s %10s %15s %11s %11s %6s %9s\n", w, "read disturb", "refreshes",
                         "refreshed cells", "cycles mean", "cycles max", "limit", "LRS G/G0");
  for (const LayerStats& l : layers) s += ReadDisturbRow(w, l.name, l.read_disturb);
  return s + ReadDisturbRow(w, "total", TotalReadDisturb(layers));
}

}  // namespace

std::string ReportToTable(const RunReport& r) {
  std::string s = Summary(r) + "\n" + AdcTable(r.layers) + "\n" + CellTable(r.layers);
  if (TotalReadDisturb(r.layers).enabled) s += "\n" + ReadDisturbTable(r.layers);
  return s;
}

}  // namespace cim

// Follows google/pprof's driver (generateRawReport, applyFocus, aggregate)
// and report (newTrimmedGraph, selectOutputUnit, TextItems, printText) as
// vendored in the Go 1.19 toolchain.
#include "pprof/report_top.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <cstdlib>
#include <ctime>
#include <memory>

#include "base/go_arith.h"
#include "base/strings.h"
#include "base/timing.h"
#include "pprof/filter.h"
#include "pprof/graph.h"
#include "pprof/measurement.h"
#include "pprof/merge.h"

namespace mw::pprof {
namespace {

StatusOr<std::unique_ptr<RE2>> CompileOption(const std::string& name, const std::string& value) {
  if (value.empty()) return std::unique_ptr<RE2>();
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_unique<RE2>(value, opts);
  if (!re->ok()) {
    return InvalidArgument(fmt::format("parsing {} regexp: {}", name, re->error()));
  }
  return re;
}

// Go's time.Format with layout "Jan 2, 2006 at 3:04pm (MST)" in local time.
std::string FormatTime(int64_t nanos) {
  time_t secs = static_cast<time_t>(nanos / 1000000000);
  if (nanos % 1000000000 < 0) --secs;
  struct tm tm {};
  localtime_r(&secs, &tm);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int hour12 = tm.tm_hour % 12;
  if (hour12 == 0) hour12 = 12;
  char zone[64];
  std::strftime(zone, sizeof zone, "%Z", &tm);
  return fmt::format("{} {}, {} at {}:{:02d}{} ({})", kMonths[tm.tm_mon], tm.tm_mday,
                     tm.tm_year + 1900, hour12, tm.tm_min, tm.tm_hour < 12 ? "am" : "pm", zone);
}

Status ApplyFocus(Profile* p, const TopOptions& o, std::vector<std::string>* warnings) {
  auto focus = CompileOption("focus", o.focus);
  if (!focus.ok()) return focus.status();
  auto ignore = CompileOption("ignore", o.ignore);
  if (!ignore.ok()) return ignore.status();
  auto hide = CompileOption("hide", o.hide);
  if (!hide.ok()) return hide.status();
  auto show = CompileOption("show", o.show);
  if (!show.ok()) return show.status();
  auto show_from = CompileOption("show_from", o.show_from);
  if (!show_from.ok()) return show_from.status();
  auto prune_from = CompileOption("prune_from", o.prune_from);
  if (!prune_from.ok()) return prune_from.status();
  NameFilterResult r;
  if (*focus || *ignore || *hide || *show) {
    r = FilterSamplesByName(p, focus->get(), ignore->get(), hide->get(), show->get());
  }
  auto warn = [&](bool ok, const char* what) {
    if (!ok) warnings->push_back(fmt::format("{} expression matched no samples", what));
  };
  warn(!*focus || r.focus_matched, "Focus");
  warn(!*ignore || r.ignore_matched, "Ignore");
  warn(!*hide || r.hide_matched, "Hide");
  warn(!*show || r.show_matched, "Show");
  if (*show_from) warn(ShowFrom(p, **show_from), "ShowFrom");
  if (*prune_from) PruneFrom(p, **prune_from);
  return Status::Ok();
}

Status ApplyGranularity(Profile* p, const TopOptions& o) {
  const bool inlines = !o.no_inlines;
  switch (o.granularity) {
    case Granularity::kAddresses:
      if (inlines) return Status::Ok();
      return Aggregate(p, inlines, true, true, true, true);
    case Granularity::kLines:
      return Aggregate(p, inlines, true, true, true, false);
    case Granularity::kFiles:
      return Aggregate(p, inlines, false, true, false, false);
    case Granularity::kFunctions:
      return Aggregate(p, inlines, true, false, false, false);
    case Granularity::kFileFunctions:
      return Aggregate(p, inlines, true, true, false, false);
  }
  return Internal("unexpected granularity");
}

int64_t ComputeTotal(const Profile& p, int index) {
  int64_t total = 0, diff_total = 0;
  const size_t nv = p.num_values();
  for (size_t i = 0; i < p.samples.size(); ++i) {
    int64_t v = WrapAbs(p.sample_values[i * nv + static_cast<size_t>(index)]);
    total = WrapAdd(total, v);
    if (p.samples[i].label_count > 0 && p.HasLabel(p.samples[i], "pprof::base", "true")) {
      diff_total = WrapAdd(diff_total, v);
    }
  }
  return diff_total > 0 ? diff_total : total;
}

}  // namespace

StatusOr<Profile> LoadSource(const std::string& path, const ParseOptions& options) {
  auto p = ReadProfileFile(path, options);
  if (!p.ok()) return p.status();
  SimplifyFunctionNames(&*p);  // pprof's fetch symbolizes each source before merging
  if (p->mappings.empty()) {
    Mapping fake;
    fake.id = 1;
    p->mappings.push_back(fake);
    for (Location& l : p->locations) l.mapping = 0;
  }
  return p;
}

StatusOr<Profile> PrepareForReport(LoadedProfiles loaded) {
  Profile p;
  if (!loaded.bases.empty()) {
    StatusOr<Profile> base = [&]() -> StatusOr<Profile> {
      if (loaded.bases.size() == 1) return std::move(loaded.bases[0]);
      std::vector<const Profile*> srcs;
      for (const Profile& b : loaded.bases) srcs.push_back(&b);
      return Merge(srcs);
    }();
    if (!base.ok()) return base.status();
    if (loaded.diff_base) {
      // pprof's SetLabel("pprof::base", ["true"]) on every base sample.
      Profile& b = *base;
      std::vector<Label> labels;
      std::vector<Sample> samples = b.samples;
      const Label mark = b.StringLabel("pprof::base", "true");
      for (Sample& s : samples) {
        const uint32_t begin = static_cast<uint32_t>(labels.size());
        for (const Label& l : b.LabelsOf(s)) {
          if (l.is_numeric() || l.key() != mark.key()) labels.push_back(l);
        }
        labels.push_back(mark);
        s.label_begin = begin;
        s.label_count = static_cast<uint32_t>(labels.size() - begin);
      }
      b.labels = std::move(labels);
      b.samples = std::move(samples);
    }
    base->Scale(-1);
    auto merged = Merge({&loaded.main, &*base});
    if (!merged.ok()) return merged.status();
    p = std::move(*merged);
  } else if (MergeCouldMatter(loaded.main)) {
    auto merged = Merge({&loaded.main});
    if (!merged.ok()) return merged.status();
    p = std::move(*merged);
  } else {
    // Merging a profile with itself alone cannot change a report unless
    // values of opposite sign collapse; skip the cost.
    p = std::move(loaded.main);
    p.DropZeroSamples();
  }
  PhaseTimer timer("prepare");
  MW_RETURN_IF_ERROR(RemoveUninteresting(&p));
  return p;
}

StatusOr<std::string> TopReport(Profile p, const TopOptions& o) {
  std::vector<std::string> warnings;
  if (o.relative_percentages) MW_RETURN_IF_ERROR(ApplyFocus(&p, o, &warnings));
  if (p.sample_types.empty()) return InvalidArgument("profile has no samples");
  auto index = p.SampleIndexByName(o.sample_index);
  if (!index.ok()) return index.status();
  const ValueType sample_type = p.sample_types[static_cast<size_t>(*index)];
  const int64_t total = ComputeTotal(p, *index);
  if (!o.relative_percentages) MW_RETURN_IF_ERROR(ApplyFocus(&p, o, &warnings));
  MW_RETURN_IF_ERROR(ApplyGranularity(&p, o));
  for (const std::string& w : warnings) std::fprintf(stderr, "%s\n", w.c_str());

  const int node_count = o.node_count == -1 ? 0 : o.node_count;
  GraphOptions gopt;
  gopt.sample_index = *index;
  gopt.drop_negative = o.drop_negative;
  PhaseTimer graph_timer("graph");
  GraphBuilder builder(p, gopt);

  // newTrimmedGraph.
  Graph g = [&] {
    PhaseTimer timer("build-all");
    return builder.Build({});
  }();
  int64_t total_value = 0;
  for (const Node& n : g.nodes) total_value = WrapAdd(total_value, n.flat);
  const int64_t node_cutoff =
      WrapAbs(GoFloatToInt64(static_cast<double>(total_value) * o.node_fraction));
  const int64_t edge_cutoff =
      WrapAbs(GoFloatToInt64(static_cast<double>(total_value) * o.edge_fraction));
  int dropped_nodes = 0;
  if (node_cutoff > 0) {
    std::vector<bool> kept(builder.num_ids(), false);
    size_t n_kept = 0;
    for (const Node& n : g.nodes) {
      if (WrapAbs(n.cum) >= node_cutoff) {
        kept[static_cast<size_t>(n.id)] = true;
        ++n_kept;
      }
    }
    if (n_kept != g.nodes.size()) {
      dropped_nodes = static_cast<int>(g.nodes.size() - n_kept);
      PhaseTimer timer("build-kept");
      g = builder.Build(kept);
    }
  }
  const size_t orig_count = g.nodes.size();
  const NodeOrder order = o.cum_sort ? NodeOrder::kCumName : NodeOrder::kFlatName;
  builder.Sort(&g.nodes, order);
  auto trim_edges = [&]() {
    for (Node& n : g.nodes) {
      std::erase_if(n.in_edges, [&](int32_t e) {
        return WrapAbs(g.edges[static_cast<size_t>(e)].weight) < edge_cutoff;
      });
    }
  };
  if (node_count > 0) {
    trim_edges();
    if (static_cast<size_t>(node_count) < g.nodes.size()) {
      std::vector<bool> kept(builder.num_ids(), false);
      for (int i = 0; i < node_count; ++i) kept[static_cast<size_t>(g.nodes[i].id)] = true;
      g = builder.Build(kept);
      builder.Sort(&g.nodes, order);
    }
  }
  trim_edges();

  // selectOutputUnit.
  std::string output_unit = o.unit;
  if (output_unit == "minimum" && !g.nodes.empty()) {
    int64_t min_value = 0;
    for (const Node& n : g.nodes) {
      int64_t node_min = WrapAbs(n.flat);
      if (node_min == 0) node_min = WrapAbs(n.cum);
      if (node_min > 0 && (min_value == 0 || node_min < min_value)) min_value = node_min;
    }
    int64_t max_value = total;
    if (min_value == 0) min_value = max_value;
    std::string min_unit = ScaleValue(min_value, sample_type.unit, "minimum").second;
    std::string max_unit = ScaleValue(max_value, sample_type.unit, "minimum").second;
    std::string unit = min_unit;
    if (min_unit != max_unit && min_value * 100 < max_value) {
      unit = ScaleValue(100 * min_value, sample_type.unit, "minimum").second;
    }
    output_unit = unit.empty() ? sample_type.unit : unit;
  }
  auto format_value = [&](int64_t v) { return ScaledLabel(v, sample_type.unit, output_unit); };

  // Labels (ProfileLabels, then reportLabels).
  std::vector<std::string> labels;
  if (!p.mappings.empty()) {
    if (!p.mappings[0].file.empty()) {
      labels.push_back("File: " + std::string(BaseName(p.mappings[0].file)));
    }
    if (!p.mappings[0].build_id.empty()) labels.push_back("Build ID: " + p.mappings[0].build_id);
  }
  for (const std::string& c : p.comments) {
    if (!StartsWith(c, "#")) labels.push_back(c);
  }
  if (!sample_type.type.empty()) labels.push_back("Type: " + sample_type.type);
  if (p.time_nanos != 0) labels.push_back("Time: " + FormatTime(p.time_nanos));
  if (p.duration_nanos != 0) {
    std::string duration = ScaledLabel(p.duration_nanos, "nanoseconds", "auto");
    auto [total_nanos, total_unit] = ScaleValue(total, sample_type.unit, "nanoseconds");
    std::string ratio;
    if (total_unit == "ns" && total_nanos != 0) {
      ratio = "(" + Percentage(static_cast<int64_t>(total_nanos), p.duration_nanos) + ")";
    }
    labels.push_back(
        fmt::format("Duration: {}, Total samples = {} {}", duration, format_value(total), ratio));
  }
  std::vector<std::pair<const char*, const std::string*>> filters = {{"focus", &o.focus},
                                                                     {"ignore", &o.ignore},
                                                                     {"hide", &o.hide},
                                                                     {"show", &o.show},
                                                                     {"show_from", &o.show_from}};
  std::vector<std::string> active;
  for (const auto& [k, v] : filters) {
    if (!v->empty()) active.push_back(std::string(k) + "=" + *v);
  }
  if (!active.empty()) {
    labels.push_back("Active filters:");
    for (std::string s : active) {
      if (s.size() > 80) s = s.substr(0, 80) + "\xe2\x80\xa6";
      labels.push_back("   " + s);
    }
  }
  int64_t flat_sum = 0;
  for (const Node& n : g.nodes) flat_sum = WrapAdd(flat_sum, n.flat);
  labels.push_back(
      fmt::format("Showing nodes accounting for {}, {} of {} total", format_value(flat_sum),
                  std::string(TrimSpace(Percentage(flat_sum, total))), format_value(total)));
  if (total != 0) {
    if (dropped_nodes > 0) {
      labels.push_back(fmt::format(
          "Dropped {} {} (cum <= {})", dropped_nodes, dropped_nodes > 1 ? "nodes" : "node",
          format_value(WrapAbs(GoFloatToInt64(static_cast<double>(total) * o.node_fraction)))));
    }
    if (!g.nodes.empty() && g.nodes.size() < orig_count) {
      labels.push_back(fmt::format("Showing top {} nodes out of {}", g.nodes.size(), orig_count));
    }
  }

  std::string out;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += '\n';
    out += labels[i];
  }
  out += '\n';
  out += fmt::format("{:>10} {:>5}% {:>5}% {:>10} {:>5}%\n", "flat", "flat", "sum", "cum", "cum");
  int64_t running = 0;
  for (const Node& n : g.nodes) {
    bool has_inline = false, has_call = false;
    for (int32_t e : n.in_edges) {
      if (g.edges[static_cast<size_t>(e)].is_inline) {
        has_inline = true;
      } else {
        has_call = true;
      }
    }
    std::string inl;
    if (has_inline) inl = has_call ? " (partial-inline)" : " (inline)";
    running = WrapAdd(running, n.flat);
    out += fmt::format("{:>10} {} {} {:>10} {}  {}{}\n", format_value(n.flat),
                       Percentage(n.flat, total), Percentage(running, total), format_value(n.cum),
                       Percentage(n.cum, total), builder.Printable(n.id), inl);
  }
  return out;
}

}  // namespace mw::pprof

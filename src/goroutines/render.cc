#include "goroutines/render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace mw::goroutines {
namespace {

using nlohmann::json;

json FrameJson(const Frame& f) {
  return {{"function", f.function}, {"file", f.file}, {"line", f.line}};
}

std::string FrameText(const Frame& f) {
  if (f.file.empty()) return f.function;
  return fmt::format("{}  {}:{}", f.function, f.file, f.line);
}

std::string WaitText(const Cluster& c) {
  if (c.wait_max_minutes < 0) return "";
  if (c.wait_min_minutes == c.wait_max_minutes) return fmt::format(", {} min", c.wait_max_minutes);
  return fmt::format(", {}-{} min", c.wait_min_minutes, c.wait_max_minutes);
}

}  // namespace

std::string RenderClustersText(const ClusterReport& r, bool verbose) {
  size_t suspects = 0;
  for (const Cluster& c : r.clusters) suspects += c.suspect;
  std::string out =
      fmt::format("{} goroutines in {} clusters; {} leak suspect{}{}\n", r.goroutines,
                  r.clusters.size(), suspects, suspects == 1 ? "" : "s",
                  r.snapshots > 1 ? fmt::format(" (across {} snapshots)", r.snapshots) : "");
  for (const Cluster& c : r.clusters) {
    if (!verbose && !c.suspect && c.count < 2 && c.growth != Growth::kGrown &&
        c.growth != Growth::kNew && c.growth != Growth::kGone) {
      continue;  // singletons that are not suspicious; --verbose shows them
    }
    std::string tags;
    if (c.suspect) tags += c.certain ? "  LEAK" : "  LEAK SUSPECT";
    if (c.map_related) tags += "  [map]";
    if (c.growth != Growth::kNone) {
      std::string hist;
      for (size_t i = 0; i < c.history.size(); ++i) {
        hist += (i ? " -> " : "") + std::to_string(c.history[i]);
      }
      tags += fmt::format("  {} ({})", GrowthName(c.growth), hist);
    }
    out += fmt::format("\n#{} {} goroutine{} [{}{}]{}\n", c.id, c.count, c.count == 1 ? "" : "s",
                       c.state.empty() ? "state unknown" : c.state, WaitText(c), tags);
    if (!c.blocking_op.empty()) out += fmt::format("    blocked on:  {}\n", c.blocking_op);
    if (c.top_frame != kNoFrame) {
      out += fmt::format("    at:          {}\n", FrameText(r.table->Get(c.top_frame)));
    }
    if (c.created_by != kNoFrame) {
      out += fmt::format("    created by:  {}\n", FrameText(r.table->Get(c.created_by)));
    }
    for (const std::string& why : c.reasons) out += fmt::format("    why:         {}\n", why);
    if (verbose || c.suspect) {
      out += "    stack:\n";
      for (uint32_t f : c.frames) {
        const Frame& fr = r.table->Get(f);
        out += fmt::format("      {}{}\n", fr.function,
                           fr.file.empty() ? "" : fmt::format("  {}:{}", fr.file, fr.line));
      }
      if (c.elided_frames > 0) out += "      ...frames elided...\n";
    }
  }
  return out;
}

std::string RenderClustersJson(const ClusterReport& r) {
  json clusters = json::array();
  for (const Cluster& c : r.clusters) {
    json frames = json::array();
    for (uint32_t f : c.frames) frames.push_back(FrameJson(r.table->Get(f)));
    json j = {
        {"id", c.id},
        {"count", c.count},
        {"state", c.state},
        {"wait_min_minutes", c.wait_min_minutes < 0 ? json(nullptr) : json(c.wait_min_minutes)},
        {"wait_max_minutes", c.wait_max_minutes < 0 ? json(nullptr) : json(c.wait_max_minutes)},
        {"blocking_op", c.blocking_op},
        {"top_frame",
         c.top_frame == kNoFrame ? json(nullptr) : FrameJson(r.table->Get(c.top_frame))},
        {"created_by",
         c.created_by == kNoFrame ? json(nullptr) : FrameJson(r.table->Get(c.created_by))},
        {"frames", frames},
        {"suspect", c.suspect},
        {"reasons", c.reasons},
        {"map_related", c.map_related},
        {"sample_ids", c.sample_ids},
    };
    if (r.snapshots > 1) {
      j["growth"] = GrowthName(c.growth);
      j["history"] = c.history;
    }
    clusters.push_back(std::move(j));
  }
  json out = {{"goroutines", r.goroutines}, {"clusters", clusters}};
  if (r.snapshots > 1) out["snapshots"] = r.snapshots;
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string RenderPanicsText(const PanicsReport& r) {
  int64_t recovered = 0;
  for (const auto& g : r.recovered) recovered += g.count;
  std::string out =
      fmt::format("{} crash{} in {} signature{}; {} recovered panic{} without a stack\n",
                  r.total_crashes, r.total_crashes == 1 ? "" : "es", r.crashes.size(),
                  r.crashes.size() == 1 ? "" : "s", recovered, recovered == 1 ? "" : "s");
  int n = 0;
  for (const CrashGroup& g : r.crashes) {
    out += fmt::format("\n#{} {}  x{}", ++n, CrashKindName(g.kind), g.count);
    if (!g.first_seen.empty()) {
      out += fmt::format("  first {}", g.first_seen);
      if (g.last_seen != g.first_seen) out += fmt::format("  last {}", g.last_seen);
    }
    out += fmt::format(
        "\n    {}: {}\n",
        g.kind == CrashKind::kPanic || g.kind == CrashKind::kNilMapWrite ? "panic" : "fatal error",
        g.message);
    if (g.has_location) out += fmt::format("    fix at:  {}\n", FrameText(g.location));
    for (const CrashGoroutine& cg : g.goroutines) {
      if (!cg.map_access && &cg != &g.goroutines.front()) continue;
      out += fmt::format("    goroutine {} [{}]{}:\n", cg.id, cg.state,
                         cg.map_access ? " (map access)" : "");
      for (const Frame& f : cg.frames) out += fmt::format("      {}\n", FrameText(f));
    }
    if (g.where.size() > 1) {
      out += fmt::format("    seen at: {}", g.where[0]);
      for (size_t i = 1; i < g.where.size() && i < 5; ++i) out += ", " + g.where[i];
      if (g.where.size() > 5) out += fmt::format(", and {} more", g.where.size() - 5);
      out += "\n";
    }
  }
  if (!r.recovered.empty()) out += "\nrecovered panics (logged without a stack):\n";
  for (const RecoveredGroup& g : r.recovered) {
    out += fmt::format(
        "  {}  x{}{}\n", g.message, g.count,
        g.first_seen.empty() ? "" : fmt::format("  first {}  last {}", g.first_seen, g.last_seen));
  }
  return out;
}

std::string RenderPanicsJson(const PanicsReport& r) {
  json crashes = json::array();
  for (const CrashGroup& g : r.crashes) {
    json gs = json::array();
    for (const CrashGoroutine& cg : g.goroutines) {
      json frames = json::array();
      for (const Frame& f : cg.frames) frames.push_back(FrameJson(f));
      gs.push_back(
          {{"id", cg.id}, {"state", cg.state}, {"map_access", cg.map_access}, {"frames", frames}});
    }
    crashes.push_back({
        {"kind", CrashKindName(g.kind)},
        {"message", g.message},
        {"count", g.count},
        {"first_seen", g.first_seen.empty() ? json(nullptr) : json(g.first_seen)},
        {"last_seen", g.last_seen.empty() ? json(nullptr) : json(g.last_seen)},
        {"location", g.has_location ? FrameJson(g.location) : json(nullptr)},
        {"goroutines", gs},
        {"occurrences", g.where},
    });
  }
  json recovered = json::array();
  for (const RecoveredGroup& g : r.recovered) {
    recovered.push_back({{"message", g.message},
                         {"count", g.count},
                         {"first_seen", g.first_seen.empty() ? json(nullptr) : json(g.first_seen)},
                         {"last_seen", g.last_seen.empty() ? json(nullptr) : json(g.last_seen)}});
  }
  return json({{"crashes", crashes}, {"recovered", recovered}})
             .dump(2, ' ', false, json::error_handler_t::replace) +
         "\n";
}

}  // namespace mw::goroutines

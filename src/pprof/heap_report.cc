#include "pprof/heap_report.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/go_arith.h"
#include "base/strings.h"
#include "pprof/measurement.h"

namespace mw::pprof {
namespace {

std::string Size(int64_t b) { return ScaledLabel(b, "bytes", "auto"); }

std::string SignedSize(int64_t b) {
  return (b > 0 ? "+" : b < 0 ? "-" : "±") + Size(b == INT64_MIN ? INT64_MAX : std::llabs(b));
}

std::string Objects(int64_t n) { return fmt::format("{} object{}", n, n == 1 ? "" : "s"); }

std::string SitePath(const SiteShare& s, const HeapRenderOptions& o) {
  return PathRelativeTo(s.line->path.empty() ? s.site->file : s.line->path, o.base_dir);
}

std::string PText(double p) {
  if (p <= 0) return "no sampling noise";
  if (p < 0.001) return "p < 0.001";
  return fmt::format("p = {:.3f}", p);
}

nlohmann::json Values(const HeapValues& v) {
  return {{"inuse_space", v.inuse_space},
          {"inuse_objects", v.inuse_objects},
          {"alloc_space", v.alloc_space},
          {"alloc_objects", v.alloc_objects}};
}

nlohmann::json Delta(const HeapValues& now, const HeapValues& base) {
  HeapValues d = now;
  d -= base;
  return Values(d);
}

}  // namespace

std::string RenderHeapText(const HeapReport& r, const HeapRenderOptions& o) {
  std::string out;
  std::string rate = r.sample_rate == 1 ? "MemProfileRate 1: every allocation sampled"
                     : r.sample_rate > 0
                         ? fmt::format("sampled every {} on average", Size(r.sample_rate))
                         : "sampling rate unknown";
  out += fmt::format("{}: {} in use, {} allocated ({}, {} samples)\n", o.profile_name,
                     Size(r.total.inuse_space), Size(r.total.alloc_space), rate, r.samples);
  if (!o.base_name.empty()) out += fmt::format("compared with {}\n", o.base_name);
  int leaks = 0;
  for (const MapReport& m : r.maps) {
    for (const Signature& s : m.signatures) {
      if (IsLeakSignature(s)) {
        ++leaks;
        break;
      }
    }
  }
  const double share = r.total.inuse_space > 0 ? 100.0 * r.map_total.inuse_space /
                                                     static_cast<double>(r.total.inuse_space)
                                               : 0;
  out += fmt::format("maps hold {} in use ({:.1f}%) in {} maps; {} with leak signatures\n",
                     Size(r.map_total.inuse_space), share, r.maps.size(), leaks);
  int rank = 0;
  for (const MapReport& m : r.maps) {
    if (o.maps > 0 && rank >= o.maps) {
      out += fmt::format("\n... and {} more maps (--maps 0 lists them all)\n",
                         r.maps.size() - static_cast<size_t>(rank));
      break;
    }
    const MapInfo& info = *m.info;
    out += fmt::format("\n{}. {}  {} {}", ++rank, info.name, MapKindName(info.kind), info.type);
    if (info.declared_line > 0) {
      out += fmt::format(", declared at {}:{}", PathRelativeTo(info.declared_file, o.base_dir),
                         info.declared_line);
    }
    if (!info.function.empty() && (info.kind == MapKind::kLocal || info.kind == MapKind::kExpr)) {
      out += fmt::format(" in {}", info.function);
    }
    out += "\n";
    std::string line = fmt::format("   in use {} ({}), allocated {} ({})",
                                   Size(m.values.inuse_space), Objects(m.values.inuse_objects),
                                   Size(m.values.alloc_space), Objects(m.values.alloc_objects));
    if (m.has_base) {
      HeapValues d = m.values;
      d -= m.base;
      line += fmt::format("; in use {} since the base ({}{})", SignedSize(d.inuse_space),
                          PText(m.p_value), m.significant ? ", significant" : ", within noise");
    }
    out += line + "\n";
    if (m.held.inuse_space > 0) {
      out +=
          fmt::format("   its insert lines also made {} still in use (values, keys, inner maps)\n",
                      Size(m.held.inuse_space));
    }
    if (m.largest_bucket_array > 0) {
      out += fmt::format("   {} growths, largest bucket array {} ({} live)", m.growth_events,
                         Size(m.largest_bucket_array),
                         m.largest_live_bucket_array > 0 ? Size(m.largest_live_bucket_array)
                                                         : std::string("none"));
      if (m.values.inuse_space > 0) {
        out += fmt::format(", churn {:.1f}x",
                           m.values.alloc_space / static_cast<double>(m.values.inuse_space));
      }
      out += "\n";
    }
    for (const Signature& s : m.signatures) {
      out += fmt::format("   {}: {}\n", s.name, s.reason);
    }
    for (const SiteShare& s : m.sites) {
      out += fmt::format("   {:>9} in use {:>9} alloc  {:<10} {}:{}", Size(s.values.inuse_space),
                         Size(s.values.alloc_space), AllocKindName(s.kind), SitePath(s, o),
                         s.site->line);
      if (s.has_base) {
        out += fmt::format("  ({} in use)",
                           SignedSize(WrapSub(s.values.inuse_space, s.base.inuse_space)));
      }
      out += "\n";
      if (!s.line->text.empty()) out += fmt::format("{:>35}{}\n", "", s.line->text);
    }
    out += fmt::format("   source: {} insert{}, {} delete{}{}, {} reassignment{}\n", info.inserts,
                       info.inserts == 1 ? "" : "s", info.deletes, info.deletes == 1 ? "" : "s",
                       info.delete_loops > 0
                           ? fmt::format(" ({} in delete-all loops)", info.delete_loops)
                           : std::string(),
                       info.assignments, info.assignments == 1 ? "" : "s");
    for (const diag::Diagnostic* d : info.findings) {
      out += fmt::format("   finding: {}:{}:{}: {} [{} {}]\n", d->span.file, d->span.line,
                         d->span.column, d->message, d->code, d->name);
    }
  }
  if (!r.other_sites.empty() && o.other_sites > 0) {
    out += "\nlargest allocation sites that are not maps:\n";
    int n = 0;
    for (const SiteShare& s : r.other_sites) {
      if (n++ >= o.other_sites) break;
      out += fmt::format("   {:>9} in use {:>9} alloc  {:<8} {} {}:{}{}\n",
                         Size(s.values.inuse_space), Size(s.values.alloc_space),
                         AllocKindName(s.kind), s.site->function, SitePath(s, o), s.site->line,
                         s.site->via.empty() ? "" : " via " + s.site->via);
    }
  }
  if (r.unattributed.inuse_space > 0 || r.unattributed.alloc_space > 0) {
    out += fmt::format(
        "\n{} in use ({} allocated) is in samples without a frame of user code: the profile is "
        "not symbolized, or the stacks are the runtime's own\n",
        Size(r.unattributed.inuse_space), Size(r.unattributed.alloc_space));
  }
  if (!r.missing_files.empty()) {
    out += fmt::format(
        "\n{} source file{} named by the profile could not be found (use --source-root or "
        "--trim-path); their sites are counted as other memory:\n",
        r.missing_files.size(), r.missing_files.size() == 1 ? "" : "s");
    for (size_t i = 0; i < r.missing_files.size() && i < 5; ++i) {
      out += "   " + r.missing_files[i] + "\n";
    }
  }
  return out;
}

std::string RenderHeapJson(const HeapReport& r, const HeapRenderOptions& o) {
  using nlohmann::json;
  auto site_json = [&](const SiteShare& s) {
    json j = {{"function", s.site->function},
              {"file", SitePath(s, o)},
              {"line", s.site->line},
              {"kind", std::string(AllocKindName(s.kind))},
              {"source", s.line->text}};
    j.update(Values(s.values));
    if (!s.site->via.empty()) j["via"] = s.site->via;
    if (s.has_base) {
      j["base"] = Values(s.base);
      j["delta"] = Delta(s.values, s.base);
    }
    return j;
  };
  json maps = json::array();
  for (const MapReport& m : r.maps) {
    const MapInfo& info = *m.info;
    json j = {
        {"name", info.name},
        {"kind", std::string(MapKindName(info.kind))},
        {"type", info.type},
        {"declared_at",
         {{"file", PathRelativeTo(info.declared_file, o.base_dir)}, {"line", info.declared_line}}}};
    if (!info.function.empty()) j["function"] = info.function;
    j.update(Values(m.values));
    j["growth_events"] = m.growth_events;
    j["largest_bucket_array"] = m.largest_bucket_array;
    j["largest_live_bucket_array"] = m.largest_live_bucket_array;
    j["churn"] = m.values.inuse_space > 0
                     ? json(m.values.alloc_space / static_cast<double>(m.values.inuse_space))
                     : json(nullptr);
    j["entries"] = Values(m.entries);
    j["held"] = Values(m.held);
    if (m.retained_strings > 0) {
      j["retained_strings"] = {{"inuse_space", m.retained_strings}, {"made_at", m.retained_at}};
    }
    json sigs = json::array(), evidence = json::object();
    for (const Signature& s : m.signatures) {
      sigs.push_back(s.name);
      evidence[s.name] = s.reason;
    }
    j["signatures"] = sigs;
    j["evidence"] = evidence;
    json sites = json::array();
    for (const SiteShare& s : m.sites) sites.push_back(site_json(s));
    j["sites"] = sites;
    j["source"] = {{"inserts", info.inserts},
                   {"deletes", info.deletes},
                   {"delete_loops", info.delete_loops},
                   {"assignments", info.assignments}};
    json findings = json::array();
    for (const diag::Diagnostic* d : info.findings) {
      findings.push_back({{"rule", d->code},
                          {"name", d->name},
                          {"file", d->span.file},
                          {"line", d->span.line},
                          {"message", d->message}});
    }
    j["findings"] = findings;
    if (m.has_base) {
      j["base"] = Values(m.base);
      j["delta"] = Delta(m.values, m.base);
      j["p_value"] = m.p_value;
      j["significant"] = m.significant;
    }
    maps.push_back(std::move(j));
  }
  json others = json::array();
  for (size_t i = 0; i < r.other_sites.size() && i < 100; ++i) {
    others.push_back(site_json(r.other_sites[i]));
  }
  json profile = {{"file", o.profile_name}, {"samples", r.samples}, {"sample_rate", r.sample_rate}};
  profile.update(Values(r.total));
  profile["unattributed"] = Values(r.unattributed);
  json out = {{"profile", profile},
              {"maps", maps},
              {"other_sites", others},
              {"missing_files", r.missing_files}};
  if (!o.base_name.empty()) out["base"] = o.base_name;
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mw::pprof

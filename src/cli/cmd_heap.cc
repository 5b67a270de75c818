// `mapwarden heap`: names the maps that hold a heap profile's memory, by
// joining the profile's allocation sites with the Go source.
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "base/go_arith.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "load/loader.h"
#include "pprof/heap_maps.h"
#include "pprof/heap_report.h"
#include "pprof/heap_sites.h"
#include "pprof/heap_source.h"
#include "pprof/measurement.h"
#include "pprof/parse.h"

namespace mw::cli {
namespace {

constexpr const char* kHeapDescription =
    "Reads a heap or allocs profile (proto or debug=1 text), finds the Go source\n"
    "of every allocation site, and reports memory per map: which map a line\n"
    "inserts into or makes, its in-use and allocated bytes, its growth events\n"
    "and largest bucket array, and the signatures of map leaks:\n"
    "  grows-never-frees      the newest bucket arrays are live and the entries too\n"
    "  never-shrinks          a large bucket array is live after its entries were freed\n"
    "  churn                  allocated much more than is in use\n"
    "  retains-large-strings  substring keys keep whole strings alive\n"
    "With --base OLD the report shows the growth since OLD per map and per site,\n"
    "with a significance test against sampling noise.\n\n"
    "Source files are found by the path in the profile, under --source-root with\n"
    "--trim-path prefixes removed, by the go.mod module path, or by the longest\n"
    "tail of the path that exists under --source-root.\n\n"
    "Exit status: 0 no leak signature, 1 a map shows a leak signature (or, with\n"
    "--fail-on-growth, a map grew past the limit), 2 usage or input error.";

// --fail-on-growth: a size, a percentage of the map's size in the base,
// or both ("1MB,20%"), in which case a map must exceed both.
struct GrowthLimit {
  bool set = false;
  bool has_bytes = false, has_percent = false;
  double bytes = 0, percent = 0;

  bool Exceeded(int64_t grew, int64_t base) const {
    if (grew <= 0) return false;
    if (has_bytes && static_cast<double>(grew) <= bytes) return false;
    // A map that was not in the base has grown without bound.
    if (has_percent && base > 0 && 100.0 * grew / static_cast<double>(base) <= percent) {
      return false;
    }
    return true;
  }
};

StatusOr<GrowthLimit> ParseGrowthLimit(const std::string& s) {
  GrowthLimit g;
  if (s.empty()) return g;
  g.set = true;
  for (std::string_view part : Split(s, ',')) {
    std::string p(TrimSpace(part));
    if (EndsWith(p, "%")) {
      char* end = nullptr;
      std::string num = p.substr(0, p.size() - 1);
      double v = std::strtod(num.c_str(), &end);
      if (num.empty() || end == nullptr || *end != '\0' || v < 0 || g.has_percent) {
        return InvalidArgument(fmt::format("--fail-on-growth: bad percentage \"{}\"", p));
      }
      g.has_percent = true;
      g.percent = v;
      continue;
    }
    auto bytes = ParseByteSize(p);
    if (!bytes.ok() || g.has_bytes) {
      return InvalidArgument(fmt::format(
          "--fail-on-growth: want SIZE (10MB), PERCENT (20%) or both (10MB,20%), got \"{}\"", s));
    }
    g.has_bytes = true;
    g.bytes = static_cast<double>(*bytes);
  }
  return g;
}

}  // namespace

std::string HeapHelp() {
  return "Usage: mapwarden heap [flags] PROFILE\n\n" + std::string(kHeapDescription) +
         "\n\nRun 'mapwarden heap --help' for the flags.\n";
}

int RunHeap(const std::vector<std::string>& args) {
  std::string base_path, format = "text", fail_on_growth, tags, source_root = ".", base_source_root;
  std::vector<std::string> trim_paths;
  int other_sites = 10, maps = 20;
  bool tests = false;
  uint64_t max_decompressed = uint64_t{2} << 30;
  FlagSet fs("heap", "heap [flags] PROFILE", kHeapDescription);
  fs.String("base", "OLD", &base_path, "Report the growth since this earlier profile");
  fs.String("format", "FORMAT", &format, "Output format: text or json (default text)");
  fs.String("source-root", "DIR", &source_root,
            "Where the source of the profiled program is (default .)");
  fs.String("base-source-root", "DIR", &base_source_root,
            "Where the source of the --base profile's release is, when it differs");
  fs.StringList("trim-path", "PREFIX", &trim_paths,
                "Remove PREFIX from the profile's file paths before looking under "
                "--source-root (repeatable)");
  fs.String("fail-on-growth", "LIMIT", &fail_on_growth,
            "With --base: exit 1 when a map's in-use memory grew significantly by more than "
            "SIZE (10MB), PERCENT of its size in the base (20%), or both (10MB,20%)");
  fs.Int("maps", &maps, "How many maps the text lists, largest first (default 20; 0: all)");
  fs.Int("other", &other_sites, "How many non-map allocation sites the text lists (default 10)");
  fs.Bool("tests", &tests, "Also load _test.go files (set when the profile names one)");
  fs.String("tags", "LIST", &tags, "Comma-separated build tags to satisfy");
  fs.Uint64("max-decompressed", &max_decompressed,
            "Refuse profiles that inflate beyond SIZE (default 2GiB)");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->size() != 1) {
    return Fail("heap: want exactly one PROFILE; see 'mapwarden heap --help'");
  }
  if (format != "text" && format != "json") {
    return Fail(fmt::format("heap: unknown --format \"{}\" (want text or json)", format));
  }
  auto limit = ParseGrowthLimit(fail_on_growth);
  if (!limit.ok()) return Fail("heap: " + limit.status().message());
  if (limit->set && base_path.empty()) return Fail("heap: --fail-on-growth needs --base");
  if (!base_source_root.empty() && base_path.empty()) {
    return Fail("heap: --base-source-root needs --base");
  }
  std::error_code ec;
  for (const auto& [flag, dir] :
       {std::pair<const char*, const std::string&>{"source-root", source_root},
        {"base-source-root", base_source_root}}) {
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
      return Fail(fmt::format("heap: --{} {}: no such directory", flag, dir));
    }
  }

  // Standard-library packages are those GOROOT/src has.
  const std::string goroot = load::FindGoroot("");
  std::unordered_map<std::string, bool> std_cache;
  auto is_std = [&](std::string_view pkg) {
    auto [it, inserted] = std_cache.try_emplace(std::string(pkg), false);
    if (inserted) {
      std::error_code e;
      it->second =
          goroot.empty() || std::filesystem::is_directory(goroot + "/src/" + std::string(pkg), e);
    }
    return it->second;
  };
  pprof::ParseOptions popt;
  popt.max_decompressed_bytes = max_decompressed;
  auto load_sites = [&](const std::string& path) -> StatusOr<pprof::HeapSites> {
    auto p = pprof::ReadProfileFile(path, popt);
    if (!p.ok()) return p.status();
    auto sites = pprof::CollectHeapSites(*p, is_std);
    if (!sites.ok()) return Status(sites.status().code(), path + ": " + sites.status().message());
    return sites;
  };
  auto sites = load_sites((*rest)[0]);
  if (!sites.ok()) return Fail(sites.status().message());
  std::optional<pprof::HeapSites> base_sites;
  if (!base_path.empty()) {
    auto b = load_sites(base_path);
    if (!b.ok()) return Fail(b.status().message());
    base_sites = std::move(*b);
  }

  std::vector<std::string> files;
  std::set<std::string> seen;
  auto add_files = [&](const pprof::HeapSites& s) {
    for (const pprof::AllocSite& site : s.sites) {
      if (seen.insert(site.file).second) files.push_back(site.file);
    }
  };
  add_files(*sites);
  if (base_sites && base_source_root.empty()) add_files(*base_sites);
  pprof::SourceOptions so;
  so.source_root = source_root;
  so.trim_paths = trim_paths;
  so.analysis.load.tests = tests;
  for (std::string_view t : Split(tags, ',')) {
    if (!t.empty()) so.analysis.load.build.tags.emplace_back(t);
  }
  so.analysis.progress = isatty(2);
  so.analysis.base_dir = std::filesystem::current_path(ec).string();
  auto source = pprof::SourceIndex::Build(files, so);
  if (!source.ok()) return Fail("heap: " + source.status().message());
  if ((*source)->analysis() != nullptr && (*source)->analysis()->input_errors) {
    std::fprintf(stderr,
                 "mapwarden: warning: some source files could not be read or parsed; their "
                 "lines are not classified\n");
  }

  if (!files.empty() && (*source)->missing_files().size() == files.size()) {
    std::fprintf(stderr,
                 "mapwarden: warning: none of the %zu source files the profile names were found "
                 "under %s; maps cannot be named (see --source-root and --trim-path)\n",
                 files.size(), source_root.c_str());
  }
  pprof::HeapReport report = pprof::AttributeHeap(*sites, **source);
  // Another release's profile is classified with that release's source.
  std::unique_ptr<pprof::SourceIndex> base_source;
  if (base_sites && !base_source_root.empty()) {
    files.clear();
    seen.clear();
    add_files(*base_sites);
    pprof::SourceOptions bo = so;
    bo.source_root = base_source_root;
    auto b = pprof::SourceIndex::Build(files, bo);
    if (!b.ok()) return Fail("heap: " + b.status().message());
    base_source = std::move(*b);
  }
  if (base_sites) {
    pprof::HeapReport base =
        pprof::AttributeHeap(*base_sites, base_source ? *base_source : **source);
    pprof::CompareWithBase(&report, base);
  }
  pprof::HeapRenderOptions ro;
  ro.profile_name = (*rest)[0];
  ro.base_name = base_path;
  ro.base_dir = so.analysis.base_dir;
  ro.other_sites = other_sites;
  ro.maps = maps;
  std::string out =
      format == "json" ? pprof::RenderHeapJson(report, ro) : pprof::RenderHeapText(report, ro);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) return kExitUsage;

  int status = kExitClean;
  if (limit->set) {
    for (const pprof::MapReport& m : report.maps) {
      const int64_t grew = WrapSub(m.values.inuse_space, m.base.inuse_space);
      if (!m.significant) continue;
      const bool over = limit->Exceeded(grew, m.base.inuse_space);
      if (over) {
        std::fprintf(stderr, "mapwarden: %s grew by %s, over the --fail-on-growth limit %s\n",
                     m.info->name.c_str(), pprof::ScaledLabel(grew, "bytes", "auto").c_str(),
                     fail_on_growth.c_str());
        status = kExitFindings;
      }
    }
  } else {
    for (const pprof::MapReport& m : report.maps) {
      for (const pprof::Signature& s : m.signatures) {
        if (pprof::IsLeakSignature(s)) status = kExitFindings;
      }
    }
  }
  return status;
}

}  // namespace mw::cli

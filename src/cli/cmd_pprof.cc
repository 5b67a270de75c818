// `mapwarden pprof top`: go tool pprof -top, compatible flags and output.
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/flags.h"
#include "pprof/merge.h"
#include "pprof/parse.h"
#include "pprof/report_top.h"

namespace mw::cli {
namespace {

struct TopFlags {
  pprof::TopOptions report;
  std::vector<std::string> base, diff_base;
  uint64_t max_decompressed = uint64_t{2} << 30;
};

FlagSet TopFlagSet(TopFlags* f) {
  FlagSet fs("pprof top", "pprof top [flags] PROFILE...",
             "Prints the flat report of `go tool pprof -top`: the heaviest functions (or\n"
             "lines, files, addresses) of a profile, byte for byte as Go 1.19's pprof\n"
             "prints it. PROFILE is a profile.proto file (gzipped or not), a legacy text\n"
             "profile (Go debug=1 heap, goroutine, threadcreate, mutex, block; C++\n"
             "heapz, contentionz, threadz, binary CPU; Java heapz, contentionz, CPU), or -\n"
             "for stdin. Several profiles are merged. Unlike pprof, symbol names in Go\n"
             "debug=1 text are read from its '#' lines, so no binary is needed.");
  pprof::TopOptions& r = f->report;
  fs.String("sample_index", "NAME|N", &r.sample_index,
            "Sample value to report: a type name (inuse_space, ...) or index");
  for (const char* t : {"inuse_space", "inuse_objects", "alloc_space", "alloc_objects",
                        "contentions", "total_delay"}) {
    std::string name = t;
    std::string value = name == "total_delay" ? "delay" : name;
    fs.Custom({name, "", "Same as -sample_index=" + value, [&r, value](const std::string& v) {
                 if (v == "true") r.sample_index = value;
                 return Status::Ok();
               }});
  }
  fs.Int("nodecount", &r.node_count, "Show at most N nodes");
  fs.Double("nodefraction", &r.node_fraction, "Hide nodes below this fraction of the total");
  fs.Double("edgefraction", &r.edge_fraction, "Hide edges below this fraction of the total");
  fs.Custom({"cum", "", "Sort by cumulative value", [&r](const std::string& v) {
               if (v == "true") r.cum_sort = true;
               return Status::Ok();
             }});
  fs.Custom({"flat", "", "Sort by flat value (the default)", [&r](const std::string& v) {
               if (v == "true") r.cum_sort = false;
               return Status::Ok();
             }});
  struct G {
    const char* name;
    pprof::Granularity g;
    const char* help;
  };
  for (const G& g :
       {G{"functions", pprof::Granularity::kFunctions, "Aggregate by function"},
        G{"filefunctions", pprof::Granularity::kFileFunctions, "Aggregate by function and file"},
        G{"files", pprof::Granularity::kFiles, "Aggregate by source file"},
        G{"lines", pprof::Granularity::kLines, "Aggregate by source line"},
        G{"addresses", pprof::Granularity::kAddresses, "Aggregate by address"}}) {
    pprof::Granularity gran = g.g;
    fs.Custom({g.name, "", g.help, [&r, gran](const std::string& v) {
                 if (v == "true") r.granularity = gran;
                 return Status::Ok();
               }});
  }
  fs.Bool("noinlines", &r.no_inlines, "Attribute inlined functions to their callers");
  fs.String("focus", "REGEXP", &r.focus, "Keep only samples through a matching frame");
  fs.String("ignore", "REGEXP", &r.ignore, "Drop samples through a matching frame");
  fs.String("hide", "REGEXP", &r.hide, "Remove matching frames from stacks");
  fs.String("show", "REGEXP", &r.show, "Keep only matching frames in stacks");
  fs.String("show_from", "REGEXP", &r.show_from, "Drop frames above the first match");
  fs.String("prune_from", "REGEXP", &r.prune_from, "Drop frames below the matching one");
  fs.StringList("base", "FILE", &f->base, "Subtract this profile (repeatable)");
  fs.StringList("diff_base", "FILE", &f->diff_base,
                "Subtract this profile; percentages relative to it");
  fs.String("unit", "UNIT", &r.unit, "Output unit: minimum (default), B, MB, ms, s, ...");
  fs.Bool("relative_percentages", &r.relative_percentages,
          "Percentages relative to the focused samples");
  fs.Bool("drop_negative", &r.drop_negative, "Drop nodes with negative values");
  fs.Uint64("max-decompressed", &f->max_decompressed,
            "Refuse profiles that inflate beyond SIZE (default 2GiB)");
  return fs;
}

int RunTop(const std::vector<std::string>& args) {
  TopFlags flags;
  FlagSet fs = TopFlagSet(&flags);
  int exit_code = kExitClean;
  auto positional = ParseCommandFlags(fs, args, &exit_code);
  if (!positional) return exit_code;
  if (positional->empty())
    return Fail("pprof top: missing PROFILE; see 'mapwarden pprof top --help'");
  if (!flags.base.empty() && !flags.diff_base.empty()) {
    return Fail("pprof top: -base and -diff_base cannot both be set");
  }
  pprof::ParseOptions popt;
  popt.max_decompressed_bytes = flags.max_decompressed;
  auto load_all = [&](const std::vector<std::string>& paths) -> StatusOr<pprof::Profile> {
    std::vector<pprof::Profile> profiles;
    for (const std::string& path : paths) {
      auto p = pprof::LoadSource(path, popt);
      if (!p.ok()) return p.status();
      profiles.push_back(std::move(*p));
    }
    if (profiles.size() == 1) return std::move(profiles[0]);
    std::vector<const pprof::Profile*> srcs;
    for (const auto& p : profiles) srcs.push_back(&p);
    return pprof::Merge(srcs);
  };
  pprof::LoadedProfiles loaded;
  auto main_profile = load_all(*positional);
  if (!main_profile.ok()) return Fail(main_profile.status().message());
  loaded.main = std::move(*main_profile);
  const auto& base_paths = flags.base.empty() ? flags.diff_base : flags.base;
  loaded.diff_base = !flags.diff_base.empty();
  for (const std::string& path : base_paths) {
    auto b = pprof::LoadSource(path, popt);
    if (!b.ok()) return Fail(b.status().message());
    loaded.bases.push_back(std::move(*b));
  }
  auto prepared = pprof::PrepareForReport(std::move(loaded));
  if (!prepared.ok()) return Fail(prepared.status().message());
  auto report = pprof::TopReport(std::move(*prepared), flags.report);
  if (!report.ok()) return Fail(report.status().message());
  std::fwrite(report->data(), 1, report->size(), stdout);
  return std::fflush(stdout) == 0 ? kExitClean : kExitUsage;
}

}  // namespace

std::string PprofHelp() {
  TopFlags f;
  return "Usage: mapwarden pprof <subcommand> [flags] PROFILE...\n\n"
         "Subcommands:\n"
         "  top         Flat report, identical to `go tool pprof -top`\n\n" +
         TopFlagSet(&f).HelpText();
}

int RunPprof(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
    std::fputs(PprofHelp().c_str(), args.empty() ? stderr : stdout);
    return args.empty() ? kExitUsage : kExitClean;
  }
  if (args[0] == "top") return RunTop(std::vector<std::string>(args.begin() + 1, args.end()));
  return Fail(
      fmt::format("pprof: unknown subcommand \"{}\"; see 'mapwarden pprof --help'", args[0]));
}

}  // namespace mw::cli

// `mapwarden goroutines`: leaked goroutines and map activity in goroutine
// dumps; `mapwarden panics`: map crashes in service logs.
#include <fmt/format.h>

#include <cstdio>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "goroutines/analyze.h"
#include "goroutines/crashes.h"
#include "goroutines/input.h"
#include "goroutines/render.h"

namespace mw::cli {
namespace {

// "90s", "2m", "1h30m", or a bare number of minutes.
StatusOr<int> ParseMinutes(const std::string& s) {
  if (auto n = ParseInt64(s, 10)) return static_cast<int>(*n);
  int64_t total_seconds = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j == s.size()) return InvalidArgument(fmt::format("invalid duration \"{}\"", s));
    int64_t v = *ParseInt64(std::string_view(s).substr(i, j - i), 10);
    switch (s[j]) {
      case 'h':
        total_seconds += v * 3600;
        break;
      case 'm':
        total_seconds += v * 60;
        break;
      case 's':
        total_seconds += v;
        break;
      default:
        return InvalidArgument(fmt::format("invalid duration \"{}\"", s));
    }
    i = j + 1;
  }
  return static_cast<int>(total_seconds / 60);
}

struct GoroutineFlags {
  std::string format = "text";
  std::vector<std::string> base;
  std::string min_wait = "1m";
  int min_count = 10;
  bool all = false, ignore_lines = false, ignore_args = false, verbose = false;
};

FlagSet GoroutinesFlagSet(GoroutineFlags* f) {
  FlagSet fs("goroutines", "goroutines [flags] DUMP [DUMP...]",
             "Groups the goroutines of a dump by state, stack and creator, tells what each\n"
             "group is blocked on, and ranks leak suspects. DUMP is debug=2 text (also the\n"
             "goroutine section of crash output), debug=1 text or a debug=0 proto goroutine\n"
             "profile; the format is detected. Several DUMPs, oldest first, or --base, show\n"
             "each group's growth across snapshots. Exit status 1 when there are suspects.");
  fs.String("format", "text|json", &f->format, "Output format (default text)");
  fs.StringList("base", "OLD", &f->base, "An earlier dump to compare with (repeatable)");
  fs.String("min-wait", "DURATION", &f->min_wait,
            "Blocked at least this long makes a suspect (default 1m)");
  fs.Int("min-count", &f->min_count, "This many blocked goroutines make a suspect (default 10)");
  fs.Bool("all", &f->all, "Include the runtime's and standard library's own goroutines");
  fs.Bool("ignore-lines", &f->ignore_lines, "Group frames by function and file only");
  fs.Bool("ignore-args", &f->ignore_args, "Do not compare argument lists at all");
  fs.Bool("verbose", &f->verbose, "Show every group and every stack");
  return fs;
}

}  // namespace

std::string GoroutinesHelp() {
  GoroutineFlags f;
  return GoroutinesFlagSet(&f).HelpText();
}

int RunGoroutines(const std::vector<std::string>& args) {
  GoroutineFlags flags;
  FlagSet fs = GoroutinesFlagSet(&flags);
  int exit_code = kExitClean;
  auto dumps = ParseCommandFlags(fs, args, &exit_code);
  if (!dumps) return exit_code;
  if (dumps->empty()) return Fail("goroutines: missing DUMP; see 'mapwarden goroutines --help'");
  if (flags.format != "text" && flags.format != "json") {
    return Fail(fmt::format("goroutines: unknown format \"{}\" (text or json)", flags.format));
  }
  auto min_wait = ParseMinutes(flags.min_wait);
  if (!min_wait.ok()) return Fail("goroutines: --min-wait: " + min_wait.status().message());
  goroutines::FrameTable table(goroutines::FrameIdentity{flags.ignore_lines, flags.ignore_args});
  goroutines::AnalyzeOptions options;
  options.min_wait_minutes = *min_wait;
  options.min_count = flags.min_count;
  options.all = flags.all;
  goroutines::Analyzer analyzer(&table, options);
  std::vector<std::string> inputs = flags.base;
  inputs.insert(inputs.end(), dumps->begin(), dumps->end());
  for (const std::string& path : inputs) {
    analyzer.BeginSnapshot();
    auto format = goroutines::ReadGoroutineDump(path, &table, &analyzer);
    if (!format.ok()) return Fail(format.status().message());
  }
  goroutines::ClusterReport report;
  report.clusters = analyzer.Finish();
  report.goroutines = analyzer.total_goroutines();
  report.snapshots = analyzer.snapshots();
  report.table = &table;
  std::string out = flags.format == "json" ? goroutines::RenderClustersJson(report)
                                           : goroutines::RenderClustersText(report, flags.verbose);
  std::fwrite(out.data(), 1, out.size(), stdout);
  bool suspects = false;
  for (const auto& c : report.clusters) suspects = suspects || c.suspect;
  return suspects ? kExitFindings : kExitClean;
}

namespace {

FlagSet PanicsFlagSet(std::string* format) {
  FlagSet fs("panics", "panics [flags] LOG...",
             "Finds crashes in service logs, where crash output is interleaved with ordinary\n"
             "log lines: `panic: assignment to entry in nil map`, `fatal error: concurrent map\n"
             "writes` (and map read/iteration races), and any other panic or fatal error.\n"
             "Crashes are grouped by signature (error and top user frame) with their count,\n"
             "first and last time seen (from log timestamps), the source location to fix and,\n"
             "for map races, the goroutines doing the map access. Panics recovered and logged\n"
             "without a stack are counted separately. LOG may be - for stdin.\n"
             "Exit status 1 when crashes are found.");
  fs.String("format", "text|json", format, "Output format (default text)");
  return fs;
}

}  // namespace

std::string PanicsHelp() {
  std::string format;
  return PanicsFlagSet(&format).HelpText();
}

int RunPanics(const std::vector<std::string>& args) {
  std::string format = "text";
  FlagSet fs = PanicsFlagSet(&format);
  int exit_code = kExitClean;
  auto logs = ParseCommandFlags(fs, args, &exit_code);
  if (!logs) return exit_code;
  if (logs->empty()) return Fail("panics: missing LOG; see 'mapwarden panics --help'");
  if (format != "text" && format != "json") {
    return Fail(fmt::format("panics: unknown format \"{}\" (text or json)", format));
  }
  auto report = goroutines::ScanLogs(*logs);
  if (!report.ok()) return Fail(report.status().message());
  std::string out = format == "json" ? goroutines::RenderPanicsJson(*report)
                                     : goroutines::RenderPanicsText(*report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return report->crashes.empty() ? kExitClean : kExitFindings;
}

}  // namespace mw::cli

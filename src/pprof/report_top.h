// `pprof top`: the flat text report of `go tool pprof -top`, byte for byte.
#ifndef MAPWARDEN_PPROF_REPORT_TOP_H_
#define MAPWARDEN_PPROF_REPORT_TOP_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "pprof/parse.h"
#include "pprof/profile.h"

namespace mw::pprof {

enum class Granularity { kFunctions, kFileFunctions, kFiles, kLines, kAddresses };

struct TopOptions {
  std::string sample_index;  // name or number; empty: the profile's default
  int node_count = -1;       // -1: pprof's default for top (no limit)
  double node_fraction = 0.005;
  double edge_fraction = 0.001;
  bool cum_sort = false;
  Granularity granularity = Granularity::kFunctions;
  bool no_inlines = false;
  std::string focus, ignore, hide, show, show_from, prune_from;
  std::string unit = "minimum";
  bool drop_negative = false;
  bool relative_percentages = false;
};

// Produces the report for `p`, which is consumed (filters rewrite it).
// `p` is the merged profile as pprof's fetch step leaves it.
StatusOr<std::string> TopReport(Profile p, const TopOptions& options);

// What pprof does between reading and reporting: merge the sources with
// the negated base (-base / -diff_base), then drop uninteresting frames.
struct LoadedProfiles {
  Profile main;
  std::vector<Profile> bases;
  bool diff_base = false;
};
StatusOr<Profile> PrepareForReport(LoadedProfiles loaded);

// Reads one source as pprof's fetch step does: parse, then give a profile
// without mappings a fake one (pprof's locateBinaries), which decides the
// "File:" header after merging.
StatusOr<Profile> LoadSource(const std::string& path, const ParseOptions& options);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_REPORT_TOP_H_

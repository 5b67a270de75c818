// Sample and frame filters with pprof's exact semantics: -focus, -ignore,
// -hide, -show, -show_from, -prune_from, the profile's own drop_frames, and
// granularity aggregation.
#ifndef MAPWARDEN_PPROF_FILTER_H_
#define MAPWARDEN_PPROF_FILTER_H_

#include <re2/re2.h>

#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

struct NameFilterResult {
  bool focus_matched = false, ignore_matched = false, hide_matched = false, show_matched = false;
};

// Any regexp may be null. Matching is unanchored, against function names,
// file names and mapping files, as Go's regexp.MatchString.
NameFilterResult FilterSamplesByName(Profile* p, const RE2* focus, const RE2* ignore,
                                     const RE2* hide, const RE2* show);
bool ShowFrom(Profile* p, const RE2& show_from);
void PruneFrom(Profile* p, const RE2& drop);

// Applies the profile's drop_frames/keep_frames (pprof's RemoveUninteresting).
Status RemoveUninteresting(Profile* p);

// Strips detail below the requested granularity (pprof's Profile.Aggregate).
Status Aggregate(Profile* p, bool inline_frame, bool function, bool filename, bool linenumber,
                 bool address);

// The naming step of pprof's symbolizer (symbolizer.Demangle with its
// default mode), applied to each profile as it is read: a function whose
// name is empty or equal to its system name takes the system name, with
// parameter and template lists removed when it looks like demangled C++.
// Unlike pprof, mangled symbols (_Z...) are kept as they are.
void SimplifyFunctionNames(Profile* p);

// pprof's simplifyFunc: drops argument lists and the leading dot.
std::string_view SimplifyFunctionName(std::string_view name);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_FILTER_H_

// Merging profiles (pprof's profile.Merge) and the steps pprof applies to a
// freshly read profile before reporting.
#ifndef MAPWARDEN_PPROF_MERGE_H_
#define MAPWARDEN_PPROF_MERGE_H_

#include <vector>

#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

// Merges profiles of the same type: samples with the same stack and labels
// are summed, all-zero samples dropped, headers combined.
StatusOr<Profile> Merge(const std::vector<const Profile*>& srcs);

// Whether merging `p` alone could change a report: only sums of samples with
// opposite signs can, because report totals add absolute values.
bool MergeCouldMatter(const Profile& p);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_MERGE_H_

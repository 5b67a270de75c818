// Text and JSON output for `mapwarden goroutines` and `mapwarden panics`.
#ifndef MAPWARDEN_GOROUTINES_RENDER_H_
#define MAPWARDEN_GOROUTINES_RENDER_H_

#include <string>
#include <vector>

#include "goroutines/analyze.h"
#include "goroutines/crashes.h"

namespace mw::goroutines {

struct ClusterReport {
  std::vector<Cluster> clusters;
  int64_t goroutines = 0;
  int snapshots = 1;
  const FrameTable* table = nullptr;
};

std::string RenderClustersText(const ClusterReport& r, bool verbose);
std::string RenderClustersJson(const ClusterReport& r);
std::string RenderPanicsText(const PanicsReport& r);
std::string RenderPanicsJson(const PanicsReport& r);

}  // namespace mw::goroutines

#endif  // MAPWARDEN_GOROUTINES_RENDER_H_

// `mapwarden heap` output: text for people (largest map first, with its
// sites' source lines) and JSON ({"maps": [...]}) for tools.
#ifndef MAPWARDEN_PPROF_HEAP_REPORT_H_
#define MAPWARDEN_PPROF_HEAP_REPORT_H_

#include <string>

#include "pprof/heap_maps.h"
#include "pprof/heap_source.h"

namespace mw::pprof {

struct HeapRenderOptions {
  std::string profile_name;  // as given on the command line
  std::string base_name;     // empty without --base
  std::string base_dir;      // paths print relative to it
  int other_sites = 10;      // how many non-map sites the text lists
  int maps = 20;             // how many maps the text lists; 0: all
  bool color = false;
};

std::string RenderHeapText(const HeapReport& r, const HeapRenderOptions& options);
std::string RenderHeapJson(const HeapReport& r, const HeapRenderOptions& options);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_HEAP_REPORT_H_

// libFuzzer target for every profile parser: gzip, profile.proto, and the
// legacy text and binary formats, followed by the heap attribution (sites,
// per-size charging, the comparison's statistics), then pprof's name
// simplification and the top report, so that the graph code also sees
// whatever the parsers accept.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pprof/filter.h"
#include "pprof/heap_maps.h"
#include "pprof/heap_sites.h"
#include "pprof/heap_source.h"
#include "pprof/heap_stats.h"
#include "pprof/parse.h"
#include "pprof/report_top.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mw::pprof::ParseOptions options;
  options.max_decompressed_bytes = 16 << 20;
  auto p =
      mw::pprof::ParseProfile(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (!p.ok()) return 0;
  if (auto sites = mw::pprof::CollectHeapSites(*p); sites.ok()) {
    // No source: every site is classified as other memory.
    static auto* source = mw::pprof::SourceIndex::Build({}, {})->release();
    mw::pprof::HeapReport now = mw::pprof::AttributeHeap(*sites, *source);
    mw::pprof::HeapReport base = mw::pprof::AttributeHeap(*sites, *source);
    mw::pprof::CompareWithBase(&now, base);
    std::vector<mw::pprof::SizeChange> changes;
    for (size_t i = 0; i < sites->sites.size() && i < 100; ++i) {
      for (const mw::pprof::SizedValues& sv : sites->sites[i].sizes) {
        changes.push_back({sv.bytes, sv.values.inuse_space, sv.values.alloc_space});
      }
    }
    (void)mw::pprof::ChangePValue(changes, p->period, static_cast<int64_t>(size), size);
  }
  mw::pprof::SimplifyFunctionNames(&*p);  // as LoadSource does for every report
  mw::pprof::LoadedProfiles loaded;
  loaded.main = std::move(*p);
  auto prepared = mw::pprof::PrepareForReport(std::move(loaded));
  if (!prepared.ok()) return 0;
  mw::pprof::TopOptions top;
  top.granularity =
      (size & 1) ? mw::pprof::Granularity::kLines : mw::pprof::Granularity::kFunctions;
  top.node_count = static_cast<int>(size % 7);
  (void)mw::pprof::TopReport(std::move(*prepared), top);
  return 0;
}

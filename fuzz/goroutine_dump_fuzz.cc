// libFuzzer target for the goroutine dump reader and the clustering behind
// `mapwarden goroutines`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/strings.h"
#include "goroutines/analyze.h"
#include "goroutines/dump.h"
#include "goroutines/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mw::goroutines::FrameTable table;
  mw::goroutines::Analyzer analyzer(&table, {});
  analyzer.BeginSnapshot();
  mw::goroutines::Debug2Reader reader(&table, [&](const auto& g) { analyzer.Add(g); });
  mw::ForEachLineIn(text, [&](std::string_view line, size_t n) { reader.Feed(line, n); });
  reader.Finish();
  mw::goroutines::ClusterReport report;
  report.clusters = analyzer.Finish();
  report.table = &table;
  (void)mw::goroutines::RenderClustersJson(report);
  (void)mw::goroutines::RenderClustersText(report, true);
  return 0;
}

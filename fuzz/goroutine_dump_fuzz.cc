// libFuzzer target for the goroutine dump reader and the clustering behind
// `mapwarden goroutines`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "goroutines/analyze.h"
#include "goroutines/dump.h"
#include "goroutines/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mw::goroutines::FrameTable table;
  mw::goroutines::Analyzer analyzer(&table, {});
  analyzer.BeginSnapshot();
  mw::goroutines::Debug2Reader reader(&table, [&](const auto& g) { analyzer.Add(g); });
  size_t n = 0, start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    reader.Feed(text.substr(start, nl - start), ++n);
    start = nl + 1;
  }
  reader.Finish();
  mw::goroutines::ClusterReport report;
  report.clusters = analyzer.Finish();
  report.table = &table;
  (void)mw::goroutines::RenderClustersJson(report);
  (void)mw::goroutines::RenderClustersText(report, true);
  return 0;
}

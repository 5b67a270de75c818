// libFuzzer target for the crash-log scanner behind `mapwarden panics`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "goroutines/crashes.h"
#include "goroutines/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mw::goroutines::PanicsReport r = mw::goroutines::ScanLogText(text);
  (void)mw::goroutines::RenderPanicsJson(r);
  (void)mw::goroutines::RenderPanicsText(r);
  return 0;
}

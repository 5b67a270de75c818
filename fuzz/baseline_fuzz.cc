// libFuzzer target for baseline files (--baseline FILE), which come from
// disk: any bytes must parse or fail with an error, never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lint/suppress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto keys = mw::lint::ParseBaseline(text, "fuzz.json");
  if (keys.ok()) {
    for (const std::string& k : *keys) (void)k.size();
  }
  return 0;
}

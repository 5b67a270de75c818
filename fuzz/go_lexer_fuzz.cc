// libFuzzer target for the Go lexer: any bytes must scan to EOF without
// crashing, with strictly increasing token positions.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "syntax/scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  mw::Arena arena;
  mw::syntax::Scanner s(
      src, &arena, [](mw::syntax::Pos, std::string) {}, /*scan_comments=*/true);
  mw::syntax::Pos last = -1;
  for (size_t n = 0; n <= size + 2; ++n) {
    mw::syntax::TokenInfo t = s.Scan();
    if (t.tok == mw::syntax::Token::kEOF) return 0;
    if (t.pos < last || static_cast<size_t>(t.pos) > size) std::abort();
    last = t.pos;
  }
  std::abort();  // no progress: more tokens than bytes
}

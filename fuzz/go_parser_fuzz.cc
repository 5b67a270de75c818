// libFuzzer target for the Go parser: any bytes must parse (or fail) without
// crashing, and the tree (even a partial one) must dump and resolve.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sema/resolve.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string src(reinterpret_cast<const char*>(data), size);
  mw::syntax::RunWithLargeStack([&] {
    mw::syntax::ParsedFile pf = mw::syntax::ParseFile("fuzz.go", std::move(src));
    if (pf.file != nullptr) {
      std::string dump;
      mw::syntax::DumpAst(pf.file, &dump);
      mw::sema::TypeStore types;
      mw::sema::PackageResolver resolver(&types, "fuzz");
      resolver.Resolve({&pf});
    }
  });
  return 0;
}

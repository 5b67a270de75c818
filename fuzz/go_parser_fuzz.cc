// libFuzzer target for the Go parser: any bytes must parse (or fail) without
// crashing, and the tree (even a partial one) must dump and type-check.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sema/dump.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string src(reinterpret_cast<const char*>(data), size);
  mw::syntax::RunWithLargeStack([&] {
    mw::syntax::ParsedFile pf = mw::syntax::ParseFile("fuzz.go", std::move(src));
    if (pf.file != nullptr) {
      std::string dump;
      mw::syntax::DumpAst(pf.file, &dump);
      // Type-check it alone (imports are not read: the input names them).
      mw::sema::ProgramConfig config;
      config.load_imports = false;
      mw::sema::Program program(config);
      std::string types;
      mw::sema::DumpTypes(*program.Check("fuzz", {&pf}), program.types(), &types);
    }
  });
  return 0;
}

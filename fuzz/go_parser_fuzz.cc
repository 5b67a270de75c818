// libFuzzer target for the Go parser: any bytes must parse (or fail) without
// crashing, and the tree (even a partial one) must dump, type-check and go through the rules.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lint/map_flow.h"
#include "lint/registry.h"
#include "sema/dump.h"
#include "sema/facts.h"
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
      const mw::sema::Package* pkg = program.Check("fuzz", {&pf});
      mw::sema::DumpTypes(*pkg, program.types(), &types);
      // And the rules, over whatever was typed.
      std::vector<const mw::sema::Package*> packages{pkg};
      mw::sema::Facts facts(&program, packages);
      mw::lint::MapFlow flow(&program, packages, facts);
      mw::lint::RuleContext ctx(&program, packages, &facts, &flow, "");
      for (const auto& rule : mw::lint::AllRules()) rule->Run(&ctx);
    }
  });
  return 0;
}

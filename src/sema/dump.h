// `mapwarden debug types`: the type of every identifier use, selector,
// index expression and composite literal of a checked package, in
// typesdump's format (docs/types-dump.md), so that the two can be diffed.
#ifndef MAPWARDEN_SEMA_DUMP_H_
#define MAPWARDEN_SEMA_DUMP_H_

#include <string>
#include <vector>

#include "sema/program.h"

namespace mw::sema {

// Appends "FILE:LINE:COL KIND TYPE\n" lines, sorted by file and offset.
void DumpTypes(const Package& pkg, const TypeStore& types, std::string* out);

class Facts;
// Appends the facts about `packages` for `debug facts`, one per line
// (docs/facts-dump.md).
void DumpFacts(const Facts& facts, const std::vector<const Package*>& packages,
               const TypeStore& types, std::string* out);

struct ProgramStats {
  size_t packages = 0, files = 0, expressions = 0, map_expressions = 0, uses = 0;
};
// Adds a checked package's counts to `stats`.
void AddStats(const Package& pkg, ProgramStats* stats);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_DUMP_H_

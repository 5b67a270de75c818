// The canonical AST dump (docs/ast-dump.md): one line per node with its
// kind, start and end offsets and scalar fields, children indented beneath,
// fields in go/ast's order. tests/programs/astdump prints the same from
// go/parser, so the two parsers can be compared file by file.
#ifndef MAPWARDEN_SYNTAX_AST_DUMP_H_
#define MAPWARDEN_SYNTAX_AST_DUMP_H_

#include <string>

#include "syntax/ast.h"

namespace mw::syntax {

// Appends the dump of `file` to `out`.
void DumpAst(const File* file, std::string* out);

}  // namespace mw::syntax

#endif  // MAPWARDEN_SYNTAX_AST_DUMP_H_

// Parsing one Go source file into a syntax tree.
#ifndef MAPWARDEN_SYNTAX_PARSER_H_
#define MAPWARDEN_SYNTAX_PARSER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/arena.h"
#include "base/parallel.h"
#include "base/source_file.h"
#include "syntax/ast.h"

namespace mw::syntax {

struct SyntaxError {
  Pos pos = kNoPos;
  LineCol where;
  std::string message;
};

// Hands out node ids to the parsers of one package's files, which may run
// on several threads: each takes a chunk at a time and gives back what its
// file did not use when no one has taken more since.
struct NodeIdCounter {
  std::atomic<uint32_t> next{1};
};

struct ParseOptions {
  bool comments = true;     // keep comments (go/parser's ParseComments)
  bool all_errors = false;  // report every error, not the first per line and at most 10
  // Function declarations get empty bodies (their braces kept): for
  // imported packages, whose declarations are typed but whose bodies are
  // never checked. The braces are matched on the bytes, stepping over
  // strings, runes and comments, without making tokens.
  // Function literals' bodies too.
  bool skip_func_bodies = false;
  // Composite literals get empty values (their braces kept), except those
  // of type [...]T, whose length is their number of elements: no other
  // literal's type depends on what is inside its braces. For imported
  // packages, whose variables' initializers are typed but never analysed
  // (unicode's tables alone are 200 KB of literals).
  bool skip_literal_values = false;
  // Top-level declarations other than imports are indexed, not parsed:
  // each becomes a LazyDecl with its names and extent, stepped over
  // without building a tree, and ParseLazyDecl parses it on first use
  // (with skip_func_bodies and skip_literal_values, whatever these options
  // say). For imported packages, most of whose declarations nothing
  // refers to. A declaration the index cannot read is parsed in full.
  bool lazy_decls = false;
  // Shared by the files of a package, so that their node ids do not
  // overlap; null: the file's ids start at 1.
  NodeIdCounter* node_ids = nullptr;
};

// A parsed file owns its source and the arena its tree lives in.
struct ParsedFile {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<Arena> arena;
  File* file = nullptr;             // null only when the package clause is missing or broken
  std::vector<SyntaxError> errors;  // sorted by position, as go/parser reports them
  uint32_t node_id_end = 0;         // one past the largest node id in the tree

  bool ok() const { return errors.empty(); }
  // "path:line:col: message", go/parser's format.
  std::string FormatError(const SyntaxError& e) const;
};

ParsedFile ParseFile(std::string path, std::string content, const ParseOptions& options = {});

// How imported packages' files are parsed: without comments, with function
// bodies and literal values skipped, and their declarations indexed.
ParseOptions ImportedFileOptions();

// The declaration `d` stands for, parsed on the first call (into the
// arena of the file holding it) and remembered. Not safe to call for two
// declarations of one file at once. Syntax errors are not reported, as
// those of imported files never are.
Decl* ParseLazyDecl(const LazyDecl* d);

// The parser recurses once per nesting level: parse deep input on a large
// stack (base/parallel.h).
using mw::RunWithLargeStack;

}  // namespace mw::syntax

#endif  // MAPWARDEN_SYNTAX_PARSER_H_

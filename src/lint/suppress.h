// Suppressing findings: inline comments and baseline files.
//
// Inline, on the finding's line or the line before:
//   //mapwarden:ignore MW102 reason      (codes or names, comma-separated, or "all")
//   //nolint:mapwarden                   (golangci-lint's form; bare //nolint and
//                                         //nolint:all too)
// A baseline file records the findings of an existing codebase
// (--write-baseline) so that later runs (--baseline) report only new ones.
// Entries match by rule, file, message and the text of the finding's line,
// so findings keep matching when lines above them move.
#ifndef MAPWARDEN_LINT_SUPPRESS_H_
#define MAPWARDEN_LINT_SUPPRESS_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "diag/diagnostic.h"
#include "syntax/parser.h"

namespace mw::lint {

// Removes the findings suppressed by comments in `files` (the files of the
// checked packages; paths as the diagnostics print them, via `relative`).
void ApplyInlineSuppressions(const std::vector<const syntax::ParsedFile*>& files,
                             const std::function<std::string(const std::string&)>& relative,
                             std::vector<diag::Diagnostic>* diags);

// The text of the finding's line, trimmed (for baseline matching).
using LineText = std::function<std::string(const diag::Diagnostic&)>;

// A baseline's entries: rule, file, message and line text, joined by \x1f.
StatusOr<std::vector<std::string>> ParseBaseline(std::string_view text, const std::string& path);

Status WriteBaseline(const std::string& path, const std::vector<diag::Diagnostic>& diags,
                     const LineText& line_text);
// Removes findings recorded in the baseline; returns how many were removed.
StatusOr<size_t> ApplyBaseline(const std::string& path, const LineText& line_text,
                               std::vector<diag::Diagnostic>* diags);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_SUPPRESS_H_

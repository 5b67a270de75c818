// Renderers: one per output format, in their own files.
#ifndef MAPWARDEN_DIAG_RENDER_RENDER_H_
#define MAPWARDEN_DIAG_RENDER_RENDER_H_

#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace mw::diag {

// What a renderer may need besides the findings.
struct RuleInfo {
  std::string code, name, summary;
  std::string description;  // the rule doc's "what it does" (SARIF fullDescription)
};

struct RenderContext {
  std::vector<RuleInfo> rules;  // every rule that ran (SARIF lists them)
  std::string tool_version;
  bool color = false;    // text: ANSI colors
  std::string base_dir;  // SARIF: paths under it are written relative to it
};

// path:line:col: message [MW101 nil-map-write], then indented labels and help.
void RenderText(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out);
// A JSON array of objects (rule, name, severity, file, line, column, end_line,
// end_column, message, and help, related and fix when present).
void RenderJson(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out);
// SARIF 2.1.0, as GitHub code scanning accepts it.
void RenderSarif(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out);
// GitHub Actions workflow commands (::error file=...,line=...::message).
void RenderGithub(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out);

}  // namespace mw::diag

#endif  // MAPWARDEN_DIAG_RENDER_RENDER_H_

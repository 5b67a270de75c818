// SARIF 2.1.0 with what GitHub code scanning reads: the tool's rules with
// help, one result per finding with a physical location (a path relative
// to the repository root; 1-based line and column, exclusive end column),
// related locations, fixes, and a partial fingerprint so that findings keep
// their identity across commits.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/strings.h"
#include "diag/render/render.h"

namespace mw::diag {

namespace {

nlohmann::json Region(const Span& s) {
  return {{"startLine", s.line},
          {"startColumn", s.column},
          {"endLine", s.end_line},
          {"endColumn", s.end_column}};
}

// A path as a URI reference: relative to the base directory when under it
// (GitHub resolves those against the repository root), else a file: URI;
// bytes outside RFC 3986's unreserved set (and '/') are percent-encoded.
std::string Uri(std::string path, const std::string& base) {
  path = PathRelativeTo(path, base);
  std::string out = StartsWith(path, "/") ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

nlohmann::json Location(const Span& s, const std::string& base) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", Uri(s.file, base)}}}, {"region", Region(s)}}}};
}

}  // namespace

void RenderSarif(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out) {
  nlohmann::json rules = nlohmann::json::array();
  for (const RuleInfo& r : ctx.rules) {
    rules.push_back(
        {{"id", r.code},
         {"name", r.name},
         {"shortDescription", {{"text", r.summary}}},
         {"fullDescription", {{"text", r.description.empty() ? r.summary : r.description}}},
         {"help", {{"text", "Run `mapwarden explain " + r.code + "`."}}},
         {"defaultConfiguration", {{"level", "error"}}}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const Diagnostic& d : diags) {
    int rule_index = -1;
    for (size_t i = 0; i < ctx.rules.size(); ++i) {
      if (ctx.rules[i].code == d.code) rule_index = static_cast<int>(i);
    }
    nlohmann::json r = {
        {"ruleId", d.code},
        {"level", d.severity == Severity::kError     ? "error"
                  : d.severity == Severity::kWarning ? "warning"
                                                     : "note"},
        {"message", {{"text", d.help.empty() ? d.message : d.message + ". " + d.help}}},
        {"locations", nlohmann::json::array({Location(d.span, ctx.base_dir)})},
        {"partialFingerprints",
         {{"mapwarden/v1",
           fmt::format("{:016x}", Fnv64a(d.code + "|" + d.span.file + "|" + d.message))}}}};
    if (rule_index >= 0) r["ruleIndex"] = rule_index;
    if (!d.labels.empty()) {
      nlohmann::json related = nlohmann::json::array();
      int id = 1;
      for (const Label& l : d.labels) {
        nlohmann::json loc = Location(l.span, ctx.base_dir);
        loc["id"] = id++;
        loc["message"] = {{"text", l.message}};
        related.push_back(loc);
      }
      r["relatedLocations"] = related;
    }
    if (!d.fixes.empty()) {
      nlohmann::json fixes = nlohmann::json::array();
      for (const Fix& f : d.fixes) {
        nlohmann::json changes = nlohmann::json::array();
        for (const Edit& e : f.edits) {
          changes.push_back(
              {{"artifactLocation", {{"uri", Uri(e.file, ctx.base_dir)}}},
               {"replacements",
                nlohmann::json::array(
                    {{{"deletedRegion", {{"byteOffset", e.begin}, {"byteLength", e.end - e.begin}}},
                      {"insertedContent", {{"text", e.replacement}}}}})}});
        }
        fixes.push_back({{"description", {{"text", f.description}}}, {"artifactChanges", changes}});
      }
      r["fixes"] = fixes;
    }
    results.push_back(std::move(r));
  }
  nlohmann::json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::json::array({{{"tool",
                                        {{"driver",
                                          {{"name", "mapwarden"},
                                           {"version", ctx.tool_version},
                                           {"semanticVersion", ctx.tool_version},
                                           {"rules", rules}}}}},
                                       {"columnKind", "utf16CodeUnits"},
                                       {"results", results}}})}};
  *out += sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mw::diag

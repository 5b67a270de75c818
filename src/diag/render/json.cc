#include <nlohmann/json.hpp>

#include "diag/render/render.h"

namespace mw::diag {

namespace {

nlohmann::json SpanJson(const Span& s) {
  return {{"file", s.file},
          {"line", s.line},
          {"column", s.column},
          {"end_line", s.end_line},
          {"end_column", s.end_column}};
}

}  // namespace

void RenderJson(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out) {
  (void)ctx;
  nlohmann::json arr = nlohmann::json::array();
  for (const Diagnostic& d : diags) {
    nlohmann::json j = {{"rule", d.code},
                        {"name", d.name},
                        {"severity", SeverityName(d.severity)},
                        {"file", d.span.file},
                        {"line", d.span.line},
                        {"column", d.span.column},
                        {"end_line", d.span.end_line},
                        {"end_column", d.span.end_column},
                        {"message", d.message}};
    if (!d.help.empty()) j["help"] = d.help;
    if (!d.labels.empty()) {
      nlohmann::json related = nlohmann::json::array();
      for (const Label& l : d.labels) {
        nlohmann::json r = SpanJson(l.span);
        r["message"] = l.message;
        related.push_back(r);
      }
      j["related"] = related;
    }
    if (!d.fixes.empty()) {
      const Fix& f = d.fixes[0];
      nlohmann::json edits = nlohmann::json::array();
      for (const Edit& e : f.edits) {
        edits.push_back({{"file", e.file},
                         {"offset", e.begin},
                         {"end_offset", e.end},
                         {"replacement", e.replacement}});
      }
      j["fix"] = {{"description", f.description}, {"edits", edits}};
    }
    arr.push_back(std::move(j));
  }
  *out += arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mw::diag

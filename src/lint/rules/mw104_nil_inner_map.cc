// MW104 nil-inner-map: m[a][b] = v on a map of maps when m[a] was never made
// on that path.
#include "lint/rules/mw104_nil_inner_map.h"

#include "lint/map_flow.h"

namespace mw::lint {

const char* NilInnerMap::name() const { return "nil-inner-map"; }

const RuleDoc& NilInnerMap::doc() const {
  static const RuleDoc d = {
      "a write into an inner map of a map of maps that may not exist",
      "Reports m[a][b] = v (and op= and ++) on a map whose values are maps, when nothing\n"
      "earlier in the function assigns m[a], checks it against nil, or reads it with\n"
      "`inner, ok := m[a]`. Those guard idioms, helpers that return the inner map, and\n"
      "writes under `if len(x) > 0` where x holds only what an entry of m[a] held, or\n"
      "inside `for ... range m[a]`, are not reported.",
      "m[a] of a missing key is a nil map, so writing into it panics with `assignment to\n"
      "entry in nil map` the first time a new key arrives.",
      "    byUser := map[string]map[string]int{}\n"
      "    byUser[user][page]++ // MW104: byUser[user] is nil for a new user",
      "Make the inner map when it is missing:\n"
      "    if byUser[user] == nil {\n"
      "        byUser[user] = map[string]int{}\n"
      "    }\n"
      "    byUser[user][page]++",
      "S4",
  };
  return d;
}

void NilInnerMap::Run(RuleContext* ctx) const {
  for (const MapWrite& w : ctx->flow().writes()) {
    if (w.kind != WriteTarget::kInner || w.guarded) continue;
    std::string inner(RuleContext::TextOf(w.file, w.map_expr));
    diag::Diagnostic d =
        Make(*ctx, w.file, w.target,
             "write into inner map " + inner + ", which is nil when the key is absent");
    d.help = "make it first: if " + inner + " == nil { " + inner + " = make(...) }";
    ctx->Report(std::move(d));
  }
}

}  // namespace mw::lint

// MW103 nil-map-element: a write into an element of a slice or array of
// maps whose elements were never made.
#include "lint/rules/mw103_nil_map_element.h"

#include "lint/map_flow.h"

namespace mw::lint {

const char* NilMapElement::name() const { return "nil-map-element"; }

const RuleDoc& NilMapElement::doc() const {
  static const RuleDoc d = {
      "a write into an element of a slice or array of maps that was never made",
      "Reports s[i][k] = v where s was made with make([]map[K]V, n), or is an array of maps\n"
      "([N]map[K]V) with its zero value, and no element of s was assigned between that and\n"
      "the write.",
      "make([]map[K]V, n) makes the slice, not the maps: every element is a nil map, and\n"
      "the first write into one panics with `assignment to entry in nil map`.",
      "    shards := make([]map[string]int, 8)\n"
      "    shards[h%8][key] = v // MW103: shards[h%8] is a nil map",
      "Make each element first:\n"
      "    for i := range shards {\n"
      "        shards[i] = make(map[string]int)\n"
      "    }",
      "S3",
  };
  return d;
}

void NilMapElement::Run(RuleContext* ctx) const {
  for (const MapWrite& w : ctx->flow().writes()) {
    if (w.kind != WriteTarget::kElement || w.nil_elements == nullptr) continue;
    std::string s(RuleContext::TextOf(w.file, w.base));
    diag::Diagnostic d =
        Make(*ctx, w.file, w.target,
             "write into an element of " + s + ", which is a nil map: no element was made");
    d.labels.push_back(
        {ctx->SpanOf(w.file, w.nil_elements), "the elements of " + s + " are nil maps from here"});
    d.help = "make each element before writing it: for i := range " + s + " { " + s +
             "[i] = make(...) }";
    ctx->Report(std::move(d));
  }
}

}  // namespace mw::lint

#include "lint/registry.h"

#include <strings.h>

#include "lint/rules/mw101_nil_map_write.h"
#include "lint/rules/mw102_uninitialized_map_field.h"
#include "lint/rules/mw103_nil_map_element.h"
#include "lint/rules/mw104_nil_inner_map.h"
#include "lint/rules/mw105_nil_map_flow.h"

namespace mw::lint {

const std::vector<std::unique_ptr<Rule>>& AllRules() {
  static const auto* rules = [] {
    auto* v = new std::vector<std::unique_ptr<Rule>>;
#define MW_RULE(code, name, cls) v->push_back(std::make_unique<cls>());
#include "lint/rules.def"
#undef MW_RULE
    return v;
  }();
  return *rules;
}

const Rule* FindRule(std::string_view code_or_name) {
  auto eq = [](std::string_view a, const char* b) {
    return a.size() == std::char_traits<char>::length(b) && strncasecmp(a.data(), b, a.size()) == 0;
  };
  for (const auto& r : AllRules()) {
    if (eq(code_or_name, r->code()) || eq(code_or_name, r->name())) return r.get();
  }
  return nullptr;
}

std::string FormatRuleDoc(const Rule& rule) {
  const RuleDoc& d = rule.doc();
  std::string out = std::string(rule.code()) + " " + rule.name() + ": " + d.summary + "\n\n";
  out += "What it does\n" + std::string(d.what) + "\n\n";
  out += "Why it is bad\n" + std::string(d.why) + "\n\n";
  out += "Example\n" + std::string(d.example) + "\n\n";
  out += "Fix\n" + std::string(d.fix) + "\n\n";
  out += "Scenarios: " + std::string(d.scenarios) + "\n";
  return out;
}

}  // namespace mw::lint

// Every rule, from rules.def.
#ifndef MAPWARDEN_LINT_REGISTRY_H_
#define MAPWARDEN_LINT_REGISTRY_H_

#include <memory>
#include <string_view>
#include <vector>

#include "lint/rule.h"

namespace mw::lint {

const std::vector<std::unique_ptr<Rule>>& AllRules();
// By code (MW101) or name (nil-map-write), case-insensitively; null if none.
const Rule* FindRule(std::string_view code_or_name);
// The rule's documentation in the fixed template, as `explain` prints it.
std::string FormatRuleDoc(const Rule& rule);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_REGISTRY_H_

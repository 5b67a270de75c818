#ifndef MAPWARDEN_LINT_RULES_MW103_NIL_MAP_ELEMENT_H_
#define MAPWARDEN_LINT_RULES_MW103_NIL_MAP_ELEMENT_H_

#include "lint/rule.h"

namespace mw::lint {

class NilMapElement : public Rule {
 public:
  const char* code() const override { return "MW103"; }
  const char* name() const override;
  const RuleDoc& doc() const override;
  void Run(RuleContext* ctx) const override;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_RULES_MW103_NIL_MAP_ELEMENT_H_

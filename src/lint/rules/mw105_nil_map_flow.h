#ifndef MAPWARDEN_LINT_RULES_MW105_NIL_MAP_FLOW_H_
#define MAPWARDEN_LINT_RULES_MW105_NIL_MAP_FLOW_H_

#include "lint/rule.h"

namespace mw::lint {

class NilMapFlow : public Rule {
 public:
  const char* code() const override { return "MW105"; }
  const char* name() const override;
  const RuleDoc& doc() const override;
  void Run(RuleContext* ctx) const override;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_RULES_MW105_NIL_MAP_FLOW_H_

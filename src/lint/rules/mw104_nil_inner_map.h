#ifndef MAPWARDEN_LINT_RULES_MW104_NIL_INNER_MAP_H_
#define MAPWARDEN_LINT_RULES_MW104_NIL_INNER_MAP_H_

#include "lint/rule.h"

namespace mw::lint {

class NilInnerMap : public Rule {
 public:
  const char* code() const override { return "MW104"; }
  const char* name() const override;
  const RuleDoc& doc() const override;
  void Run(RuleContext* ctx) const override;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_RULES_MW104_NIL_INNER_MAP_H_

#ifndef MAPWARDEN_LINT_RULES_MW102_UNINITIALIZED_MAP_FIELD_H_
#define MAPWARDEN_LINT_RULES_MW102_UNINITIALIZED_MAP_FIELD_H_

#include "lint/rule.h"

namespace mw::lint {

class UninitializedMapField : public Rule {
 public:
  const char* code() const override { return "MW102"; }
  const char* name() const override;
  const RuleDoc& doc() const override;
  void Run(RuleContext* ctx) const override;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_RULES_MW102_UNINITIALIZED_MAP_FIELD_H_

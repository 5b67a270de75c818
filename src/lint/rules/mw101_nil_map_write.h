#ifndef MAPWARDEN_LINT_RULES_MW101_NIL_MAP_WRITE_H_
#define MAPWARDEN_LINT_RULES_MW101_NIL_MAP_WRITE_H_

#include "lint/rule.h"

namespace mw::lint {

class NilMapWrite : public Rule {
 public:
  const char* code() const override { return "MW101"; }
  const char* name() const override;
  const RuleDoc& doc() const override;
  void Run(RuleContext* ctx) const override;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_RULES_MW101_NIL_MAP_WRITE_H_

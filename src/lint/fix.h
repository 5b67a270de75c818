// Applying fixes: the edits of every finding's first fix, merged per file
// (identical edits once; an edit overlapping an earlier one is dropped),
// as new file contents or as a unified diff.
#ifndef MAPWARDEN_LINT_FIX_H_
#define MAPWARDEN_LINT_FIX_H_

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "diag/diagnostic.h"

namespace mw::lint {

// path -> new contents, for every file a fix changes.
StatusOr<std::map<std::string, std::string>> ApplyFixes(const std::vector<diag::Diagnostic>& diags);

// A unified diff (3 lines of context) from `before` to `after`, labelled
// a/LABEL and b/LABEL.
std::string UnifiedDiff(const std::string& label, const std::string& before,
                        const std::string& after);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_FIX_H_

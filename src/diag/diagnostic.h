// Diagnostics: a finding at a span of a file, with a message, secondary
// labels, a help line and an optional fix. Renderers (diag/render/) turn a
// list of them into text, JSON, SARIF or GitHub annotations.
#ifndef MAPWARDEN_DIAG_DIAGNOSTIC_H_
#define MAPWARDEN_DIAG_DIAGNOSTIC_H_

#include <string>
#include <vector>

namespace mw::diag {

enum class Severity { kError, kWarning, kNote };
const char* SeverityName(Severity s);

struct Span {
  std::string file;                  // as it should be printed (relative to the working directory)
  int line = 0, column = 0;          // 1-based; column counts bytes, as go vet does
  int end_line = 0, end_column = 0;  // exclusive end
};

struct Label {
  Span span;
  std::string message;
};

// A replacement of the bytes [begin, end) of `file` (an absolute or
// working-directory-relative path, as read).
struct Edit {
  std::string file;
  size_t begin = 0, end = 0;
  std::string replacement;
};

struct Fix {
  std::string description;
  std::vector<Edit> edits;
};

struct Diagnostic {
  std::string code;  // MW101
  std::string name;  // nil-map-write
  Severity severity = Severity::kError;
  Span span;
  std::string message;
  std::vector<Label> labels;  // related places: where the map is declared, constructed, ...
  std::string help;
  std::vector<Fix> fixes;
};

// Orders by file, line, column, then code: stable output across runs.
void SortDiagnostics(std::vector<Diagnostic>* diags);

}  // namespace mw::diag

#endif  // MAPWARDEN_DIAG_DIAGNOSTIC_H_

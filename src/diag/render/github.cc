// GitHub Actions workflow commands: each finding becomes an annotation on
// the pull request's diff.
#include "diag/render/render.h"

namespace mw::diag {

namespace {

// Workflow command escaping: data escapes %, CR and LF; properties also
// escape : and ,.
std::string EscapeData(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeProperty(const std::string& s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void RenderGithub(const std::vector<Diagnostic>& diags, const RenderContext& ctx,
                  std::string* out) {
  (void)ctx;
  for (const Diagnostic& d : diags) {
    const char* level = d.severity == Severity::kError     ? "error"
                        : d.severity == Severity::kWarning ? "warning"
                                                           : "notice";
    std::string message = d.message;
    if (!d.help.empty()) message += "\n" + d.help;
    *out += std::string("::") + level + " file=" + EscapeProperty(d.span.file) +
            ",line=" + std::to_string(d.span.line) + ",col=" + std::to_string(d.span.column) +
            ",endLine=" + std::to_string(d.span.end_line) +
            ",endColumn=" + std::to_string(d.span.end_column) +
            ",title=" + EscapeProperty(d.code + " " + d.name) + "::" + EscapeData(message) + "\n";
  }
}

}  // namespace mw::diag

#include "lint/rule.h"

#include <filesystem>

#include "base/file_io.h"
#include "base/strings.h"

namespace mw::lint {

std::string RuleContext::RelativePath(const std::string& path) const {
  return PathRelativeTo(path, base_dir_);
}

diag::Span RuleContext::SpanOf(const syntax::ParsedFile* file, const syntax::Node* n) const {
  diag::Span s;
  if (file == nullptr || n == nullptr) return s;
  s.file = RelativePath(file->source->path());
  LineCol b = file->source->Position(n->Start());
  LineCol e = file->source->Position(n->End());
  s.line = b.line;
  s.column = b.column;
  s.end_line = e.line;
  s.end_column = e.column;
  return s;
}

std::string_view RuleContext::TextOf(const syntax::ParsedFile* file, const syntax::Node* n) {
  std::string_view src = file->source->content();
  return src.substr(n->Start(), n->End() - n->Start());
}

diag::Diagnostic Rule::Make(const RuleContext& ctx, const syntax::ParsedFile* file,
                            const syntax::Node* n, std::string message) const {
  diag::Diagnostic d;
  d.code = code();
  d.name = name();
  d.severity = diag::Severity::kError;
  d.span = ctx.SpanOf(file, n);
  d.message = std::move(message);
  return d;
}

}  // namespace mw::lint

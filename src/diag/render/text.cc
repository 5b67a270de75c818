// vet-style text: one line per finding, then its related places and help.
#include "diag/render/render.h"

namespace mw::diag {

void RenderText(const std::vector<Diagnostic>& diags, const RenderContext& ctx, std::string* out) {
  const char* bold = ctx.color ? "\033[1m" : "";
  const char* red = ctx.color ? "\033[31m" : "";
  const char* dim = ctx.color ? "\033[2m" : "";
  const char* reset = ctx.color ? "\033[0m" : "";
  for (const Diagnostic& d : diags) {
    *out += std::string(bold) + d.span.file + ":" + std::to_string(d.span.line) + ":" +
            std::to_string(d.span.column) + ":" + reset + " " + red + d.message + reset + " [" +
            d.code + " " + d.name + "]\n";
    for (const Label& l : d.labels) {
      *out += std::string("\t") + dim + l.span.file + ":" + std::to_string(l.span.line) + ":" +
              std::to_string(l.span.column) + ": " + l.message + reset + "\n";
    }
    if (!d.help.empty()) *out += "\thelp: " + d.help + "\n";
  }
}

}  // namespace mw::diag

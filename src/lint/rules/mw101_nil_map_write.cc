// MW101 nil-map-write: a write to a map variable that is nil on some path
// reaching the write.
#include "lint/rules/mw101_nil_map_write.h"

#include "lint/map_flow.h"

namespace mw::lint {

const char* NilMapWrite::name() const { return "nil-map-write"; }

const RuleDoc& NilMapWrite::doc() const {
  static const RuleDoc d = {
      "a write to a map variable that is nil on some path reaching it",
      "Follows each map variable through its function (branches, loops, nil checks) and\n"
      "reports m[k] = v, m[k] op= v and m[k]++ where the map may still be nil: declared\n"
      "without a value or assigned nil, made only on some branches, written inside an\n"
      "`if m == nil` branch, or a package-level map that nothing in the checked packages\n"
      "ever makes (an assignment in another package, `config.Defaults = make(...)`,\n"
      "counts). A map made together with another under one nil check is known to be\n"
      "made wherever that one is.",
      "Reading a nil map is fine, but writing one panics with `assignment to entry in nil\n"
      "map`. The panic comes on the first write on the path that skipped the make, often\n"
      "a rare one, in production.",
      "    var counts map[string]int\n"
      "    for _, w := range words {\n"
      "        counts[w]++ // MW101: counts is nil here\n"
      "    }",
      "Make the map before writing it: `counts := make(map[string]int)`, or make it on\n"
      "every path. `--fix` rewrites `var m map[K]V` as `var m = make(map[K]V)` when that\n"
      "declaration is the only reason the map is nil.",
      "S1 (and S5 for maps passed on, see MW105)",
  };
  return d;
}

void NilMapWrite::Run(RuleContext* ctx) const {
  for (const MapWrite& w : ctx->flow().writes()) {
    if (w.kind != WriteTarget::kVar || !w.known || w.state == Nilness::kNonNil ||
        w.origin == NilOrigin::kCall || w.var == nullptr) {
      continue;
    }
    const std::string& m = w.var->name;
    std::string message, label;
    const bool maybe = w.state == Nilness::kMaybe;
    switch (w.origin) {
      case NilOrigin::kDeclared:
        message = maybe ? m + " may be nil here: it is made only on some paths to this write"
                        : "write to nil map " + m +
                              ": declared without a value and not made "
                              "before this write";
        label = "declared here without a value";
        break;
      case NilOrigin::kAssignedNil:
        message = maybe ? m + " may be nil here: it is set to nil on some paths to this write"
                        : "write to nil map " + m + ": it is set to nil before this write";
        label = "set to nil here";
        break;
      case NilOrigin::kNilBranch:
        message = maybe ? m + " may be nil here: it is compared with nil on a path to this write"
                        : "write to nil map " + m + " in a branch where " + m + " == nil";
        label = "checked against nil here";
        break;
      case NilOrigin::kPackageVar:
        message = "write to package-level map " + m +
                  ", which is declared without a value and never made";
        label = "declared here without a value";
        break;
      case NilOrigin::kCall:
        break;
    }
    diag::Diagnostic d = Make(*ctx, w.file, w.target, message);
    if (w.origin_node != nullptr && w.origin_file != nullptr) {
      d.labels.push_back({ctx->SpanOf(w.origin_file, w.origin_node), label});
    }
    d.help = "make the map before the write: " + m + " = make(" +
             (w.var->type != nullptr ? sema::TypeString(w.var->type, ctx->program().types())
                                     : std::string("map[K]V")) +
             ")";
    // The fix: var m map[K]V becomes var m = make(map[K]V), when that
    // declaration is why the map is nil.
    if ((w.origin == NilOrigin::kDeclared || w.origin == NilOrigin::kPackageVar) &&
        w.origin_node != nullptr && w.origin_file != nullptr) {
      const syntax::ValueSpec* vs = w.origin_node->DynAs<syntax::ValueSpec>();
      if (vs != nullptr && vs->names.size == 1 && vs->values.empty() && vs->type != nullptr) {
        std::string type_text(RuleContext::TextOf(w.origin_file, vs->type));
        diag::Fix fix;
        fix.description = "declare " + m + " with make";
        fix.edits.push_back({w.origin_file->source->path(),
                             static_cast<size_t>(vs->names[0]->End()),
                             static_cast<size_t>(vs->type->End()), " = make(" + type_text + ")"});
        d.fixes.push_back(std::move(fix));
      }
    }
    ctx->Report(std::move(d));
  }
}

}  // namespace mw::lint

// MW105 nil-map-flow: a map that may be nil flows between functions of the
// module and is then written.
#include "lint/rules/mw105_nil_map_flow.h"

#include "lint/map_flow.h"

namespace mw::lint {

const char* NilMapFlow::name() const { return "nil-map-flow"; }

const RuleDoc& NilMapFlow::doc() const {
  static const RuleDoc d = {
      "a map that may be nil crosses a function boundary and is then written",
      "Reports two shapes. A map that is nil (or maybe nil) passed to a function of the\n"
      "module that writes that parameter. A map returned by a function or method that can\n"
      "return nil (it returns nil, an unmade map, a missing inner map, or the result of\n"
      "another such function; through interfaces, any implementation that can), written\n"
      "by the caller without a nil check.",
      "Maps are references, but a nil map has nowhere to put entries: the callee's or the\n"
      "caller's write panics with `assignment to entry in nil map`, far from where the nil\n"
      "came from.",
      "    func load(opts []string) map[string]bool {\n"
      "        if len(opts) == 0 {\n"
      "            return nil\n"
      "        }\n"
      "        ...\n"
      "    }\n"
      "    seen := load(opts)\n"
      "    seen[\"default\"] = true // MW105: load can return nil",
      "Return an empty map instead of nil (`return map[string]bool{}`), or check the\n"
      "result (`if seen == nil { seen = map[string]bool{} }`); make a map before passing it\n"
      "to a function that fills it.",
      "S5",
  };
  return d;
}

void NilMapFlow::Run(RuleContext* ctx) const {
  const sema::Facts& facts = ctx->facts();
  auto callee_label = [&](const syntax::Node* callee, diag::Diagnostic* d) {
    if (const syntax::ParsedFile* f = facts.FuncFile(callee)) {
      d->labels.push_back(
          {ctx->SpanOf(f, callee), facts.FuncName(callee) + " can return a nil map"});
    }
  };
  for (const MapWrite& w : ctx->flow().writes()) {
    if (w.kind == WriteTarget::kVar && w.known && w.state != Nilness::kNonNil &&
        w.origin == NilOrigin::kCall && w.var != nullptr) {
      diag::Diagnostic d = Make(*ctx, w.file, w.target,
                                w.var->name + " may be nil: " + facts.FuncName(w.origin_callee) +
                                    " can return a nil map");
      if (w.origin_node != nullptr) {
        d.labels.push_back({ctx->SpanOf(w.file, w.origin_node), "assigned from this call"});
      }
      callee_label(w.origin_callee, &d);
      d.help = "check it first: if " + w.var->name + " == nil { " + w.var->name +
               " = make(...) }, or have the function return an empty map";
      ctx->Report(std::move(d));
    } else if (w.kind == WriteTarget::kCall && w.callee != nullptr) {
      diag::Diagnostic d =
          Make(*ctx, w.file, w.target,
               "write into the result of " + facts.FuncName(w.callee) + ", which can be a nil map");
      callee_label(w.callee, &d);
      ctx->Report(std::move(d));
    }
  }
  for (const NilArgument& a : ctx->flow().nil_arguments()) {
    const std::string m = a.var != nullptr ? a.var->name : "the map";
    diag::Diagnostic d = Make(*ctx, a.file, a.arg,
                              std::string(a.state == Nilness::kNil ? "nil map " : "map ") + m +
                                  (a.state == Nilness::kNil ? "" : ", which may be nil,") +
                                  " passed to " + facts.FuncName(a.callee) + ", which writes it");
    if (a.callee_file != nullptr && a.callee_write != nullptr) {
      d.labels.push_back({ctx->SpanOf(a.callee_file, a.callee_write), "written here"});
    }
    d.help = "make " + m + " before the call";
    ctx->Report(std::move(d));
  }
}

}  // namespace mw::lint

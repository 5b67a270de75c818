// MW102 uninitialized-map-field: a write to a struct's map field where some
// construction of the struct leaves the field nil.
#include "lint/rules/mw102_uninitialized_map_field.h"

#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "lint/caller_guards.h"
#include "lint/map_flow.h"
#include "lint/map_paths.h"
#include "lint/value_flow.h"
#include "syntax/walk.h"

namespace mw::lint {

const char* UninitializedMapField::name() const { return "uninitialized-map-field"; }

const RuleDoc& UninitializedMapField::doc() const {
  static const RuleDoc d = {
      "a write to a struct's map field that some construction of the struct leaves nil",
      "Reports x.f[k] = v (and op= and ++) where f is a map field of struct type T and T\n"
      "is built somewhere without making f: a literal that omits f, `var x T`, `new(T)`, a\n"
      "bare return of a zero T, or a value filled by encoding/json, encoding/xml,\n"
      "encoding/gob or a YAML decoder (an absent key leaves f nil). Not reported: writes\n"
      "after `if x.f == nil { x.f = make(...) }` or any other assignment or nil check of\n"
      "x.f earlier in the function, after a call of a method that assigns f (lazy-init\n"
      "helpers) or of a predicate method that compares f with nil (`func (n *T) isDir()\n"
      "bool { return n.children != nil }`), constructions whose function assigns f or\n"
      "calls such an assigning method, and zero values returned beside an error that is\n"
      "not nil (`return T{}, err` inside `if err != nil`), which callers do not use. A\n"
      "write in an unexported helper counts as guarded when every caller guards the field\n"
      "before the call.",
      "Every construction that skips the field is a panic waiting for its first write:\n"
      "`assignment to entry in nil map`, typically far from the constructor that forgot\n"
      "the field, and only on the path through that constructor or decoder.",
      "    type Cache struct{ items map[string]int }\n"
      "    func New() *Cache { return &Cache{} }\n"
      "    func (c *Cache) Put(k string) { c.items[k]++ } // MW102",
      "Make the field where the struct is built (`&Cache{items: map[string]int{}}`), or\n"
      "guard the write (`if c.items == nil { c.items = map[string]int{} }`). `--fix` adds\n"
      "the field to composite literals that omit it, in the package that declares the\n"
      "struct.",
      "S2 (and its decoder and partial-constructor variants)",
  };
  return d;
}

namespace {

const char* Describe(sema::ConstructionKind k) {
  switch (k) {
    case sema::ConstructionKind::kCompositeLit:
      return "built here without it";
    case sema::ConstructionKind::kNew:
      return "allocated here with new, which leaves it nil";
    case sema::ConstructionKind::kVarDecl:
      return "declared here as a zero value";
    case sema::ConstructionKind::kZeroReturn:
      return "returned here as a zero value";
    case sema::ConstructionKind::kDecoder:
      return "decoded here: an absent key leaves it nil";
  }
  return "built here";
}

// The source text of field `index` of the struct declared for `named`, and
// the file declaring it.
std::string FieldTypeText(const RuleContext& ctx, const sema::Type* named, int index,
                          const sema::Package** decl_pkg) {
  const sema::Object* obj = ctx.program().TypeObject(named);
  if (obj == nullptr || obj->decl == nullptr || obj->pkg == nullptr) return "";
  const syntax::TypeSpec* ts = obj->decl->DynAs<syntax::TypeSpec>();
  const syntax::StructType* st = ts != nullptr ? ts->type->DynAs<syntax::StructType>() : nullptr;
  if (st == nullptr) return "";
  *decl_pkg = obj->pkg;
  int i = 0;
  for (const syntax::Field* f : st->fields->list) {
    const size_t n = f->names.empty() ? 1 : f->names.size;
    if (index < i + static_cast<int>(n)) {
      for (const syntax::ParsedFile* pf : obj->pkg->files) {
        if (pf->file == nullptr || static_cast<size_t>(f->type->End()) > pf->source->size()) {
          continue;
        }
        for (const syntax::Node* d : pf->file->decls) {
          if (d->Start() <= ts->Start() && ts->End() <= d->End()) {
            return std::string(RuleContext::TextOf(pf, f->type));
          }
        }
      }
      return "";
    }
    i += static_cast<int>(n);
  }
  return "";
}

// An edit adding `field: make(T)` to a keyed (or empty) composite literal.
bool LiteralFix(const syntax::ParsedFile* file, const syntax::CompositeLit* lit,
                const std::string& field, const std::string& type, diag::Edit* edit) {
  for (const syntax::Node* e : lit->elts) {
    if (!e->Is<syntax::KeyValueExpr>()) return false;  // positional: every field is set
  }
  std::string_view src = file->source->content();
  const std::string init = field + ": make(" + type + ")";
  edit->file = file->source->path();
  if (lit->elts.empty()) {
    edit->begin = edit->end = static_cast<size_t>(lit->rbrace);
    edit->replacement = init;
    return true;
  }
  const syntax::Node* last = lit->elts.back();
  const size_t after = static_cast<size_t>(last->End());
  const bool multiline = src.substr(after, lit->rbrace - after).find('\n') != std::string::npos;
  if (!multiline) {
    edit->begin = edit->end = after;
    edit->replacement = ", " + init;
    return true;
  }
  // One element per line: a new line with the last element's indentation,
  // after a blank line, which ends gofmt's alignment of the keys above (so
  // the result is gofmt-clean whatever their lengths).
  size_t line_start = src.rfind('\n', last->Start());
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  std::string indent(src.substr(line_start, last->Start() - line_start));
  size_t brace_line = src.rfind('\n', lit->rbrace);
  if (brace_line == std::string_view::npos ||
      indent.find_first_not_of(" \t") != std::string::npos) {
    return false;
  }
  edit->begin = edit->end = brace_line + 1;
  edit->replacement = "\n" + indent + init + ",\n";
  return true;
}

// Whether a composite literal is returned beside an error that is not nil:
// `return T{}, err` inside `if err != nil`, or `return T{}, fmt.Errorf(...)`.
// By Go's convention the caller does not use the other results then.
bool ReturnedWithError(const sema::Construction& c) {
  if (c.kind != sema::ConstructionKind::kCompositeLit || c.func == nullptr) return false;
  const syntax::FuncType* ft = TypeOfFunc(c.func);
  const syntax::BlockStmt* body = BodyOf(c.func);
  if (ft == nullptr || body == nullptr || ft->results == nullptr || ft->results->list.empty()) {
    return false;
  }
  const sema::Object* error_type = MapPaths::UseOf(c.pkg, ft->results->list.back()->type);
  if (error_type == nullptr || error_type->kind != sema::ObjectKind::kTypeName ||
      error_type->name != "error" || error_type->pkg != nullptr) {
    return false;
  }
  // c.func is the innermost function: the innermost return holding the
  // literal is the one that may return it.
  const std::vector<const syntax::Node*> path = syntax::PathTo(body, c.node);
  const syntax::ReturnStmt* r = nullptr;
  for (const syntax::Node* n : path) {
    if (n->Is<syntax::ReturnStmt>()) r = n->As<syntax::ReturnStmt>();
  }
  if (r == nullptr || r->results.size < 2) return false;
  bool is_result = false;
  for (size_t i = 0; i + 1 < r->results.size; ++i) {
    is_result |= StripAddressOf(r->results[i]) == c.node;
  }
  const syntax::Node* err = StripParens(r->results.back());
  if (!is_result || MapPaths::IsNil(c.pkg, err)) return false;
  const sema::Object* err_var = err->Is<syntax::Ident>() ? MapPaths::UseOf(c.pkg, err) : nullptr;
  if (err_var == nullptr) return !err->Is<syntax::Ident>();
  // An error variable: the return must be where it was found not nil.
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const syntax::IfStmt* s = path[i]->DynAs<syntax::IfStmt>();
    if (s == nullptr || path[i + 1] != s->body) continue;
    const syntax::BinaryExpr* b = StripParens(s->cond)->DynAs<syntax::BinaryExpr>();
    if (b == nullptr || b->op != syntax::Token::kNeq) continue;
    for (auto [x, y] : {std::pair{b->x, b->y}, std::pair{b->y, b->x}}) {
      if (MapPaths::UseOf(c.pkg, x) == err_var && MapPaths::IsNil(c.pkg, y)) return true;
    }
  }
  return false;
}

}  // namespace

// Whether a function literal takes the struct (or a pointer to it) as a
// parameter: an option func, applied wherever the struct is being built.
bool TakesStruct(const sema::Package* pkg, const syntax::Node* func, const sema::Type* t) {
  const syntax::FuncLit* fl = func != nullptr ? func->DynAs<syntax::FuncLit>() : nullptr;
  if (fl == nullptr) return false;
  auto tv = pkg->info.types.find(fl);
  if (tv == pkg->info.types.end() || tv->second.type == nullptr) return false;
  for (const sema::Var& p : tv->second.type->fields) {
    const sema::Type* pt = p.type;
    if (pt != nullptr && pt->kind == sema::TypeKind::kPointer) pt = pt->elem;
    if (pt == t) return true;
  }
  return false;
}

void UninitializedMapField::Run(RuleContext* ctx) const {
  const sema::Facts& facts = ctx->facts();
  Reachability reach(facts);
  ValueFlow values(facts, ctx->packages());
  // Whether the constructing function returns the struct (a constructor).
  auto returns_it = [&](const sema::Construction& c, const sema::Type* t) {
    const syntax::FuncDecl* fd = c.func != nullptr ? c.func->DynAs<syntax::FuncDecl>() : nullptr;
    if (fd == nullptr) return false;
    auto d = c.pkg->info.defs.find(fd->name);
    if (d == c.pkg->info.defs.end() || d->second->type == nullptr) return false;
    for (const sema::Var& r : d->second->type->results) {
      const sema::Type* rt = r.type;
      if (rt != nullptr && rt->kind == sema::TypeKind::kPointer) rt = rt->elem;
      if (rt == t) return true;
    }
    return false;
  };
  auto exported_method_reaches = [&](const sema::Type* t, const syntax::Node* f) {
    const sema::Object* obj = ctx->program().TypeObject(t);
    if (obj == nullptr) return false;
    for (const sema::Object* m : ctx->program().MethodsOf(obj)) {
      if (!syntax::IsExported(m->name)) continue;
      const syntax::Node* decl = sema::Facts::DeclOf(m);
      if (decl != nullptr && reach.From(decl).count(f) != 0) return true;
    }
    return false;
  };
  auto exported = [](const syntax::Node* f) {
    const syntax::FuncDecl* fd = f != nullptr ? f->DynAs<syntax::FuncDecl>() : nullptr;
    return fd != nullptr && syntax::IsExported(fd->name->name);
  };
  // Whether the value built by `c` can be the struct written at `w`:
  // followed forward from its construction (see value_flow.h), it reaches
  // the write's base expression, escapes in a function leading to the
  // write, or is handed to code outside by an exported function while an
  // exported method leads to the write (library code: they meet in the
  // user's code).
  auto reaches = [&](const sema::Construction& c, const MapWrite& w, const sema::Type* t) {
    if (TakesStruct(w.pkg, w.func, t) || c.func == w.func) return true;
    if (c.kind == sema::ConstructionKind::kDecoder) {
      // Decoded into a variable this does not follow: it goes wherever its
      // function goes, and to the callers of a function returning it.
      if (reach.From(c.func).count(w.func) != 0) return true;
      if (!returns_it(c, t)) return false;
      for (const sema::CallEdge* e : facts.CallsTo(c.func)) {
        if (e->caller != nullptr && reach.From(e->caller).count(w.func) != 0) return true;
      }
      return exported(c.func) && exported_method_reaches(t, w.func);
    }
    const ValueDestinations& d = values.From(c);
    if (d.unknown) return true;
    const syntax::Node* base = w.base;
    while (base != nullptr && (base->Is<syntax::ParenExpr>() || base->Is<syntax::StarExpr>())) {
      base = base->Is<syntax::ParenExpr>() ? base->As<syntax::ParenExpr>()->x
                                           : base->As<syntax::StarExpr>()->x;
    }
    if (base != nullptr && d.exprs.count(base) != 0 &&
        !values.RuledOutAt(d, w.pkg, w.func, base, w.target)) {
      return true;
    }
    for (const syntax::Node* f : d.escaped_in) {
      if (reach.From(f).count(w.func) != 0) return true;
    }
    return d.external && exported_method_reaches(t, w.func);
  };
  auto initialised_in = [&](const sema::Construction& c, const sema::Selection& sel,
                            const std::string& field) {
    if (c.func == nullptr) return false;
    for (const sema::FieldAssignment& a : facts.field_assignments()) {
      if (a.func == c.func && a.owner == sel.owner && a.field_index == sel.field_index) {
        return true;
      }
    }
    for (const sema::CallEdge* e : facts.CallsFrom(c.func)) {
      const auto* fields = ctx->flow().FieldsInitialisedBy(e->callee);
      if (fields == nullptr) continue;
      for (const std::string& f : *fields) {
        if (f == field) return true;
      }
    }
    return false;
  };
  for (const MapWrite& w : ctx->flow().writes()) {
    if (w.kind != WriteTarget::kField || w.guarded || w.field == nullptr ||
        w.field->owner == nullptr) {
      continue;
    }
    const sema::Selection& sel = *w.field;
    // Named structs are built under their name; anonymous ones by structure.
    const sema::Type* built = sel.base != nullptr ? sel.base : sel.owner;
    const std::string field = sel.owner->fields[static_cast<size_t>(sel.field_index)].name;
    // A field the package assigns somewhere has an initialisation path (an
    // init method, a later setup step); then only decoded values and
    // constructions in the writing function itself are held against it.
    bool assigned_somewhere = false;
    for (const sema::FieldAssignment& a : facts.field_assignments()) {
      assigned_somewhere =
          assigned_somewhere || (a.owner == sel.owner && a.field_index == sel.field_index);
    }
    std::vector<const sema::Construction*> leaving;
    for (const sema::Construction& c : facts.ConstructionsOf(built)) {
      if (assigned_somewhere && c.kind != sema::ConstructionKind::kDecoder && c.func != w.func) {
        continue;
      }
      if (c.kind == sema::ConstructionKind::kCompositeLit &&
          (c.fields_set.size() <= static_cast<size_t>(sel.field_index) ||
           c.fields_set[static_cast<size_t>(sel.field_index)])) {
        continue;
      }
      if (initialised_in(c, sel, field) || !reaches(c, w, built)) continue;
      leaving.push_back(&c);
    }
    std::erase_if(leaving, [](const sema::Construction* c) { return ReturnedWithError(*c); });
    // Last, as it walks the package: the callers' guards.
    if (leaving.empty() || GuardedByEveryCaller(facts, ctx->flow(), w)) continue;
    const std::string type_name = sel.base != nullptr ? sel.base->name : "its struct type";
    const std::string what = sel.base != nullptr
                                 ? type_name + "." + field
                                 : std::string(RuleContext::TextOf(w.file, w.map_expr));
    diag::Diagnostic d = Make(
        *ctx, w.file, w.target,
        "write to map field " + what + ", which may be nil: " + std::to_string(leaving.size()) +
            " construction" + (leaving.size() == 1 ? "" : "s") + " of " + type_name + " leave" +
            (leaving.size() == 1 ? "s" : "") + " it unset");
    for (size_t i = 0; i < leaving.size() && i < 3; ++i) {
      d.labels.push_back(
          {ctx->SpanOf(leaving[i]->file, leaving[i]->node), Describe(leaving[i]->kind)});
    }
    d.help = "make " + field + " where " + type_name + " is built, or guard the write: if " +
             std::string(RuleContext::TextOf(w.file, w.map_expr)) + " == nil { ... = make(...) }";
    // The fix: add the field to literals that omit it, in the declaring package.
    const sema::Package* decl_pkg = nullptr;
    std::string type_text =
        sel.base != nullptr ? FieldTypeText(*ctx, sel.base, sel.field_index, &decl_pkg) : "";
    if (!type_text.empty()) {
      diag::Fix fix;
      fix.description =
          "add " + field + ": make(" + type_text + ") to " + type_name + " literals that omit it";
      for (const sema::Construction* c : leaving) {
        if (c->kind != sema::ConstructionKind::kCompositeLit || c->pkg != decl_pkg) continue;
        diag::Edit e;
        if (LiteralFix(c->file, c->node->As<syntax::CompositeLit>(), field, type_text, &e)) {
          fix.edits.push_back(std::move(e));
        }
      }
      if (!fix.edits.empty()) d.fixes.push_back(std::move(fix));
    }
    ctx->Report(std::move(d));
  }
}

}  // namespace mw::lint

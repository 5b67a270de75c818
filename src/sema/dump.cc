#include "sema/dump.h"

#include <algorithm>
#include <map>

#include "sema/facts.h"
#include "syntax/walk.h"

namespace mw::sema {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout

namespace {

// What typesdump prints for an expression, or "" for nothing.
std::string Describe(const Info& info, const TypeStore& types, const Node* e) {
  if (const Ident* id = e->DynAs<Ident>()) {
    auto u = info.uses.find(id);
    if (u == info.uses.end()) return "";
    const Object* o = u->second;
    switch (o->kind) {
      case ObjectKind::kPkgName:
        return "";
      case ObjectKind::kTypeName:
        return o->type != nullptr ? "type " + TypeString(o->type, types) : "";
      case ObjectKind::kBuiltin:
        return "builtin " + o->name;
      case ObjectKind::kNil:
        return "untyped nil";
      default:
        break;
    }
  }
  auto it = info.types.find(e);
  if (it == info.types.end() || it->second.type == nullptr) return "";
  if (it->second.mode == Mode::kType) return "type " + TypeString(it->second.type, types);
  return TypeString(it->second.type, types);
}

}  // namespace

void DumpTypes(const Package& pkg, const TypeStore& types, std::string* out) {
  struct Line {
    Pos pos;
    const char* kind;
    std::string text;
  };
  static const std::map<std::string_view, const char*> map_kinds = {{"ident", "ident-map"},
                                                                    {"selector", "selector-map"},
                                                                    {"index", "index-map"},
                                                                    {"complit", "complit-map"}};
  for (const ParsedFile* pf : pkg.files) {
    if (pf->file == nullptr) continue;
    std::vector<Line> lines;
    Inspect(pf->file, [&](const Node* n) {
      const char* kind = nullptr;
      switch (n->kind) {
        case NodeKind::kIdent:
          kind = "ident";
          break;
        case NodeKind::kSelectorExpr:
          kind = "selector";
          break;
        case NodeKind::kIndexExpr:
        case NodeKind::kIndexListExpr:
          kind = "index";
          break;
        case NodeKind::kCompositeLit:
          kind = "complit";
          break;
        default:
          return true;
      }
      std::string d = Describe(pkg.info, types, n);
      if (!d.empty()) lines.push_back({n->Start(), kind, std::move(d)});
      // A value of a named map type: the map it is, as KIND-map.
      auto it = pkg.info.types.find(n);
      if (it != pkg.info.types.end() && it->second.mode != Mode::kType &&
          it->second.type != nullptr && it->second.type->kind == TypeKind::kNamed &&
          it->second.type->IsMap()) {
        lines.push_back(
            {n->Start(), map_kinds.at(kind), TypeString(it->second.type->Underlying(), types)});
      }
      return true;
    });
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
      if (a.pos != b.pos) return a.pos < b.pos;
      return std::string_view(a.kind) < std::string_view(b.kind);
    });
    for (const Line& l : lines) {
      LineCol lc = pf->source->Position(l.pos);
      *out += pf->source->path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) +
              " " + l.kind + " " + l.text + "\n";
    }
  }
}

namespace {

std::string Where(const ParsedFile* file, const Node* n) {
  if (file == nullptr || n == nullptr) return "-";
  LineCol lc = file->source->Position(n->Start());
  return file->source->path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

}  // namespace

void DumpFacts(const Facts& facts, const std::vector<const Package*>& packages,
               const TypeStore& types, std::string* out) {
  // Expressions of map type (not map types themselves).
  size_t map_exprs = 0;
  for (const Package* pkg : packages) {
    for (const auto& [node, tv] : pkg->info.types) {
      if (tv.mode != Mode::kType && tv.type != nullptr && tv.type->IsMap()) ++map_exprs;
    }
  }
  *out += "maps " + std::to_string(map_exprs) + " expressions\n";
  // Named struct types that hold maps, with their constructions.
  for (const Package* pkg : packages) {
    std::vector<const Object*> names;
    pkg->scope->ForEach([&](Object* o) {
      if (o->kind == ObjectKind::kTypeName && !o->is_alias && o->type != nullptr &&
          o->type->kind == TypeKind::kNamed && o->type->Underlying()->kind == TypeKind::kStruct) {
        names.push_back(o);
      }
    });
    std::sort(names.begin(), names.end(),
              [](const Object* a, const Object* b) { return a->pos < b->pos; });
    for (const Object* o : names) {
      if (!facts.HoldsMap(o->type)) continue;
      *out += "holds-map " + TypeString(o->type, types) + "\n";
      for (const Construction& c : facts.ConstructionsOf(o->type)) {
        *out += "  construct " + std::string(ConstructionKindName(c.kind)) + " " +
                Where(c.file, c.node);
        const Type* u = o->type->Underlying();
        std::string unset;
        for (size_t i = 0; i < c.fields_set.size() && i < u->fields.size(); ++i) {
          if (!c.fields_set[i] && facts.HoldsMap(u->fields[i].type)) {
            unset += (unset.empty() ? "" : ",") + u->fields[i].name;
          }
        }
        if (!unset.empty()) *out += " omits " + unset;
        *out += "\n";
      }
    }
  }
  for (const FieldAssignment& a : facts.field_assignments()) {
    if (a.owner == nullptr || a.field_index < 0) continue;
    const Var& f = a.owner->fields[static_cast<size_t>(a.field_index)];
    if (!f.type->IsMap()) continue;
    *out += "assign-map-field " + f.name + " " + Where(a.file, a.target) + "\n";
  }
  for (const CallEdge& e : facts.calls()) {
    *out += "call " + (e.caller != nullptr ? facts.FuncName(e.caller) : std::string("<init>")) +
            " -> " + facts.FuncName(e.callee) + " " + CallKindName(e.kind) + (e.go ? " go" : "") +
            (e.defer ? " defer" : "") + " " + Where(e.file, e.site) + "\n";
  }
  std::vector<std::string> nil_funcs;
  for (const Package* pkg : packages) {
    for (const ParsedFile* pf : pkg->files) {
      if (pf->file == nullptr) continue;
      Inspect(pf->file, [&](const Node* n) {
        if ((n->Is<FuncDecl>() || n->Is<FuncLit>()) && facts.MayReturnNilMap(n)) {
          nil_funcs.push_back("may-return-nil-map " + facts.FuncName(n) + "\n");
        }
        return true;
      });
    }
  }
  for (const std::string& l : nil_funcs) *out += l;
}

void AddStats(const Package& pkg, ProgramStats* stats) {
  ++stats->packages;
  stats->files += pkg.files.size();
  stats->uses += pkg.info.uses.size();
  for (const auto& [node, tv] : pkg.info.types) {
    if (tv.mode == Mode::kType || tv.type == nullptr) continue;
    ++stats->expressions;
    if (tv.type->IsMap()) ++stats->map_expressions;
  }
}

}  // namespace mw::sema

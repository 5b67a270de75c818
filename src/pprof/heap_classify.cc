// The line classifier behind SourceIndex: one walk over each checked file
// records the maps it names, what every line allocates, and what the source
// does with each map (inserts, deletes, delete loops, reassignments).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/strings.h"
#include "lint/map_paths.h"
#include "pprof/go_alloc.h"
#include "pprof/heap_source.h"
#include "sema/checker.h"
#include "syntax/walk.h"

namespace mw::pprof {

using syntax::Node;
using syntax::NodeKind;

namespace {

int64_t IntLiteral(const Node* e) {
  e = lint::StripParens(e);
  const auto* lit = e != nullptr ? e->DynAs<syntax::BasicLit>() : nullptr;
  if (lit == nullptr || lit->kind != syntax::Token::kInt) return -1;
  int64_t v = 0;
  for (char c : lit->value) {
    if (c == '_') continue;
    if (c < '0' || c > '9' || v > (int64_t{1} << 50)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

struct Substring {
  bool is = false;
  const Node* base = nullptr;
  int64_t max_length = -1;
};

// What the walks over every file share: the maps by key, declarations, the
// names of struct types, and what is resolved once every file is walked.
struct ClassifyState {
  std::unordered_map<std::string, int> map_ids;
  std::unordered_map<const sema::Object*, std::pair<std::string, int>> decls;
  std::unordered_map<const sema::Type*, std::string> struct_names;
  std::vector<std::pair<int, const sema::Object*>> pending_decls;
  std::vector<std::pair<int, std::pair<const sema::Type*, int>>> pending_fields;
  // Maps that are a function's parameter: named after their callers'
  // argument when every caller passes the same map.
  struct Param {
    int map;
    const Node* func;
    size_t index;
  };
  std::vector<Param> params;
  std::vector<std::pair<int, int>> inner_of;  // inner map -> outer map, outer first
};

}  // namespace

// Walks one file, recording maps, line classifications and source facts.
class LineClassifier {
 public:
  LineClassifier(SourceIndex* index, const sema::Package* pkg, const syntax::ParsedFile* file,
                 std::string path, const sema::Facts* facts)
      : index_(index), pkg_(pkg), file_(file), path_(std::move(path)), facts_(facts) {}

  // Struct types declared at package level, for naming fields.
  static void CollectStructs(
      const sema::Package* pkg, std::unordered_map<const sema::Type*, std::string>* names,
      std::unordered_map<const sema::Type*, const syntax::TypeSpec*>* specs,
      std::unordered_map<const sema::Type*, const syntax::ParsedFile*>* files);

  void Run(ClassifyState* st) {
    st_ = st;
    if (file_->file != nullptr) Visit(file_->file);
  }

  // Names parameter maps after the map every caller passes (heap_classify.cc).
  static void ResolveParameters(
      SourceIndex* index, ClassifyState* st,
      const std::unordered_map<const syntax::ParsedFile*, const sema::Package*>& package_of,
      const sema::Facts* facts);

  // The map an argument of a call in `caller` denotes.
  int ArgumentMap(ClassifyState* st, const Node* caller, const Node* arg) {
    st_ = st;
    if (caller != nullptr) functions_.push_back(caller);
    return MapFor(arg);
  }

 private:
  int LineOf(const Node* n) const { return file_->source->Position(n->Start()).line; }
  std::string_view Text(const Node* n) const {
    std::string_view src = file_->source->content();
    if (n->Start() < 0 || n->End() > static_cast<int64_t>(src.size())) return {};
    return src.substr(n->Start(), n->End() - n->Start());
  }
  const sema::Type* TypeOf(const Node* e) const {
    auto it = pkg_->info.types.find(lint::StripParens(e));
    return it == pkg_->info.types.end() ? nullptr : it->second.type;
  }
  sema::Mode ModeOf(const Node* e) const {
    auto it = pkg_->info.types.find(lint::StripParens(e));
    return it == pkg_->info.types.end() ? sema::Mode::kInvalid : it->second.mode;
  }
  sema::Object* ObjectOf(const syntax::Ident* id) const {
    auto it = pkg_->info.uses.find(id);
    if (it != pkg_->info.uses.end()) return it->second;
    auto dt = pkg_->info.defs.find(id);
    return dt == pkg_->info.defs.end() ? nullptr : dt->second;
  }
  bool IsPackageLevel(const sema::Object* obj) const {
    return obj->pkg != nullptr && obj->pkg->scope != nullptr &&
           obj->pkg->scope->LookupLocal(obj->name) == obj;
  }
  // The package a selector's left side names ("strings" in strings.Trim).
  std::string_view ImportedPackage(const Node* x) const {
    const auto* id = x->DynAs<syntax::Ident>();
    if (id == nullptr) return {};
    const sema::Object* obj = ObjectOf(id);
    if (obj == nullptr || obj->kind != sema::ObjectKind::kPkgName || obj->imported == nullptr) {
      return {};
    }
    return obj->imported->path;
  }
  const sema::Object* Builtin(const syntax::CallExpr* call) const {
    const auto* id = lint::StripParens(call->fun)->DynAs<syntax::Ident>();
    if (id == nullptr) return nullptr;
    const sema::Object* obj = ObjectOf(id);
    return obj != nullptr && obj->kind == sema::ObjectKind::kBuiltin ? obj : nullptr;
  }

  int NewMap(const std::string& key, MapInfo info, const sema::Type* map_type) {
    auto [it, inserted] = st_->map_ids.try_emplace(key, static_cast<int>(index_->maps_.size()));
    if (!inserted) return it->second;
    const sema::Type* u = map_type != nullptr ? map_type->Underlying() : nullptr;
    if (u != nullptr && u->kind == sema::TypeKind::kMap) {
      info.type = ShortTypeString(sema::TypeString(map_type, index_->program_->types()));
      sema::Checker* c = pkg_->checker.get();
      if (c != nullptr) {
        const int64_t ks = c->SizeOf(u->key), ka = c->AlignOf(u->key);
        const int64_t es = c->SizeOf(u->elem), ea = c->AlignOf(u->elem);
        info.bucket_sizes = BucketArraySizes(MapBucketSize(ks, ka, es, ea));
        info.group_sizes = SwissGroupArraySizes(SwissGroupSize(ks, ka, es, ea));
        std::vector<int64_t>& all = info.insert_sizes;
        all = info.bucket_sizes;
        all.insert(all.end(), info.group_sizes.begin(), info.group_sizes.end());
        if (ks > kMaxInlineKeyElem) all.push_back(RoundUpSize(ks));
        if (es > kMaxInlineKeyElem) all.push_back(RoundUpSize(es));
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
      }
    }
    index_->maps_.push_back(std::move(info));
    return it->second;
  }

  // The map a map-typed expression denotes.
  int MapFor(const Node* e) {
    e = lint::StripParens(e);
    const sema::Type* t = TypeOf(e);
    if (const auto* id = e->DynAs<syntax::Ident>()) {
      sema::Object* obj = ObjectOf(id);
      if (obj != nullptr && obj->kind == sema::ObjectKind::kVar) {
        if (auto a = aliases_.find(obj); a != aliases_.end()) return a->second;
        return VarMap(obj, t);
      }
    } else if (const auto* sel = e->DynAs<syntax::SelectorExpr>()) {
      auto it = pkg_->info.selections.find(sel);
      if (it != pkg_->info.selections.end() && it->second.is_field) {
        return FieldMap(it->second.owner, it->second.field_index, t);
      }
      if (!ImportedPackage(sel->x).empty()) {
        sema::Object* obj = ObjectOf(sel->sel);
        if (obj != nullptr && obj->kind == sema::ObjectKind::kVar) return VarMap(obj, t);
      }
    } else if (const auto* ix = e->DynAs<syntax::IndexExpr>()) {
      const sema::Type* xt = TypeOf(ix->x);
      const sema::Type* xu = xt != nullptr ? xt->Underlying() : nullptr;
      if (xu != nullptr && xu->kind == sema::TypeKind::kPointer && xu->elem != nullptr) {
        xu = xu->elem->Underlying();
      }
      if (xu != nullptr &&
          (xu->kind == sema::TypeKind::kMap || xu->kind == sema::TypeKind::kSlice ||
           xu->kind == sema::TypeKind::kArray)) {
        int outer = MapFor(ix->x);
        if (outer >= 0) {
          const std::string key = "inner:" + std::to_string(outer);
          if (auto it = st_->map_ids.find(key); it != st_->map_ids.end()) return it->second;
          MapInfo info;
          info.kind = MapKind::kExpr;
          info.name = index_->maps_[outer].name + "[*]";
          info.function = index_->maps_[outer].function;
          int id = NewMap(key, std::move(info), t);
          st_->inner_of.emplace_back(id, outer);  // declared where the outer map is
          return id;
        }
      }
    }
    MapInfo info;
    info.kind = MapKind::kExpr;
    info.name = std::string(Text(e));
    info.function = CurrentFunction();
    info.declared_file = path_;
    info.declared_line = LineOf(e);
    return NewMap(fmt::format("expr:{}:{}:{}", path_, info.declared_line, info.name),
                  std::move(info), t);
  }

  int VarMap(sema::Object* obj, const sema::Type* t) {
    MapInfo info;
    if (IsPackageLevel(obj)) {
      info.kind = MapKind::kPackageVar;
      info.name = (obj->pkg != nullptr ? obj->pkg->name + "." : "") + obj->name;
    } else {
      info.kind = MapKind::kLocal;
      info.name = obj->name;
      info.function = CurrentFunction();
    }
    const bool local = info.kind == MapKind::kLocal;
    const std::string key = fmt::format("var:{}", static_cast<const void*>(obj));
    if (auto it = st_->map_ids.find(key); it != st_->map_ids.end()) return it->second;
    int id = NewMap(key, std::move(info), t != nullptr ? t : obj->type);
    st_->pending_decls.push_back({id, obj});
    if (local && !functions_.empty()) {
      if (int index = ParamIndex(functions_.back(), obj); index >= 0) {
        st_->params.push_back({id, functions_.back(), static_cast<size_t>(index)});
      }
    }
    return id;
  }

  // The position of `obj` among the parameters of `func`, or -1.
  int ParamIndex(const Node* func, const sema::Object* obj) const {
    const syntax::FuncType* ft = nullptr;
    if (const auto* fd = func->DynAs<syntax::FuncDecl>()) ft = fd->type;
    if (const auto* fl = func->DynAs<syntax::FuncLit>()) ft = fl->type;
    if (ft == nullptr || ft->params == nullptr) return -1;
    int i = 0;
    for (const syntax::Field* f : ft->params->list) {
      if (f->names.empty()) {
        ++i;
        continue;
      }
      for (const syntax::Ident* name : f->names) {
        auto d = pkg_->info.defs.find(name);
        if (d != pkg_->info.defs.end() && d->second == obj) return i;
        ++i;
      }
    }
    return -1;
  }

  std::string CurrentFunction() const {
    return functions_.empty() || facts_ == nullptr ? std::string()
                                                   : facts_->FuncName(functions_.back());
  }

  Allocation& Add(int line, AllocKind kind, int map = -1, std::vector<int64_t> sizes = {}) {
    SourceLine& sl = index_->lines_[path_][line];
    Allocation a;
    a.kind = kind;
    a.map = map;
    a.sizes = std::move(sizes);
    sl.allocations.push_back(std::move(a));
    return sl.allocations.back();
  }

  Substring SubstringOf(const Node* k) {
    k = lint::StripParens(k);
    Substring out;
    if (const auto* id = k->DynAs<syntax::Ident>()) {
      const sema::Object* obj = ObjectOf(id);
      auto it = substrings_.find(obj);
      if (it != substrings_.end()) return it->second;
      return out;
    }
    if (const auto* s = k->DynAs<syntax::SliceExpr>()) {
      const sema::Type* xt = TypeOf(s->x);
      const sema::Type* u = xt != nullptr ? xt->Underlying() : nullptr;
      if (u == nullptr || u->kind != sema::TypeKind::kBasic ||
          (u->basic != sema::BasicKind::kString && u->basic != sema::BasicKind::kUntypedString)) {
        return out;
      }
      out.is = true;
      out.base = s->x;
      int64_t lo = s->low == nullptr ? 0 : IntLiteral(s->low);
      int64_t hi = s->high == nullptr ? -1 : IntLiteral(s->high);
      if (lo >= 0 && hi >= lo) out.max_length = hi - lo;
      return out;
    }
    static const std::set<std::string_view> kTrims = {
        "TrimSpace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix", "TrimFunc"};
    static const std::set<std::string_view> kSplits = {"Split", "SplitN", "SplitAfter", "Fields",
                                                       "FieldsFunc"};
    auto strings_call = [&](const Node* n,
                            const std::set<std::string_view>& names) -> const syntax::CallExpr* {
      const auto* call = lint::StripParens(n)->DynAs<syntax::CallExpr>();
      if (call == nullptr || call->args.empty()) return nullptr;
      const auto* sel = lint::StripParens(call->fun)->DynAs<syntax::SelectorExpr>();
      if (sel == nullptr || ImportedPackage(sel->x) != "strings") return nullptr;
      return names.count(sel->sel->name) != 0 ? call : nullptr;
    };
    if (const syntax::CallExpr* call = strings_call(k, kTrims)) {
      out.is = true;
      out.base = call->args[0];
    } else if (const auto* ix = k->DynAs<syntax::IndexExpr>()) {
      if (const syntax::CallExpr* split = strings_call(ix->x, kSplits)) {
        out.is = true;
        out.base = split->args[0];
      }
    }
    return out;
  }

  void MapInsert(const syntax::IndexExpr* ix) {
    int map = MapFor(ix->x);
    MapInfo& m = index_->maps_[map];
    ++m.inserts;
    const int line = LineOf(ix);
    Allocation& a = Add(line, AllocKind::kMapInsert, map, m.insert_sizes);
    Substring sub = SubstringOf(ix->index);
    if (!sub.is) return;
    a.key_is_substring = true;
    a.key_max_length = sub.max_length;
    const Node* base = lint::StripParens(sub.base);
    if (const auto* id = base->DynAs<syntax::Ident>()) {
      const sema::Object* obj = ObjectOf(id);
      if (auto it = assigned_lines_.find(obj); it != assigned_lines_.end()) {
        a.key_origin_lines = it->second;
      }
    } else if (base->Is<syntax::CallExpr>()) {
      a.key_origin_lines.push_back(LineOf(base));
    }
  }

  // The map a struct field holds, in every instance of the struct.
  int FieldMap(const sema::Type* owner, int index, const sema::Type* t) {
    const std::string key = fmt::format("field:{}:{}", static_cast<const void*>(owner), index);
    if (auto it = st_->map_ids.find(key); it != st_->map_ids.end()) return it->second;
    auto sn = st_->struct_names.find(owner);
    MapInfo info;
    info.kind = MapKind::kField;
    info.name = (sn != st_->struct_names.end()
                     ? sn->second
                     : ShortTypeString(sema::TypeString(owner, index_->program_->types()))) +
                "." + owner->fields[static_cast<size_t>(index)].name;
    int id = NewMap(key, std::move(info), t);
    st_->pending_fields.push_back({id, {owner, index}});
    return id;
  }

  // The map a make or map literal creates, from where its value goes.
  int MadeMap(const Node* n) {
    if (auto it = targets_.find(n); it != targets_.end()) return MapFor(it->second);
    if (auto it = field_targets_.find(n); it != field_targets_.end()) {
      return FieldMap(it->second.first, it->second.second, TypeOf(n));
    }
    return MapFor(n);
  }

  void MapMake(const Node* n, int64_t hint_or_entries) {
    int map = MadeMap(n);
    const MapInfo& m = index_->maps_[map];
    std::vector<int64_t> sizes = {kHmapSize};
    if (hint_or_entries < 0) {
      sizes.insert(sizes.end(), m.insert_sizes.begin(), m.insert_sizes.end());
    } else if (hint_or_entries > 0) {
      int b = MapLogBucketsForHint(hint_or_entries);
      if (b < static_cast<int>(m.bucket_sizes.size())) {
        // A hint of more than 8 allocates the bucket array up front; a
        // smaller literal gets its first bucket on the first insert.
        sizes.push_back(m.bucket_sizes[b]);
        if (b > 0) sizes.push_back(m.bucket_sizes[0]);
      }
      if (!m.group_sizes.empty()) {
        // Swiss tables: slots for the hint at a 7/8 load, in whole groups.
        int k = 0;
        while (k < 7 && (int64_t{8} << k) * 7 < hint_or_entries * 8) ++k;
        sizes.push_back(m.group_sizes[static_cast<size_t>(k)]);
        if (k > 0) sizes.push_back(m.group_sizes[0]);
      }
    }
    Add(LineOf(n), AllocKind::kMapMake, map, std::move(sizes));
  }

  void NoteTargets(const syntax::List<Node>& lhs, const syntax::List<Node>& rhs) {
    if (lhs.size != rhs.size) return;
    for (size_t i = 0; i < lhs.size; ++i) targets_[lint::StripParens(rhs[i])] = lhs[i];
  }

  // Local variables that stand for a map's inner map or hold a substring.
  void NoteAliases(const Node* lhs, const Node* rhs) {
    const auto* id = lint::StripParens(lhs)->DynAs<syntax::Ident>();
    if (id == nullptr) return;
    sema::Object* obj = ObjectOf(id);
    if (obj == nullptr || obj->kind != sema::ObjectKind::kVar || IsPackageLevel(obj)) return;
    assigned_lines_[obj].push_back(LineOf(lhs));
    rhs = lint::StripParens(rhs);
    if (rhs->Is<syntax::IndexExpr>() && lint::IsMapType(TypeOf(rhs))) {
      aliases_[obj] = MapFor(rhs);
    }
    Substring sub = SubstringOf(rhs);
    if (sub.is) substrings_[obj] = sub;
  }

  void Visit(const Node* n);

  SourceIndex* index_;
  const sema::Package* pkg_;
  const syntax::ParsedFile* file_;
  std::string path_;
  const sema::Facts* facts_;
  ClassifyState* st_ = nullptr;

  std::vector<const Node*> functions_;
  std::vector<int> ranges_;  // maps being ranged over, innermost last (-1: not a map)
  std::vector<const Node*> parents_;
  std::unordered_map<const Node*, const Node*> targets_;  // value -> assigned expression
  std::unordered_map<const Node*, std::pair<const sema::Type*, int>> field_targets_;
  std::unordered_map<const sema::Object*, int> aliases_;
  std::unordered_map<const sema::Object*, Substring> substrings_;
  std::unordered_map<const sema::Object*, std::vector<int>> assigned_lines_;
};

void LineClassifier::Visit(const Node* n) {
  bool pushed_function = false, pushed_range = false;
  switch (n->kind) {
    case NodeKind::kIdent: {
      const auto* id = n->As<syntax::Ident>();
      auto it = pkg_->info.defs.find(id);
      if (it != pkg_->info.defs.end() && it->second != nullptr) {
        st_->decls[it->second] = {path_, file_->source->Position(id->name_pos).line};
      }
      break;
    }
    case NodeKind::kFuncDecl:
    case NodeKind::kFuncLit:
      functions_.push_back(n);
      pushed_function = true;
      if (n->Is<syntax::FuncLit>() && !parents_.empty()) {
        Add(LineOf(n), AllocKind::kClosure);
      }
      break;
    case NodeKind::kRangeStmt: {
      const auto* r = n->As<syntax::RangeStmt>();
      ranges_.push_back(lint::IsMapType(TypeOf(r->x)) ? MapFor(r->x) : -1);
      pushed_range = true;
      break;
    }
    case NodeKind::kAssignStmt: {
      const auto* a = n->As<syntax::AssignStmt>();
      NoteTargets(a->lhs, a->rhs);
      for (size_t i = 0; i < a->lhs.size; ++i) {
        const Node* l = lint::StripParens(a->lhs[i]);
        if (const auto* ix = l->DynAs<syntax::IndexExpr>();
            ix != nullptr && lint::IsMapType(TypeOf(ix->x))) {
          MapInsert(ix);
        } else if (a->tok != syntax::Token::kDefine && lint::IsMapType(TypeOf(l))) {
          ++index_->maps_[MapFor(l)].assignments;
        }
        if (a->lhs.size == a->rhs.size) {
          NoteAliases(a->lhs[i], a->rhs[i]);
        } else if (a->rhs.size == 1 && i == 0) {
          NoteAliases(a->lhs[0], a->rhs[0]);  // v, ok := m[k]
        }
      }
      break;
    }
    case NodeKind::kIncDecStmt: {
      const Node* x = lint::StripParens(n->As<syntax::IncDecStmt>()->x);
      if (const auto* ix = x->DynAs<syntax::IndexExpr>();
          ix != nullptr && lint::IsMapType(TypeOf(ix->x))) {
        MapInsert(ix);
      }
      break;
    }
    case NodeKind::kValueSpec: {
      const auto* v = n->As<syntax::ValueSpec>();
      if (v->names.size == v->values.size) {
        for (size_t i = 0; i < v->names.size; ++i) {
          targets_[lint::StripParens(v->values[i])] = v->names[i];
          NoteAliases(v->names[i], v->values[i]);
        }
      }
      break;
    }
    case NodeKind::kCallExpr: {
      const auto* call = n->As<syntax::CallExpr>();
      if (const sema::Object* b = Builtin(call)) {
        if (b->name == "make" && !call->args.empty()) {
          const sema::Type* t = TypeOf(call->args[0]);
          const sema::Type* u = t != nullptr ? t->Underlying() : nullptr;
          if (u != nullptr && u->kind == sema::TypeKind::kMap) {
            MapMake(n, call->args.size > 1 ? IntLiteral(call->args[1]) : 0);
          } else if (u != nullptr && u->kind == sema::TypeKind::kSlice) {
            Add(LineOf(n), AllocKind::kSlice);
          } else {
            Add(LineOf(n), AllocKind::kOther);
          }
        } else if (b->name == "new" && !call->args.empty()) {
          const sema::Type* t = TypeOf(call->args[0]);
          int64_t size = t != nullptr && pkg_->checker ? pkg_->checker->SizeOf(t) : -1;
          if (size != 0) {
            Add(LineOf(n), AllocKind::kNew, -1,
                size > 0 ? std::vector<int64_t>{RoundUpSize(size)} : std::vector<int64_t>{});
          }
        } else if (b->name == "append") {
          Add(LineOf(n), AllocKind::kSlice);
        } else if (b->name == "delete" && !call->args.empty() &&
                   lint::IsMapType(TypeOf(call->args[0]))) {
          int map = MapFor(call->args[0]);
          ++index_->maps_[map].deletes;
          for (int r : ranges_) {
            if (r == map) {
              ++index_->maps_[map].delete_loops;
              break;
            }
          }
        }
      } else if (ModeOf(call->fun) == sema::Mode::kType && call->args.size == 1 &&
                 ModeOf(call->args[0]) != sema::Mode::kConstant) {
        // string(b), []byte(s), []rune(s): copies.
        const sema::Type* to = TypeOf(call->fun);
        const sema::Type* from = TypeOf(call->args[0]);
        const sema::Type* tu = to != nullptr ? to->Underlying() : nullptr;
        const sema::Type* fu = from != nullptr ? from->Underlying() : nullptr;
        auto is_string = [](const sema::Type* u) {
          return u != nullptr && u->kind == sema::TypeKind::kBasic &&
                 (u->basic == sema::BasicKind::kString ||
                  u->basic == sema::BasicKind::kUntypedString);
        };
        if ((is_string(tu) && fu != nullptr && fu->kind == sema::TypeKind::kSlice) ||
            (is_string(fu) && tu != nullptr && tu->kind == sema::TypeKind::kSlice)) {
          Add(LineOf(n), AllocKind::kString);
        }
      }
      break;
    }
    case NodeKind::kCompositeLit: {
      const auto* lit = n->As<syntax::CompositeLit>();
      const sema::Type* t = TypeOf(n);
      const sema::Type* u = t != nullptr ? t->Underlying() : nullptr;
      if (u == nullptr) break;
      if (u->kind == sema::TypeKind::kMap) {
        MapMake(n, lit->elts.size);
        // Entries on lines of their own are inserted there.
        int map = MadeMap(n);
        const int line = LineOf(n);
        for (const Node* e : lit->elts) {
          if (LineOf(e) != line) {
            Add(LineOf(e), AllocKind::kMapInsert, map, index_->maps_[map].insert_sizes);
          }
        }
      } else if (u->kind == sema::TypeKind::kSlice) {
        Add(LineOf(n), AllocKind::kSlice);
      } else if (u->kind == sema::TypeKind::kStruct || u->kind == sema::TypeKind::kArray) {
        int64_t size = pkg_->checker ? pkg_->checker->SizeOf(t) : -1;
        if (size != 0) {
          Add(LineOf(n), AllocKind::kNew, -1,
              size > 0 ? std::vector<int64_t>{RoundUpSize(size)} : std::vector<int64_t>{});
        }
        if (u->kind == sema::TypeKind::kStruct) {
          for (const Node* e : lit->elts) {
            const auto* kv = e->DynAs<syntax::KeyValueExpr>();
            const auto* key = kv != nullptr ? kv->key->DynAs<syntax::Ident>() : nullptr;
            if (key == nullptr) continue;
            for (size_t i = 0; i < u->fields.size(); ++i) {
              if (u->fields[i].name == key->name) {
                field_targets_[lint::StripParens(kv->value)] = {u, static_cast<int>(i)};
              }
            }
          }
        }
      }
      break;
    }
    case NodeKind::kBinaryExpr: {
      const auto* b = n->As<syntax::BinaryExpr>();
      if (b->op != syntax::Token::kAdd || ModeOf(n) == sema::Mode::kConstant) break;
      const sema::Type* t = TypeOf(n);
      const sema::Type* u = t != nullptr ? t->Underlying() : nullptr;
      if (u == nullptr || u->kind != sema::TypeKind::kBasic ||
          u->basic != sema::BasicKind::kString) {
        break;
      }
      // a + b + c is one concatenation.
      const Node* parent = parents_.empty() ? nullptr : parents_.back();
      const auto* pb = parent != nullptr ? parent->DynAs<syntax::BinaryExpr>() : nullptr;
      if (pb == nullptr || pb->op != syntax::Token::kAdd) Add(LineOf(n), AllocKind::kString);
      break;
    }
    default:
      break;
  }
  parents_.push_back(n);
  syntax::ForEachChild(n, [this](const Node* c) { Visit(c); });
  parents_.pop_back();
  if (pushed_function) functions_.pop_back();
  if (pushed_range) ranges_.pop_back();
}

void LineClassifier::CollectStructs(
    const sema::Package* pkg, std::unordered_map<const sema::Type*, std::string>* names,
    std::unordered_map<const sema::Type*, const syntax::TypeSpec*>* specs,
    std::unordered_map<const sema::Type*, const syntax::ParsedFile*>* files) {
  for (const syntax::ParsedFile* f : pkg->files) {
    if (f->file == nullptr) continue;
    for (const Node* d : f->file->decls) {
      const auto* g = d->DynAs<syntax::GenDecl>();
      if (g == nullptr) continue;
      for (const Node* s : g->specs) {
        const auto* ts = s->DynAs<syntax::TypeSpec>();
        if (ts == nullptr) continue;
        auto it = pkg->info.defs.find(ts->name);
        if (it == pkg->info.defs.end() || it->second == nullptr || it->second->type == nullptr) {
          continue;
        }
        const sema::Type* u = it->second->type->Underlying();
        if (u == nullptr || u->kind != sema::TypeKind::kStruct) continue;
        names->emplace(u, pkg->name + "." + std::string(ts->name->name));
        specs->emplace(u, ts);
        files->emplace(u, f);
      }
    }
  }
}

namespace {

// The line of the index-th field of a struct type spec.
int FieldLine(const syntax::ParsedFile* f, const syntax::TypeSpec* ts, int index) {
  const auto* st = ts->type->DynAs<syntax::StructType>();
  if (st == nullptr || st->fields == nullptr) return 0;
  int i = 0;
  for (const syntax::Field* field : st->fields->list) {
    int n = field->names.empty() ? 1 : static_cast<int>(field->names.size);
    if (index < i + n) return f->source->Position(field->Start()).line;
    i += n;
  }
  return 0;
}

}  // namespace

void LineClassifier::ResolveParameters(
    SourceIndex* index, ClassifyState* st,
    const std::unordered_map<const syntax::ParsedFile*, const sema::Package*>& package_of,
    const sema::Facts* facts) {
  if (facts == nullptr) return;
  std::unordered_map<int, int> target;  // parameter map -> the callers' map
  // By index: resolving an argument may add the caller's own parameters,
  // which are resolved in turn (a helper calling a helper).
  for (size_t i = 0; i < st->params.size(); ++i) {
    const ClassifyState::Param p = st->params[i];
    int only = -1;
    bool same = true;
    for (const sema::CallEdge* e : facts->CallsTo(p.func)) {
      if (e->kind == sema::CallKind::kDefines) continue;
      const auto* call = e->site != nullptr ? e->site->DynAs<syntax::CallExpr>() : nullptr;
      auto pkg = e->file != nullptr ? package_of.find(e->file) : package_of.end();
      if (call == nullptr || pkg == package_of.end() || p.index >= call->args.size ||
          call->ellipsis != syntax::kNoPos) {
        same = false;
        break;
      }
      LineClassifier c(index, pkg->second, e->file, AbsoluteSourcePath(e->file->source->path()),
                       facts);
      int m = c.ArgumentMap(st, e->caller, call->args[p.index]);
      if (m == p.map) continue;  // recursion
      if (only != -1 && only != m) {
        same = false;
        break;
      }
      only = m;
    }
    if (same && only >= 0) target[p.map] = only;
  }
  if (target.empty()) return;
  auto final_of = [&](int m) {
    for (int hops = 0; hops < 32; ++hops) {
      auto it = target.find(m);
      if (it == target.end()) break;
      m = it->second;
    }
    return m;
  };
  for (auto& [path, lines] : index->lines_) {
    for (auto& [line, sl] : lines) {
      for (Allocation& a : sl.allocations) {
        if (a.map >= 0) a.map = final_of(a.map);
      }
    }
  }
  for (const auto& [from, unused] : target) {
    const int to = final_of(from);
    if (to == from) continue;
    MapInfo& src = index->maps_[static_cast<size_t>(from)];
    MapInfo& dst = index->maps_[static_cast<size_t>(to)];
    dst.inserts += src.inserts;
    dst.deletes += src.deletes;
    dst.delete_loops += src.delete_loops;
    dst.assignments += src.assignments;
    src.inserts = src.deletes = src.delete_loops = src.assignments = 0;
  }
}

void SourceIndex::ClassifyLines(const SourceOptions& options) {
  ClassifyState st;
  std::unordered_map<const sema::Type*, const syntax::TypeSpec*> struct_specs;
  std::unordered_map<const sema::Type*, const syntax::ParsedFile*> struct_files;
  for (const sema::Package* pkg : packages_) {
    LineClassifier::CollectStructs(pkg, &st.struct_names, &struct_specs, &struct_files);
  }
  std::unordered_map<std::string, const syntax::ParsedFile*> by_path;
  std::unordered_map<const syntax::ParsedFile*, const sema::Package*> package_of;
  const sema::Facts* facts = facts_;
  syntax::RunWithLargeStack([&] {
    for (const sema::Package* pkg : packages_) {
      for (const syntax::ParsedFile* f : pkg->files) {
        std::string path = AbsoluteSourcePath(f->source->path());
        by_path[path] = f;
        package_of[f] = pkg;
        LineClassifier c(this, pkg, f, path, facts);
        c.Run(&st);
      }
    }
    LineClassifier::ResolveParameters(this, &st, package_of, facts);
  });
  for (const auto& [id, obj] : st.pending_decls) {
    auto it = st.decls.find(obj);
    if (it == st.decls.end()) continue;
    maps_[id].declared_file = it->second.first;
    maps_[id].declared_line = it->second.second;
  }
  for (const auto& [id, field] : st.pending_fields) {
    auto st = struct_specs.find(field.first);
    if (st == struct_specs.end()) continue;
    const syntax::ParsedFile* f = struct_files[field.first];
    maps_[id].declared_file = AbsoluteSourcePath(f->source->path());
    maps_[id].declared_line = FieldLine(f, st->second, field.second);
  }
  // Inner maps are declared where their outer map is (outer maps come
  // first, so chains resolve in order).
  for (const auto& [inner, outer] : st.inner_of) {
    maps_[static_cast<size_t>(inner)].declared_file =
        maps_[static_cast<size_t>(outer)].declared_file;
    maps_[static_cast<size_t>(inner)].declared_line =
        maps_[static_cast<size_t>(outer)].declared_line;
  }
  // Line texts, and mapwarden check's findings at each map's writes.
  for (auto& [path, lines] : lines_) {
    auto f = by_path.find(path);
    if (f == by_path.end()) continue;
    std::vector<std::string_view> text = Split(f->second->source->content(), '\n');
    for (auto& [line, sl] : lines) {
      sl.path = path;
      if (line >= 1 && line <= static_cast<int>(text.size())) {
        sl.text = std::string(TrimSpace(text[line - 1]));
      }
    }
  }
  const std::string& base = options.analysis.base_dir;
  for (const diag::Diagnostic& d : *diagnostics_) {
    std::string path =
        AbsoluteSourcePath(std::filesystem::path(d.span.file).is_absolute() || base.empty()
                               ? d.span.file
                               : base + "/" + d.span.file);
    auto lf = lines_.find(path);
    if (lf == lines_.end()) continue;
    auto sl = lf->second.find(d.span.line);
    if (sl == lf->second.end()) continue;
    for (const Allocation& a : sl->second.allocations) {
      if (a.kind == AllocKind::kMapInsert && a.map >= 0) {
        maps_[a.map].findings.push_back(&d);
        break;
      }
    }
  }
  // Source text for lines without allocations, read when asked for.
  for (const auto& [path, f] : by_path) sources_[path] = f;
}

}  // namespace mw::pprof

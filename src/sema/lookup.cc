// Field and method lookup through embedding (go/types' lookupFieldOrMethod)
// and type-parameter substitution.
#include <array>
#include <unordered_set>
#include <utility>

#include "base/small_vector.h"
#include "sema/checker.h"

namespace mw::sema {

void FillInstance(TypeStore* store, const Type* inst) {
  // A recursive generic type (type List[T any] struct{ next *List[T] })
  // meets its own instance while substituting: that inner reference gets
  // its underlying type when the outer substitution completes.
  static thread_local std::unordered_set<const Type*> filling;
  std::lock_guard<std::recursive_mutex> lock(store->lazy_mutex());
  if (inst->underlying != nullptr || inst->origin == nullptr ||
      inst->origin->underlying == nullptr || !filling.insert(inst).second) {
    return;
  }
  const Type* u =
      Subst(store, inst->origin->underlying, inst->origin->type_params, inst->type_args);
  filling.erase(inst);
  if (inst->underlying == nullptr) TypeStore::SetUnderlying(inst, u);
}

const Type* Subst(TypeStore* store, const Type* t, const std::vector<const Type*>& params,
                  const std::vector<const Type*>& args) {
  if (t == nullptr || params.empty()) return t;
  std::lock_guard<std::recursive_mutex> lock(store->lazy_mutex());  // makes instances
  auto sub = [&](const Type* x) { return Subst(store, x, params, args); };
  auto vars = [&](const std::vector<Var>& in, bool* changed) {
    std::vector<Var> out = in;
    for (Var& v : out) {
      const Type* n = sub(v.type);
      if (n != v.type) *changed = true;
      v.type = n;
    }
    return out;
  };
  bool changed = false;
  switch (t->kind) {
    case TypeKind::kTypeParam:
      for (size_t i = 0; i < params.size() && i < args.size(); ++i) {
        if (params[i] == t) return args[i];
      }
      return t;
    case TypeKind::kPointer: {
      const Type* e = sub(t->elem);
      return e == t->elem ? t : store->Pointer(e);
    }
    case TypeKind::kSlice: {
      const Type* e = sub(t->elem);
      return e == t->elem ? t : store->Slice(e);
    }
    case TypeKind::kArray: {
      const Type* e = sub(t->elem);
      return e == t->elem ? t : store->Array(t->len, e);
    }
    case TypeKind::kChan: {
      const Type* e = sub(t->elem);
      return e == t->elem ? t : store->Chan(t->dir, e);
    }
    case TypeKind::kMap: {
      const Type* k = sub(t->key);
      const Type* e = sub(t->elem);
      return k == t->key && e == t->elem ? t : store->Map(k, e);
    }
    case TypeKind::kStruct: {
      std::vector<Var> f = vars(t->fields, &changed);
      return changed ? store->Struct(std::move(f)) : t;
    }
    case TypeKind::kTuple: {
      std::vector<Var> f = vars(t->fields, &changed);
      return changed ? store->Tuple(std::move(f)) : t;
    }
    case TypeKind::kSignature: {
      std::vector<Var> p = vars(t->fields, &changed);
      std::vector<Var> r = vars(t->results, &changed);
      if (!changed) return t;
      if (!t->type_params.empty()) {
        Type g(TypeKind::kSignature);
        g.fields = std::move(p);
        g.results = std::move(r);
        g.variadic = t->variadic;
        g.type_params = t->type_params;
        return store->GenericSignature(std::move(g));
      }
      return store->Signature(std::move(p), std::move(r), t->variadic);
    }
    case TypeKind::kInterface: {
      std::vector<Method> methods = t->methods;
      for (Method& m : methods) {
        const Type* s = sub(m.signature);
        if (s != m.signature) changed = true;
        m.signature = s;
      }
      std::vector<const Type*> embeddeds = t->embeddeds;
      for (const Type*& e : embeddeds) {
        const Type* s = sub(e);
        if (s != e) changed = true;
        e = s;
      }
      return changed ? store->Interface(std::move(methods), std::move(embeddeds), t->implicit) : t;
    }
    case TypeKind::kUnion: {
      std::vector<const Type*> terms = t->embeddeds;
      for (const Type*& e : terms) {
        const Type* s = sub(e);
        if (s != e) changed = true;
        e = s;
      }
      return changed ? store->Union(std::move(terms), t->tildes) : t;
    }
    case TypeKind::kNamed: {
      if (t->type_args.empty()) return t;
      std::vector<const Type*> targs = t->type_args;
      for (const Type*& a : targs) {
        const Type* s = sub(a);
        if (s != a) changed = true;
        a = s;
      }
      if (!changed) return t;
      const Type* inst = store->Instance(t->origin, std::move(targs));
      FillInstance(store, inst);
      return inst;
    }
    default:
      return t;
  }
}

// Collects an interface's methods, with those of embedded interfaces.
static void InterfaceMethods(Checker* c, const Type* iface, std::vector<const Method*>* out,
                             std::unordered_set<const Type*>* seen,
                             const std::function<const Type*(const Type*)>& under) {
  if (!seen->insert(iface).second) return;
  for (const Method& m : iface->methods) out->push_back(&m);
  for (const Type* e : iface->embeddeds) {
    const Type* u = under(e);
    if (u != nullptr && u->kind == TypeKind::kInterface) InterfaceMethods(c, u, out, seen, under);
  }
}

Selection Checker::LookupFieldOrMethod(const Type* t, bool addressable, std::string_view name,
                                       const Package* from) {
  (void)addressable;
  Selection none;
  if (t == nullptr || name == "_") return none;
  const std::string_view from_path = from != nullptr ? std::string_view(from->path) : "";
  auto visible = [&](std::string_view declaring_pkg) {
    return syntax::IsExported(name) || declaring_pkg == from_path;
  };
  bool is_ptr = false;
  if (t->kind == TypeKind::kPointer) {
    // Methods of a pointer's base type, unless the pointer type is named.
    const Type* b = Under(t->elem);
    if (b != nullptr && b->kind != TypeKind::kInterface) {
      t = t->elem;
      is_ptr = true;
    }
  } else if (t->kind == TypeKind::kNamed) {
    const Type* u = Under(t);
    if (u != nullptr && u->kind == TypeKind::kPointer && t->type_args.empty()) {
      // Fields (not methods) of a named pointer type's base.
      const Type* b = Under(u->elem);
      if (b != nullptr && b->kind == TypeKind::kStruct) {
        for (size_t i = 0; i < b->fields.size(); ++i) {
          if (b->fields[i].name == name) {
            Selection s;
            s.is_field = true;
            s.type = b->fields[i].type;
            s.indirect = true;
            s.owner = b;
            s.field_index = static_cast<int>(i);
            return s;
          }
        }
      }
    }
  }
  struct Entry {
    const Type* type;
    bool indirect;
  };
  const Type* base = t->kind == TypeKind::kNamed ? t : nullptr;
  // Breadth first over embedded fields. Most selectors resolve at depth 0
  // and visit one named type, so nothing here allocates until an embedded
  // field has to be followed (a lookup is made for every selector).
  SmallVector<Entry, 4> current, next;
  std::array<const Type*, 8> seen_inline;
  size_t seen_count = 0;
  std::unordered_set<const Type*> seen_more;
  auto first_visit = [&](const Type* typ) {
    for (size_t i = 0; i < seen_count; ++i) {
      if (seen_inline[i] == typ) return false;
    }
    if (seen_count < seen_inline.size()) {
      seen_inline[seen_count++] = typ;
      return true;
    }
    return seen_more.insert(typ).second;
  };
  Selection found;
  int count = 0;
  const uint64_t tag = NameTag(name);
  auto visit = [&](const Entry& e) {
    const Type* typ = e.type;
    if (typ->kind == TypeKind::kNamed) {
      if (!first_visit(typ)) return;
      const Type* origin = typ->origin != nullptr ? typ->origin : typ;
      const Object* type_obj = Program::TypeObject(origin);
      const MethodList* methods = type_obj != nullptr ? Program::MethodListOf(type_obj) : nullptr;
      if (methods != nullptr) {
        methods->ForEachNamed(name, tag, [&](Object* m) {
          if (!visible(m->pkg != nullptr ? std::string_view(m->pkg->path) : "")) return;
          const Type* sig = ObjectType(m);
          if (sig != nullptr && !typ->type_args.empty()) {
            sig = Subst(store_, sig, m->recv_type_params, typ->type_args);
          }
          ++count;
          found = Selection{m, sig, false, e.indirect, typ};
          found.base = base;
        });
      }
      typ = Under(typ);
      if (typ == nullptr || typ->kind == TypeKind::kNamed) return;
    }
    if (typ->kind == TypeKind::kTypeParam) {
      typ = Under(typ->constraint);
      if (typ == nullptr) return;
    }
    if (typ->kind == TypeKind::kStruct) {
      for (size_t i = 0; i < typ->fields.size(); ++i) {
        const Var& f = typ->fields[i];
        if (f.name == name) {
          ++count;
          found = Selection{nullptr, f.type, true, e.indirect, nullptr};
          found.owner = typ;
          found.field_index = static_cast<int>(i);
          found.base = e.type->kind == TypeKind::kNamed ? e.type : base;
          continue;
        }
        if (f.embedded && f.type != nullptr) {
          const Type* ft = f.type;
          bool ind = e.indirect;
          if (ft->kind == TypeKind::kPointer) {
            ft = ft->elem;
            ind = true;
          }
          next.push_back({ft, ind});
        }
      }
    } else if (typ->kind == TypeKind::kInterface) {
      const Method* hit = nullptr;
      if (typ->embeddeds.empty()) {
        // Most interfaces embed none: their own methods are all there are,
        // and no method list or seen-set need be built.
        for (const Method& m : typ->methods) {
          if (m.name == name) {
            hit = &m;
            break;
          }
        }
      } else {
        std::vector<const Method*> methods;
        std::unordered_set<const Type*> iseen;
        InterfaceMethods(this, typ, &methods, &iseen, [this](const Type* x) { return Under(x); });
        for (const Method* m : methods) {
          if (m->name == name) {
            hit = m;
            break;
          }
        }
      }
      if (hit != nullptr) {
        ++count;
        found = Selection{nullptr, hit->signature, false, e.indirect, typ};
        found.base = base;
      }
    }
  };
  visit({t, is_ptr});
  for (;;) {
    if (count == 1) return found;
    if (count > 1 || next.empty()) return none;  // ambiguous at this depth, or not found
    std::swap(current, next);
    next.clear();
    for (const Entry& e : current) visit(e);
  }
}

}  // namespace mw::sema

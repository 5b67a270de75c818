#include "sema/scope.h"

namespace mw::sema {

bool Scope::Insert(Object* obj) {
  if (obj->name == "_") return true;  // the blank identifier declares nothing
  if (LookupLocal(obj->name) != nullptr) return false;
  if (names_.empty() && small_.size() < kSmall) {
    small_.push_back(obj);
    return true;
  }
  if (names_.empty()) {
    for (Object* o : small_) names_.emplace(o->name, o);
    small_.clear();
  }
  names_.emplace(obj->name, obj);
  return true;
}

Object* Scope::LookupLocal(std::string_view name) const {
  for (Object* o : small_) {
    if (o->name == name) return o;
  }
  if (names_.empty()) return nullptr;
  auto it = names_.find(name);
  return it == names_.end() ? nullptr : it->second;
}

Object* Scope::Lookup(std::string_view name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent_) {
    if (Object* o = s->LookupLocal(name)) return o;
  }
  return nullptr;
}

Scope* NewUniverse(ObjectPool* pool, TypeStore* types) {
  Scope* u = pool->NewScope(nullptr);
  struct Named {
    const char* name;
    BasicKind kind;
  };
  for (const Named& n :
       {Named{"bool", BasicKind::kBool}, Named{"int", BasicKind::kInt},
        Named{"int8", BasicKind::kInt8}, Named{"int16", BasicKind::kInt16},
        Named{"int32", BasicKind::kInt32}, Named{"int64", BasicKind::kInt64},
        Named{"uint", BasicKind::kUint}, Named{"uint8", BasicKind::kUint8},
        Named{"uint16", BasicKind::kUint16}, Named{"uint32", BasicKind::kUint32},
        Named{"uint64", BasicKind::kUint64}, Named{"uintptr", BasicKind::kUintptr},
        Named{"float32", BasicKind::kFloat32}, Named{"float64", BasicKind::kFloat64},
        Named{"complex64", BasicKind::kComplex64}, Named{"complex128", BasicKind::kComplex128},
        Named{"string", BasicKind::kString}, Named{"byte", BasicKind::kByte},
        Named{"rune", BasicKind::kRune}}) {
    Object* o = pool->New(ObjectKind::kTypeName, n.name);
    o->type = types->Basic(n.kind);
    u->Insert(o);
  }
  for (auto [name, type] : {std::pair<const char*, const Type*>{"error", types->Error()},
                            {"any", types->Any()},
                            {"comparable", types->Comparable()}}) {
    Object* o = pool->New(ObjectKind::kTypeName, name);
    o->type = type;
    u->Insert(o);
  }
  for (const char* name : {"true", "false"}) {
    Object* o = pool->New(ObjectKind::kConst, name);
    o->type = types->Basic(BasicKind::kUntypedBool);
    u->Insert(o);
  }
  Object* iota = pool->New(ObjectKind::kConst, "iota");
  iota->type = types->Basic(BasicKind::kUntypedInt);
  u->Insert(iota);
  Object* nil = pool->New(ObjectKind::kNil, "nil");
  nil->type = types->Basic(BasicKind::kUntypedNil);
  u->Insert(nil);
  for (const char* name :
       {"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
        "max", "min", "new", "panic", "print", "println", "real", "recover"}) {
    u->Insert(pool->New(ObjectKind::kBuiltin, name));
  }
  return u;
}

}  // namespace mw::sema

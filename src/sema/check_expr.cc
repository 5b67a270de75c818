// Expressions: the type and mode of every expression, as go/types gives
// them, including untyped constants, which take their final type from
// their context (or their default type) after the fact.
#include <algorithm>

#include "base/strings.h"
#include "sema/checker.h"
#include "sema/constant.h"

namespace mw::sema {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout

namespace {

bool IsComparison(Token op) {
  return op == Token::kEql || op == Token::kNeq || op == Token::kLss || op == Token::kLeq ||
         op == Token::kGtr || op == Token::kGeq;
}
bool IsShift(Token op) { return op == Token::kShl || op == Token::kShr; }

// Untyped numeric kinds order as go/types' maxType: int < rune < float < complex.
int UntypedRank(BasicKind k) {
  switch (k) {
    case BasicKind::kUntypedInt:
      return 1;
    case BasicKind::kUntypedRune:
      return 2;
    case BasicKind::kUntypedFloat:
      return 3;
    case BasicKind::kUntypedComplex:
      return 4;
    default:
      return 0;
  }
}

}  // namespace

bool IsUntyped(const Type* t) {
  return t != nullptr && t->kind == TypeKind::kBasic && t->basic >= BasicKind::kUntypedBool &&
         t->basic <= BasicKind::kUntypedNil;
}

const Type* Checker::Under(const Type* t) {
  if (t == nullptr) return nullptr;
  if (t->kind == TypeKind::kNamed) {
    if (t->origin != nullptr) {  // an instance, shared and maybe filled lazily
      std::lock_guard<std::recursive_mutex> lock(store_->lazy_mutex());
      if (t->underlying == nullptr) FillInstance(store_, t);
      return t->underlying != nullptr ? t->underlying : t;
    }
    return t->underlying != nullptr ? t->underlying : t;
  }
  return t;
}

const Type* Checker::CoreTerm(const Type* constraint) {
  const Type* c = Under(constraint);
  if (c == nullptr || c->kind != TypeKind::kInterface) return nullptr;
  const Type* found = nullptr;
  for (const Type* e : c->embeddeds) {
    const Type* term = nullptr;
    if (e->kind == TypeKind::kUnion) {
      for (const Type* t : e->embeddeds) {
        if (term != nullptr && Under(t) != Under(term)) return nullptr;
        term = t;
      }
    } else if (Under(e) != nullptr && Under(e)->kind == TypeKind::kInterface) {
      term = CoreTerm(e);
    } else {
      term = e;
    }
    if (term == nullptr) continue;
    if (found != nullptr && Under(found) != Under(term)) return nullptr;
    found = term;
  }
  return found;
}

const Type* Checker::CoreType(const Type* t) {
  const Type* u = Under(t);
  if (u != nullptr && u->kind == TypeKind::kTypeParam) {
    const Type* term = CoreTerm(u->constraint);
    return term != nullptr ? Under(term) : nullptr;
  }
  return u;
}

const Type* Checker::Default(const Type* t) {
  if (!IsUntyped(t)) return t;
  switch (t->basic) {
    case BasicKind::kUntypedBool:
      return Basic(BasicKind::kBool);
    case BasicKind::kUntypedInt:
      return Basic(BasicKind::kInt);
    case BasicKind::kUntypedRune:
      return Basic(BasicKind::kRune);
    case BasicKind::kUntypedFloat:
      return Basic(BasicKind::kFloat64);
    case BasicKind::kUntypedComplex:
      return Basic(BasicKind::kComplex128);
    case BasicKind::kUntypedString:
      return Basic(BasicKind::kString);
    default:
      return t;  // untyped nil
  }
}

void Checker::Record(const Operand& x) {
  if (!bodies_ || x.expr == nullptr || x.mode == Mode::kInvalid || x.type == nullptr) return;
  info_->types[x.expr] = {x.mode, x.type};
}

// The expressions still to be given their final types are those recorded
// with untyped types.
void Checker::UpdateUntyped(const Node* e, const Type* final_type) {
  auto it = info_->types.find(e);
  if (it == info_->types.end() || !IsUntyped(it->second.type)) return;
  const TypeAndValue old = it->second;
  switch (e->kind) {
    case NodeKind::kParenExpr:
      UpdateUntyped(e->As<ParenExpr>()->x, final_type);
      break;
    case NodeKind::kUnaryExpr:
      // Constant operands are never materialized: they keep their types.
      if (old.mode != Mode::kConstant) UpdateUntyped(e->As<UnaryExpr>()->x, final_type);
      break;
    case NodeKind::kBinaryExpr: {
      const BinaryExpr* b = e->As<BinaryExpr>();
      if (old.mode == Mode::kConstant || IsComparison(b->op)) break;
      UpdateUntyped(b->x, final_type);
      if (!IsShift(b->op)) UpdateUntyped(b->y, final_type);
      break;
    }
    default:
      break;
  }
  info_->types[e] = {old.mode, final_type};
}

void Checker::Convert(Operand* x, const Type* target) {
  if (!x->ok() || !IsUntyped(x->type)) return;
  const bool is_nil = x->type->basic == BasicKind::kUntypedNil;
  const Type* final_type = nullptr;
  if (target == nullptr) {
    final_type = Default(x->type);
  } else if (IsUntyped(target)) {
    if (UntypedRank(x->type->basic) != 0 && UntypedRank(target->basic) != 0) {
      final_type = UntypedRank(x->type->basic) >= UntypedRank(target->basic) ? x->type : target;
    } else {
      final_type = x->type;
    }
  } else {
    const Type* u = Under(target);
    switch (u->kind) {
      case TypeKind::kBasic:
        final_type = is_nil ? (u->basic == BasicKind::kUnsafePointer ? target : x->type) : target;
        break;
      case TypeKind::kInterface:
        final_type = is_nil ? x->type : Default(x->type);
        break;
      case TypeKind::kTypeParam:
        final_type = is_nil ? x->type : target;
        break;
      case TypeKind::kPointer:
      case TypeKind::kSignature:
      case TypeKind::kSlice:
      case TypeKind::kMap:
      case TypeKind::kChan:
        final_type = x->type;  // nil stays untyped nil
        break;
      default:
        return;
    }
  }
  if (final_type == x->type && IsUntyped(final_type) && target != nullptr) return;
  if (x->expr != nullptr) UpdateUntyped(x->expr, final_type);
  x->type = final_type;
}

Operand Checker::Expr(const Node* e, const Scope* scope, const Type* hint) {
  Operand x = RawExpr(e, scope, hint, /*allow_tuple=*/false);
  if (x.mode == Mode::kCommaOk || x.mode == Mode::kMapIndex) {
    if (x.mode == Mode::kCommaOk) x.mode = Mode::kValue;
  }
  if (x.mode == Mode::kNoValue || (x.type != nullptr && x.type->kind == TypeKind::kTuple)) {
    x.mode = Mode::kInvalid;
  }
  return x;
}

Operand Checker::RawExpr(const Node* e, const Scope* scope, const Type* hint, bool allow_tuple) {
  Operand x = ExprInternal(e, scope, hint);
  x.expr = e;
  (void)allow_tuple;
  Record(x);
  return x;
}

void Checker::UseExpr(const Node* e, const Scope* scope) {
  if (e != nullptr) RawExpr(e, scope, nullptr, true);
}

void Checker::UseExprs(const List<Node>& list, const Scope* scope) {
  for (const Node* e : list) UseExpr(e, scope);
}

// An operand for an object named by an identifier or qualified identifier.
static Operand ObjectOperand(TypeStore* c, Object* o, int64_t iota,
                             const std::function<const Type*(Object*)>& type_of) {
  Operand x;
  switch (o->kind) {
    case ObjectKind::kTypeName:
      x.type = type_of(o);
      x.mode = x.type != nullptr ? Mode::kType : Mode::kInvalid;
      break;
    case ObjectKind::kVar:
      x.type = type_of(o);
      x.mode = Mode::kVariable;
      break;
    case ObjectKind::kConst:
      x.type = type_of(o);
      x.mode = Mode::kConstant;
      x.value = o->value;
      if (o->pkg == nullptr && o->name == "iota") {
        x.value = iota >= 0 ? ConstValue{true, iota} : ConstValue{};
        if (iota < 0) x.mode = Mode::kInvalid;
      }
      break;
    case ObjectKind::kFunc:
      x.type = type_of(o);
      x.mode = Mode::kValue;
      break;
    case ObjectKind::kBuiltin:
      // go/types records built-ins with an invalid type.
      x.mode = Mode::kBuiltin;
      x.builtin = o;
      x.type = c->Basic(BasicKind::kInvalid);
      break;
    case ObjectKind::kNil:
      x.mode = Mode::kValue;
      x.type = o->type;
      break;
    case ObjectKind::kPkgName:
    case ObjectKind::kLabel:
      break;
  }
  if (x.type == nullptr && x.mode != Mode::kBuiltin) x.mode = Mode::kInvalid;
  return x;
}

Operand Checker::Ident(const syntax::Ident* id, const Scope* scope) {
  Object* o = scope->Lookup(id->name);
  if (o == nullptr || id->name == "_") return {};
  if (bodies_) info_->uses[id] = o;
  return ObjectOperand(store_, o, iota_, [this](Object* obj) { return ObjectType(obj); });
}

Operand Checker::Selector(const SelectorExpr* e, const Scope* scope) {
  const std::string_view name = e->sel->name;
  if (const syntax::Ident* x = e->x->DynAs<syntax::Ident>()) {
    Object* pkg = scope->Lookup(x->name);
    if (pkg != nullptr && pkg->kind == ObjectKind::kPkgName) {
      if (bodies_) info_->uses[x] = pkg;
      if (pkg->imported == nullptr || pkg->imported->scope == nullptr) return {};
      Object* o = pkg->imported->scope->LookupLocal(name);
      if (o == nullptr) return {};
      if (bodies_) info_->uses[e->sel] = o;
      return ObjectOperand(store_, o, iota_, [this](Object* obj) { return ObjectType(obj); });
    }
  }
  Operand x = RawExpr(e->x, scope, nullptr, false);
  if (!x.ok()) return {};
  if (x.mode == Mode::kType) {
    // A method expression T.m: a function taking the receiver first.
    Selection s = LookupFieldOrMethod(x.type, false, name, pkg_);
    if (s.obj == nullptr || s.type == nullptr) return {};
    std::vector<Var> params = s.type->fields;
    std::string recv_name;
    if (!params.empty() && !params[0].name.empty()) {
      recv_name = "_";
      if (const FuncDecl* fd = s.obj->decl != nullptr ? s.obj->decl->DynAs<FuncDecl>() : nullptr) {
        if (!fd->recv->list.empty() && !fd->recv->list[0]->names.empty()) {
          recv_name = std::string(fd->recv->list[0]->names[0]->name);
        }
      }
    }
    params.insert(params.begin(), Var(recv_name, x.type));
    Operand r;
    r.mode = Mode::kValue;
    r.type = store_->Signature(std::move(params), s.type->results, s.type->variadic);
    return r;
  }
  Selection s = LookupFieldOrMethod(x.type, x.mode == Mode::kVariable, name, pkg_);
  if (s.type == nullptr) return {};
  if (bodies_) info_->selections[e] = s;
  Operand r;
  r.type = s.type;
  if (s.is_field) {
    r.mode = x.mode == Mode::kVariable || s.indirect ? Mode::kVariable : Mode::kValue;
  } else {
    r.mode = Mode::kValue;
  }
  return r;
}

Operand Checker::ExprInternal(const Node* e, const Scope* scope, const Type* hint) {
  Operand x;
  switch (e->kind) {
    case NodeKind::kIdent:
      return Ident(e->As<syntax::Ident>(), scope);
    case NodeKind::kBasicLit: {
      const BasicLit* b = e->As<BasicLit>();
      x.mode = Mode::kConstant;
      switch (b->kind) {
        case Token::kInt:
          x.type = Basic(BasicKind::kUntypedInt);
          x.value = IntLiteral(b->value);
          break;
        case Token::kFloat:
          x.type = Basic(BasicKind::kUntypedFloat);
          break;
        case Token::kImag:
          x.type = Basic(BasicKind::kUntypedComplex);
          break;
        case Token::kChar:
          x.type = Basic(BasicKind::kUntypedRune);
          x.value = CharLiteral(b->value);
          break;
        case Token::kString:
          x.type = Basic(BasicKind::kUntypedString);
          x.value.str_len = StringLiteralLength(b->value);
          break;
        default:
          return {};
      }
      return x;
    }
    case NodeKind::kFuncLit:
      return FuncLit(e->As<syntax::FuncLit>(), scope);
    case NodeKind::kCompositeLit:
      return CompositeLit(e->As<syntax::CompositeLit>(), scope, hint);
    case NodeKind::kParenExpr: {
      Operand inner = RawExpr(e->As<ParenExpr>()->x, scope, hint, true);
      inner.expr = e;
      return inner;
    }
    case NodeKind::kSelectorExpr:
      return Selector(e->As<SelectorExpr>(), scope);
    case NodeKind::kIndexExpr:
    case NodeKind::kIndexListExpr:
      return Index(e, scope);
    case NodeKind::kSliceExpr: {
      const SliceExpr* s = e->As<SliceExpr>();
      x = Expr(s->x, scope);
      for (const Node* i : {s->low, s->high, s->max}) {
        if (i == nullptr) continue;
        Operand ix = Expr(i, scope);
        Convert(&ix, Basic(BasicKind::kInt));
      }
      if (!x.ok()) return {};
      const Type* u = CoreType(x.type);
      if (u == nullptr) return {};
      Operand r;
      r.mode = Mode::kValue;
      if (u->kind == TypeKind::kBasic &&
          (u->basic == BasicKind::kString || u->basic == BasicKind::kUntypedString)) {
        r.type = u->basic == BasicKind::kUntypedString ? Basic(BasicKind::kString) : x.type;
      } else if (u->kind == TypeKind::kSlice) {
        r.type = x.type;
      } else if (u->kind == TypeKind::kArray) {
        r.type = store_->Slice(u->elem);
      } else if (u->kind == TypeKind::kPointer && Under(u->elem)->kind == TypeKind::kArray) {
        r.type = store_->Slice(Under(u->elem)->elem);
      } else {
        return {};
      }
      return r;
    }
    case NodeKind::kTypeAssertExpr: {
      const TypeAssertExpr* t = e->As<TypeAssertExpr>();
      Expr(t->x, scope);
      if (t->type == nullptr) return {};
      x.type = TypeOf(t->type, scope);
      x.mode = Mode::kCommaOk;
      return x.type != nullptr ? x : Operand{};
    }
    case NodeKind::kCallExpr:
      return Call(e->As<CallExpr>(), scope);
    case NodeKind::kStarExpr: {
      Operand p = RawExpr(e->As<StarExpr>()->x, scope, nullptr, false);
      if (!p.ok()) return {};
      if (p.mode == Mode::kType) {
        x.mode = Mode::kType;
        x.type = store_->Pointer(p.type);
        return x;
      }
      const Type* u = CoreType(p.type);
      if (u == nullptr || u->kind != TypeKind::kPointer) return {};
      x.mode = Mode::kVariable;
      x.type = u->elem;
      return x;
    }
    case NodeKind::kUnaryExpr:
      return Unary(e->As<UnaryExpr>(), scope, hint);
    case NodeKind::kBinaryExpr:
      return Binary(e->As<BinaryExpr>(), scope, hint);
    case NodeKind::kArrayType:
    case NodeKind::kStructType:
    case NodeKind::kFuncType:
    case NodeKind::kInterfaceType:
    case NodeKind::kMapType:
    case NodeKind::kChanType:
      x.type = TypeOf(e, scope);
      x.mode = x.type != nullptr ? Mode::kType : Mode::kInvalid;
      return x;
    case NodeKind::kKeyValueExpr:
      UseExpr(e->As<KeyValueExpr>()->key, scope);
      UseExpr(e->As<KeyValueExpr>()->value, scope);
      return {};
    default:
      return {};
  }
}

Operand Checker::Unary(const UnaryExpr* e, const Scope* scope, const Type* hint) {
  Operand x;
  if (e->op == Token::kAnd) {
    // &T{} takes its hint from the pointer's element type.
    const Type* elem_hint = nullptr;
    if (hint != nullptr) {
      const Type* u = CoreType(hint);
      if (u != nullptr && u->kind == TypeKind::kPointer) elem_hint = u->elem;
    }
    Operand v = Expr(e->x, scope, elem_hint);
    if (!v.ok()) return {};
    x.mode = Mode::kValue;
    x.type = store_->Pointer(v.type);
    return x;
  }
  if (e->op == Token::kArrow) {
    Operand ch = Expr(e->x, scope);
    if (!ch.ok()) return {};
    const Type* u = CoreType(ch.type);
    if (u == nullptr || u->kind != TypeKind::kChan) return {};
    x.mode = Mode::kCommaOk;
    x.type = u->elem;
    return x;
  }
  x = Expr(e->x, scope, hint);
  if (!x.ok()) return {};
  if (e->op == Token::kNot) {
    if (x.mode != Mode::kConstant) x.mode = Mode::kValue;
    return x;
  }
  if (x.mode == Mode::kConstant) {
    if (e->op == Token::kSub) {
      x.value = Fold(Token::kSub, {true, 0}, x.value);
    } else if (e->op == Token::kXor && x.value.known) {
      // ^x on an unsigned type flips its bits only: ^uint8(0) is 255.
      const Type* u = Under(x.type);
      if (u->kind == TypeKind::kBasic && IsUnsigned(u->basic)) {
        const __int128 mask = (static_cast<__int128>(1) << IntBits(u->basic)) - 1;
        x.value = {true, x.value.value ^ mask};
      } else {
        x.value = {true, ~x.value.value};
      }
    }
  } else {
    x.mode = Mode::kValue;
  }
  return x;
}

Operand Checker::Binary(const BinaryExpr* e, const Scope* scope, const Type* hint) {
  (void)hint;
  Operand x = Expr(e->x, scope, IsComparison(e->op) ? nullptr : hint);
  Operand y = Expr(e->y, scope, IsComparison(e->op) || IsShift(e->op) ? nullptr : hint);
  if (!x.ok() || !y.ok()) return {};
  if (IsShift(e->op)) {
    // The count converts to uint when untyped; the result has x's type.
    if (IsUntyped(y.type)) {
      if (y.mode == Mode::kConstant) {
        if (y.type->basic != BasicKind::kUntypedInt) Convert(&y, Basic(BasicKind::kUntypedInt));
      } else {
        Convert(&y, Basic(BasicKind::kUint));
      }
    }
    Operand r = x;
    if (x.mode == Mode::kConstant && y.mode == Mode::kConstant) {
      if (IsUntyped(x.type) && x.type->basic != BasicKind::kUntypedInt) {
        Convert(&x, Basic(BasicKind::kUntypedInt));
        r.type = Basic(BasicKind::kUntypedInt);
      }
      r.value = Fold(e->op, x.value, y.value);
      return r;
    }
    // A non-constant shift of an untyped constant stays untyped until its
    // context gives it a type (go/types' delayed shift operand).
    r.mode = Mode::kValue;
    r.value = {};
    return r;
  }
  // go/types' matchTypes: an untyped operand converts to the other's type.
  auto may_convert = [&]() {
    if (!IsUntyped(x.type) && !IsUntyped(y.type)) return false;
    auto all_basic = [&](const Type* t) { return Under(t)->kind == TypeKind::kBasic; };
    if (all_basic(x.type) != all_basic(y.type)) return false;
    const bool x_nil = x.type->basic == BasicKind::kUntypedNil && IsUntyped(x.type);
    const bool y_nil = y.type->basic == BasicKind::kUntypedNil && IsUntyped(y.type);
    if (x_nil || y_nil) return true;
    return true;
  };
  if (may_convert()) {
    Operand ox = x;
    Convert(&x, y.type);
    Convert(&y, ox.type);
  }
  Operand r;
  if (IsComparison(e->op)) {
    if (x.mode == Mode::kConstant && y.mode == Mode::kConstant) {
      r.mode = Mode::kConstant;
    } else {
      r.mode = Mode::kValue;
      Convert(&x, nullptr);
      Convert(&y, nullptr);
    }
    r.type = Basic(BasicKind::kUntypedBool);
    return r;
  }
  r.type = x.type;
  if (IsUntyped(x.type) && IsUntyped(y.type) &&
      UntypedRank(y.type->basic) > UntypedRank(x.type->basic)) {
    r.type = y.type;
  }
  if (!IsUntyped(x.type) && IsUntyped(y.type)) r.type = x.type;
  if (IsUntyped(x.type) && !IsUntyped(y.type)) r.type = y.type;
  if (x.mode == Mode::kConstant && y.mode == Mode::kConstant) {
    r.mode = Mode::kConstant;
    const bool int_math = UntypedRank(r.type->basic) <= 2 || !IsUntyped(r.type);
    r.value = int_math ? Fold(e->op, x.value, y.value) : ConstValue{};
    if (e->op == Token::kAdd && x.value.str_len >= 0 && y.value.str_len >= 0) {
      r.value.str_len = x.value.str_len + y.value.str_len;
    }
    if (e->op == Token::kQuo && IsUntyped(r.type) && UntypedRank(r.type->basic) > 2) r.value = {};
  } else {
    r.mode = Mode::kValue;
  }
  return r;
}

Operand Checker::CompositeLit(const syntax::CompositeLit* e, const Scope* scope, const Type* hint) {
  const Type* typ = nullptr;
  bool open_array = false;
  if (e->type != nullptr) {
    const ArrayType* at = e->type->DynAs<ArrayType>();
    if (at != nullptr && at->len != nullptr && at->len->Is<Ellipsis>()) {
      open_array = true;
      typ = TypeOf(at->elt, scope);
    } else {
      typ = TypeOf(e->type, scope);
    }
  } else {
    typ = hint;
  }
  const Type* base = typ != nullptr ? CoreType(typ) : nullptr;
  if (e->type == nullptr && base != nullptr && base->kind == TypeKind::kPointer) {
    base = CoreType(base->elem);  // *T elides &T{}
  }
  if (open_array && typ != nullptr) base = store_->Slice(typ);
  if (base == nullptr) {
    for (const Node* elt : e->elts) {
      if (const KeyValueExpr* kv = elt->DynAs<KeyValueExpr>()) {
        if (!kv->key->Is<syntax::Ident>()) UseExpr(kv->key, scope);
        UseExpr(kv->value, scope);
      } else {
        UseExpr(elt, scope);
      }
    }
    return {};
  }
  int64_t max_index = 0;
  switch (base->kind) {
    case TypeKind::kStruct: {
      size_t i = 0;
      for (const Node* elt : e->elts) {
        const Type* ft = nullptr;
        const Node* value = elt;
        if (const KeyValueExpr* kv = elt->DynAs<KeyValueExpr>()) {
          value = kv->value;
          if (const syntax::Ident* key = kv->key->DynAs<syntax::Ident>()) {
            for (const Var& f : base->fields) {
              if (f.name == key->name) ft = f.type;
            }
          }
        } else if (i < base->fields.size()) {
          ft = base->fields[i].type;
        }
        ++i;
        Operand v = Expr(value, scope, ft);
        if (ft != nullptr) Assign(&v, ft);
      }
      break;
    }
    case TypeKind::kArray:
    case TypeKind::kSlice:
    case TypeKind::kMap: {
      int64_t index = 0;
      for (const Node* elt : e->elts) {
        const Node* value = elt;
        if (const KeyValueExpr* kv = elt->DynAs<KeyValueExpr>()) {
          value = kv->value;
          if (base->kind == TypeKind::kMap) {
            Operand k = Expr(kv->key, scope, base->key);
            Assign(&k, base->key);
          } else {
            Operand k = Expr(kv->key, scope);
            Convert(&k, Basic(BasicKind::kInt));
            if (k.value.known && k.value.value <= INT64_MAX)
              index = static_cast<int64_t>(k.value.value);
          }
        }
        Operand v = Expr(value, scope, base->elem);
        Assign(&v, base->elem);
        max_index = std::max(max_index, ++index);
      }
      break;
    }
    default:
      UseExprs(e->elts, scope);
      return {};
  }
  Operand x;
  x.mode = Mode::kValue;
  x.type = open_array ? store_->Array(max_index, typ) : typ;
  return x;
}

Operand Checker::FuncLit(const syntax::FuncLit* e, const Scope* scope) {
  Scope* fs = NewScope(scope);
  const Type* sig = FuncTypeOf(e->type, fs, false);
  if (sig == nullptr) return {};
  if (bodies_) {
    // Parameters are declared in the literal's scope.
    size_t pi = 0, ri = 0;
    for (const FieldList* l : {e->type->params, e->type->results}) {
      if (l == nullptr) continue;
      for (const Field* f : l->list) {
        for (const syntax::Ident* id : f->names) {
          const Var& v = l == e->type->params ? sig->fields[pi++] : sig->results[ri++];
          DeclareVar(id, v.type, fs);
        }
        if (f->names.empty()) (l == e->type->params ? pi : ri)++;
      }
    }
    FuncBody(sig, e->body, fs);
  }
  Operand x;
  x.mode = Mode::kValue;
  x.type = sig;
  return x;
}

}  // namespace mw::sema

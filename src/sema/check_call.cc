// Calls, conversions, built-ins and index expressions.
#include <algorithm>

#include "sema/checker.h"

namespace mw::sema {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout

TypeList Checker::Values(const Operand& x) {
  TypeList out;
  if (!x.ok()) return out;
  if (x.type->kind == TypeKind::kTuple) {
    for (const Var& v : x.type->fields) out.push_back(v.type);
  } else {
    out.push_back(x.type);
  }
  return out;
}

Operand Checker::Call(const CallExpr* call, const Scope* scope) {
  Operand fun = RawExpr(call->fun, scope, nullptr, false);
  if (fun.mode == Mode::kType) {
    // A conversion T(x).
    const Type* t = fun.type;
    Operand arg;
    for (size_t i = 0; i < call->args.size; ++i) {
      Operand a = Expr(call->args[i], scope, t);
      if (i == 0) arg = a;
    }
    if (call->args.size != 1 || !arg.ok()) return {};
    Operand x;
    const Type* u = Under(t);
    const bool const_target = u != nullptr && u->kind == TypeKind::kBasic;
    if (IsUntyped(arg.type)) {
      const Type* final_type = t;
      const bool int_arg =
          arg.type->basic == BasicKind::kUntypedInt || arg.type->basic == BasicKind::kUntypedRune;
      if ((IsInterface(t) && u->kind != TypeKind::kTypeParam) ||
          (arg.mode == Mode::kConstant && !const_target) ||
          arg.type->basic == BasicKind::kUntypedNil) {
        final_type = Default(arg.type);
      } else if (arg.mode == Mode::kConstant && int_arg && u->kind == TypeKind::kBasic &&
                 u->basic == BasicKind::kString) {
        final_type = arg.type;  // string(65) keeps its argument untyped
      }
      UpdateUntyped(arg.expr, final_type);
    }
    x.mode = arg.mode == Mode::kConstant && const_target ? Mode::kConstant : Mode::kValue;
    x.value = arg.value;
    x.type = t;
    return x;
  }
  if (fun.mode == Mode::kBuiltin) {
    Operand r = Builtin(call, fun.builtin, scope);
    RecordBuiltinSignature(call, r);
    return r;
  }
  const Type* sig = fun.ok() ? CoreType(fun.type) : nullptr;
  if (sig == nullptr || sig->kind != TypeKind::kSignature) {
    UseExprs(call->args, scope);
    return {};
  }
  SmallVector<Operand, 4> args;  // most calls have four arguments or fewer
  // f(g()) where g returns several values.
  if (call->args.size == 1 && sig->fields.size() > 1) {
    Operand a = RawExpr(call->args[0], scope, nullptr, true);
    if (a.ok() && a.type->kind == TypeKind::kTuple) {
      for (const Var& v : a.type->fields) {
        Operand o;
        o.mode = Mode::kValue;
        o.type = v.type;
        args.push_back(o);
      }
    } else {
      args.push_back(a);
    }
  } else {
    const size_t n = sig->fields.size();
    for (size_t i = 0; i < call->args.size; ++i) {
      const Type* pt = nullptr;
      if (sig->type_params.empty() && n > 0) {
        if (sig->variadic && i >= n - 1) {
          pt = sig->fields[n - 1].type;
          if (call->ellipsis == kNoPos && pt->kind == TypeKind::kSlice) pt = pt->elem;
        } else if (i < n) {
          pt = sig->fields[i].type;
        }
      }
      args.push_back(Expr(call->args[i], scope, pt));
    }
  }
  if (!sig->type_params.empty()) {
    sig = InferCall(sig, call, std::span<const Operand>(args.data(), args.size()));
    if (sig == nullptr) return {};
    if (bodies_) {
      // The function expression gets the instantiated signature.
      for (const Node* f = call->fun;;) {
        info_->types[f] = {Mode::kValue, sig};
        const ParenExpr* p = f->DynAs<ParenExpr>();
        if (p == nullptr) break;
        f = p->x;
      }
    }
  }
  const size_t n = sig->fields.size();
  for (size_t i = 0; i < args.size(); ++i) {
    const Type* pt = nullptr;
    if (n == 0) break;
    if (sig->variadic && i >= n - 1) {
      pt = sig->fields[n - 1].type;
      if (call->ellipsis == kNoPos && pt->kind == TypeKind::kSlice) pt = pt->elem;
    } else if (i < n) {
      pt = sig->fields[i].type;
    }
    if (pt != nullptr) Assign(&args[i], pt);
  }
  Operand x;
  if (sig->results.empty()) {
    x.mode = Mode::kNoValue;
    x.type = store_->Tuple({});
  } else if (sig->results.size() == 1) {
    x.mode = Mode::kValue;
    x.type = sig->results[0].type;
  } else {
    x.mode = Mode::kValue;
    x.type = store_->Tuple(sig->results);
  }
  return x;
}

namespace {

// Binds type parameters by matching a parameter type against an argument
// type, structurally.
void Unify(const Type* param, const Type* arg, const std::vector<const Type*>& tparams,
           std::vector<const Type*>* bound) {
  if (param == nullptr || arg == nullptr) return;
  if (param->kind == TypeKind::kTypeParam) {
    for (size_t i = 0; i < tparams.size(); ++i) {
      if (tparams[i] == param && (*bound)[i] == nullptr) (*bound)[i] = arg;
    }
    return;
  }
  if (param->kind == TypeKind::kNamed && arg->kind == TypeKind::kNamed) {
    if (param->origin != nullptr && param->origin == arg->origin) {
      for (size_t i = 0; i < param->type_args.size() && i < arg->type_args.size(); ++i) {
        Unify(param->type_args[i], arg->type_args[i], tparams, bound);
      }
    }
    return;
  }
  if (arg->kind == TypeKind::kNamed && arg->underlying != nullptr) arg = arg->underlying;
  if (param->kind != arg->kind) return;
  switch (param->kind) {
    case TypeKind::kPointer:
    case TypeKind::kSlice:
    case TypeKind::kArray:
    case TypeKind::kChan:
      Unify(param->elem, arg->elem, tparams, bound);
      break;
    case TypeKind::kMap:
      Unify(param->key, arg->key, tparams, bound);
      Unify(param->elem, arg->elem, tparams, bound);
      break;
    case TypeKind::kSignature:
      for (size_t i = 0; i < param->fields.size() && i < arg->fields.size(); ++i) {
        Unify(param->fields[i].type, arg->fields[i].type, tparams, bound);
      }
      for (size_t i = 0; i < param->results.size() && i < arg->results.size(); ++i) {
        Unify(param->results[i].type, arg->results[i].type, tparams, bound);
      }
      break;
    default:
      break;
  }
}

}  // namespace

// Infers a generic function's type arguments from typed arguments first,
// then untyped constants' default types, as go/types does.
const Type* Checker::InferCall(const Type* sig, const CallExpr* call,
                               std::span<const Operand> args) {
  const auto& tparams = sig->type_params;
  std::vector<const Type*> bound(tparams.size(), nullptr);
  const size_t n = sig->fields.size();
  auto param_type = [&](size_t i) -> const Type* {
    if (n == 0) return nullptr;
    if (sig->variadic && i >= n - 1) {
      const Type* pt = sig->fields[n - 1].type;
      return call->ellipsis == kNoPos && pt->kind == TypeKind::kSlice ? pt->elem : pt;
    }
    return i < n ? sig->fields[i].type : nullptr;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const Operand& a = args[i];
    if (a.ok() && !IsUntyped(a.type)) Unify(param_type(i), a.type, tparams, &bound);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const Operand& a = args[i];
    if (a.ok() && IsUntyped(a.type)) Unify(param_type(i), Default(a.type), tparams, &bound);
  }
  // Constraint type inference: a type parameter whose constraint has a core
  // term (M ~map[K]V) relates its argument to the other parameters.
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < bound.size(); ++i) {
      const Type* core =
          tparams[i]->constraint != nullptr ? CoreTerm(tparams[i]->constraint) : nullptr;
      if (core == nullptr) continue;
      if (bound[i] != nullptr) {
        Unify(core, Under(bound[i]), tparams, &bound);
      } else {
        std::vector<const Type*> partial = bound;
        bool complete = true;
        for (size_t j = 0; j < partial.size(); ++j) {
          if (partial[j] == nullptr) {
            partial[j] = tparams[j];
            complete = complete && j == i;
          }
        }
        if (complete) bound[i] = Subst(store_, core, tparams, partial);
      }
    }
  }
  for (const Type* b : bound) {
    if (b == nullptr) return nullptr;
  }
  Type plain = *sig;
  plain.type_params.clear();
  const Type* generic = store_->Signature(plain.fields, plain.results, plain.variadic);
  return Subst(store_, generic, tparams, bound);
}

Operand Checker::Builtin(const CallExpr* call, const Object* builtin, const Scope* scope) {
  const std::string& name = builtin->name;
  Operand x;
  x.mode = Mode::kValue;
  auto args = [&](size_t from) {
    std::vector<Operand> out;
    for (size_t i = from; i < call->args.size; ++i) out.push_back(Expr(call->args[i], scope));
    return out;
  };
  if (name == "make" || name == "new") {
    if (call->args.empty()) return {};
    const Type* t = TypeOf(call->args[0], scope);
    for (Operand& a : args(1)) Convert(&a, Basic(BasicKind::kInt));
    if (t == nullptr) return {};
    x.type = name == "new" ? store_->Pointer(t) : t;
    return x;
  }
  if (name == "append") {
    if (call->args.empty()) return {};
    Operand s = Expr(call->args[0], scope);
    const Type* core = s.ok() ? CoreType(s.type) : nullptr;
    const Type* elem = core != nullptr && core->kind == TypeKind::kSlice ? core->elem : nullptr;
    for (size_t i = 1; i < call->args.size; ++i) {
      Operand a = Expr(call->args[i], scope, call->ellipsis == kNoPos ? elem : nullptr);
      // append(b, s...) with a constant string s leaves s untyped.
      if (call->ellipsis == kNoPos && elem != nullptr) Assign(&a, elem);
    }
    if (!s.ok() || IsUntyped(s.type)) return {};
    x.type = s.type;
    return x;
  }
  if (name == "len" || name == "cap") {
    // The argument keeps its type (len("abc") leaves "abc" untyped).
    std::vector<Operand> a = args(0);
    if (a.size() != 1 || !a[0].ok()) return {};
    x.type = Basic(BasicKind::kInt);
    const Type* u = Under(a[0].type);
    if (u->kind == TypeKind::kPointer) u = Under(u->elem);
    if (u->kind == TypeKind::kArray) {
      x.value = {true, u->len};
      // Constant unless the operand involves a call or a receive; calls
      // are rare here, so an array length is taken as constant.
      x.mode = Mode::kConstant;
    } else if (a[0].mode == Mode::kConstant) {
      x.mode = Mode::kConstant;
      if (a[0].value.str_len >= 0) x.value = {true, a[0].value.str_len};
    }
    return x;
  }
  if (name == "copy") {
    args(0);
    x.type = Basic(BasicKind::kInt);
    return x;
  }
  if (name == "delete") {
    if (call->args.size != 2) {
      args(0);
      return {};
    }
    Operand m = Expr(call->args[0], scope);
    const Type* core = m.ok() ? CoreType(m.type) : nullptr;
    const Type* key = core != nullptr && core->kind == TypeKind::kMap ? core->key : nullptr;
    Operand k = Expr(call->args[1], scope, key);
    if (key != nullptr) Assign(&k, key);
    x.mode = Mode::kNoValue;
    x.type = store_->Tuple({});
    return x;
  }
  if (name == "close" || name == "clear" || name == "panic" || name == "print" ||
      name == "println") {
    for (Operand& a : args(0)) Convert(&a, nullptr);
    x.mode = Mode::kNoValue;
    x.type = store_->Tuple({});
    return x;
  }
  if (name == "recover") {
    args(0);
    x.type = store_->EmptyInterface();
    return x;
  }
  if (name == "complex") {
    std::vector<Operand> a = args(0);
    if (a.size() != 2 || !a[0].ok() || !a[1].ok()) return {};
    if (IsUntyped(a[0].type) && !IsUntyped(a[1].type)) Convert(&a[0], a[1].type);
    if (IsUntyped(a[1].type) && !IsUntyped(a[0].type)) Convert(&a[1], a[0].type);
    if (IsUntyped(a[0].type) && IsUntyped(a[1].type)) {
      Convert(&a[0], Basic(BasicKind::kUntypedFloat));
      Convert(&a[1], Basic(BasicKind::kUntypedFloat));
      x.type = Basic(BasicKind::kUntypedComplex);
      x.mode = a[0].mode == Mode::kConstant && a[1].mode == Mode::kConstant ? Mode::kConstant
                                                                            : Mode::kValue;
      return x;
    }
    const Type* u = Under(a[0].type);
    if (u->kind != TypeKind::kBasic) return {};
    x.type =
        Basic(u->basic == BasicKind::kFloat32 ? BasicKind::kComplex64 : BasicKind::kComplex128);
    if (a[0].mode == Mode::kConstant && a[1].mode == Mode::kConstant) x.mode = Mode::kConstant;
    return x;
  }
  if (name == "real" || name == "imag") {
    std::vector<Operand> a = args(0);
    if (a.size() != 1 || !a[0].ok()) return {};
    if (IsUntyped(a[0].type)) {
      Convert(&a[0], Basic(BasicKind::kUntypedComplex));
      x.type = Basic(BasicKind::kUntypedFloat);
    } else {
      const Type* u = Under(a[0].type);
      if (u->kind != TypeKind::kBasic) return {};
      x.type = Basic(u->basic == BasicKind::kComplex64 ? BasicKind::kFloat32 : BasicKind::kFloat64);
    }
    if (a[0].mode == Mode::kConstant) x.mode = Mode::kConstant;
    return x;
  }
  if (name == "min" || name == "max") {
    std::vector<Operand> a = args(0);
    const Type* typed = nullptr;
    for (const Operand& o : a) {
      if (!o.ok()) return {};
      if (!IsUntyped(o.type)) typed = o.type;
    }
    if (a.empty()) return {};
    x.type = typed != nullptr ? typed : a[0].type;
    for (Operand& o : a) {
      if (typed != nullptr) Convert(&o, typed);
    }
    return x;
  }
  // unsafe's functions.
  if (name == "Sizeof" || name == "Alignof" || name == "Offsetof") {
    std::vector<Operand> a = args(0);
    for (Operand& o : a) Convert(&o, nullptr);
    x.mode = Mode::kConstant;
    x.type = Basic(BasicKind::kUintptr);
    if (a.size() == 1 && a[0].ok() && name != "Offsetof") {
      int64_t v = name == "Sizeof" ? SizeOf(a[0].type) : AlignOf(a[0].type);
      if (v >= 0) x.value = {true, v};
    }
    return x;
  }
  if (name == "Add") {
    std::vector<Operand> a = args(0);
    if (a.size() == 2) Convert(&a[1], Basic(BasicKind::kInt));
    x.type = Basic(BasicKind::kUnsafePointer);
    return x;
  }
  if (name == "Slice") {
    std::vector<Operand> a = args(0);
    if (a.size() != 2 || !a[0].ok()) return {};
    Convert(&a[1], Basic(BasicKind::kInt));
    const Type* p = Under(a[0].type);
    if (p->kind != TypeKind::kPointer) return {};
    x.type = store_->Slice(p->elem);
    return x;
  }
  if (name == "String") {
    std::vector<Operand> a = args(0);
    if (a.size() == 2) Convert(&a[1], Basic(BasicKind::kInt));
    x.type = Basic(BasicKind::kString);
    return x;
  }
  if (name == "StringData" || name == "SliceData") {
    std::vector<Operand> a = args(0);
    if (a.size() != 1 || !a[0].ok()) return {};
    if (name == "StringData") {
      Convert(&a[0], Basic(BasicKind::kString));
      x.type = store_->Pointer(Basic(BasicKind::kByte));
    } else {
      const Type* s = Under(a[0].type);
      if (s->kind != TypeKind::kSlice) return {};
      x.type = store_->Pointer(s->elem);
    }
    return x;
  }
  args(0);
  return {};
}

// go/types records a non-constant built-in call's signature on the
// function expression; of those, only unsafe's are selectors and dumped.
void Checker::RecordBuiltinSignature(const CallExpr* call, const Operand& result) {
  if (!bodies_ || !result.ok() || result.mode == Mode::kConstant) return;
  if (!call->fun->Is<SelectorExpr>()) return;
  std::vector<Var> params;
  for (const Node* a : call->args) {
    auto it = info_->types.find(a);
    if (it == info_->types.end() || it->second.type == nullptr) return;
    params.emplace_back("", it->second.type);
  }
  std::vector<Var> results;
  if (result.mode != Mode::kNoValue) results.emplace_back("", result.type);
  info_->types[call->fun] = {Mode::kBuiltin,
                             store_->Signature(std::move(params), std::move(results), false)};
}

// Sizes as go/types' StdSizes for gc on 64-bit targets (Go 1.19: structs
// get no trailing padding); -1 when unknown.
int64_t Checker::AlignOf(const Type* t) {
  const Type* u = Under(t);
  if (u == nullptr) return -1;
  switch (u->kind) {
    case TypeKind::kArray:
      return AlignOf(u->elem);
    case TypeKind::kStruct: {
      int64_t a = 1;
      for (const Var& f : u->fields) {
        int64_t fa = AlignOf(f.type);
        if (fa < 0) return -1;
        a = std::max(a, fa);
      }
      return a;
    }
    case TypeKind::kSlice:
    case TypeKind::kInterface:
      return 8;
    case TypeKind::kBasic: {
      if (u->basic == BasicKind::kString) return 8;
      int64_t s = SizeOf(u);
      if (s < 0) return -1;
      if (u->basic == BasicKind::kComplex64 || u->basic == BasicKind::kComplex128) s /= 2;
      return std::clamp<int64_t>(s, 1, 8);
    }
    default: {
      int64_t s = SizeOf(u);
      return s < 0 ? -1 : std::clamp<int64_t>(s, 1, 8);
    }
  }
}

int64_t Checker::SizeOf(const Type* t) {
  const Type* u = Under(t);
  if (u == nullptr) return -1;
  switch (u->kind) {
    case TypeKind::kBasic:
      switch (CanonicalBasic(u->basic)) {
        case BasicKind::kBool:
        case BasicKind::kInt8:
        case BasicKind::kUint8:
          return 1;
        case BasicKind::kInt16:
        case BasicKind::kUint16:
          return 2;
        case BasicKind::kInt32:
        case BasicKind::kUint32:
        case BasicKind::kFloat32:
          return 4;
        case BasicKind::kComplex128:
          return 16;
        case BasicKind::kString:
          return 16;
        case BasicKind::kInvalid:
          return -1;
        default:
          return 8;
      }
    case TypeKind::kArray: {
      if (u->len <= 0) return 0;
      int64_t z = SizeOf(u->elem), a = AlignOf(u->elem);
      if (z < 0 || a <= 0) return -1;
      return (z + a - 1) / a * a * (u->len - 1) + z;
    }
    case TypeKind::kSlice:
      return 24;
    case TypeKind::kInterface:
      return 16;
    case TypeKind::kStruct: {
      int64_t offset = 0, last = 0;
      for (const Var& f : u->fields) {
        int64_t a = AlignOf(f.type), z = SizeOf(f.type);
        if (a <= 0 || z < 0) return -1;
        offset = (offset + a - 1) / a * a;
        last = offset;
        offset += z;
      }
      return u->fields.empty() ? 0 : last + SizeOf(u->fields.back().type);
    }
    case TypeKind::kTypeParam:
    case TypeKind::kTuple:
    case TypeKind::kNamed:
      return -1;
    default:
      return 8;  // pointers, maps, channels, functions
  }
}

Operand Checker::Index(const Node* e, const Scope* scope) {
  const Node* xe = e->Is<IndexExpr>() ? e->As<IndexExpr>()->x : e->As<IndexListExpr>()->x;
  Operand x = RawExpr(xe, scope, nullptr, false);
  std::vector<const Node*> indices;
  if (const IndexExpr* ix = e->DynAs<IndexExpr>()) {
    indices.push_back(ix->index);
  } else {
    for (const Node* i : e->As<IndexListExpr>()->indices) indices.push_back(i);
  }
  if (x.mode == Mode::kType) {
    // Instantiation of a generic type: the whole expression is a type.
    std::vector<const Type*> args;
    for (const Node* i : indices) args.push_back(TypeOf(i, scope));
    if (x.type->kind != TypeKind::kNamed || x.type->type_params.size() != args.size()) return {};
    for (const Type* a : args) {
      if (a == nullptr) return {};
    }
    Operand r;
    r.mode = Mode::kType;
    r.type = Instantiate(x.type, std::move(args));
    return r;
  }
  if (!x.ok()) {
    for (const Node* i : indices) UseExpr(i, scope);
    return {};
  }
  if (x.type->kind == TypeKind::kSignature && !x.type->type_params.empty()) {
    // Explicit instantiation of a generic function: f[int].
    std::vector<const Type*> args;
    for (const Node* i : indices) args.push_back(TypeOf(i, scope));
    if (args.size() != x.type->type_params.size()) return {};
    for (const Type* a : args) {
      if (a == nullptr) return {};
    }
    Type plain = *x.type;
    const Type* generic = store_->Signature(plain.fields, plain.results, plain.variadic);
    Operand r;
    r.mode = Mode::kValue;
    r.type = Subst(store_, generic, x.type->type_params, args);
    return r;
  }
  if (indices.size() != 1) return {};
  const Type* u = CoreType(x.type);
  Operand r;
  if (u != nullptr && u->kind == TypeKind::kMap) {
    Operand k = Expr(indices[0], scope, u->key);
    Assign(&k, u->key);
    r.mode = Mode::kMapIndex;
    r.type = u->elem;
    return r;
  }
  Operand i = Expr(indices[0], scope);
  Convert(&i, Basic(BasicKind::kInt));
  if (u == nullptr) return {};
  switch (u->kind) {
    case TypeKind::kBasic:
      if (u->basic != BasicKind::kString && u->basic != BasicKind::kUntypedString) return {};
      r.mode =
          x.mode == Mode::kConstant && i.mode == Mode::kConstant ? Mode::kConstant : Mode::kValue;
      r.type = Basic(BasicKind::kByte);
      return r;
    case TypeKind::kArray:
      r.mode = x.mode == Mode::kVariable ? Mode::kVariable : Mode::kValue;
      r.type = u->elem;
      return r;
    case TypeKind::kSlice:
      r.mode = Mode::kVariable;
      r.type = u->elem;
      return r;
    case TypeKind::kPointer: {
      const Type* a = Under(u->elem);
      if (a->kind != TypeKind::kArray) return {};
      r.mode = Mode::kVariable;
      r.type = a->elem;
      return r;
    }
    default:
      return {};
  }
}

}  // namespace mw::sema

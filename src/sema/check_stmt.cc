// Statements and function bodies: scopes as go/types opens them, local
// declarations, assignments (including `v, ok :=` forms), range variables
// and type switches.
#include "sema/checker.h"

namespace mw::sema {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout

Object* Checker::DeclareVar(const syntax::Ident* id, const Type* t, Scope* scope) {
  Object* o = pool_.New(ObjectKind::kVar, std::string(id->name));
  o->type = t;
  o->pos = id->name_pos;
  o->resolved = true;
  scope->Insert(o);
  if (bodies_) info_->defs[id] = o;
  return o;
}

// Labels of a function body (not of function literals in it), which are in
// scope in the whole body.
static void CollectLabels(const Node* n, ObjectPool* pool, Info* info, bool record,
                          std::unordered_map<std::string_view, Object*>* labels) {
  if (n == nullptr || n->Is<syntax::FuncLit>()) return;
  if (const LabeledStmt* l = n->DynAs<LabeledStmt>()) {
    Object* o = pool->New(ObjectKind::kLabel, std::string(l->label->name));
    o->pos = l->label->name_pos;
    o->decl = l;
    if (labels->emplace(l->label->name, o).second && record) info->defs[l->label] = o;
  }
  // Only statements hold labels; expressions need not be searched.
  switch (n->kind) {
    case NodeKind::kBlockStmt:
      for (const Node* s : n->As<BlockStmt>()->list) CollectLabels(s, pool, info, record, labels);
      break;
    case NodeKind::kLabeledStmt:
      CollectLabels(n->As<LabeledStmt>()->stmt, pool, info, record, labels);
      break;
    case NodeKind::kIfStmt:
      CollectLabels(n->As<IfStmt>()->body, pool, info, record, labels);
      CollectLabels(n->As<IfStmt>()->else_stmt, pool, info, record, labels);
      break;
    case NodeKind::kForStmt:
      CollectLabels(n->As<ForStmt>()->body, pool, info, record, labels);
      break;
    case NodeKind::kRangeStmt:
      CollectLabels(n->As<syntax::RangeStmt>()->body, pool, info, record, labels);
      break;
    case NodeKind::kSwitchStmt:
      CollectLabels(n->As<SwitchStmt>()->body, pool, info, record, labels);
      break;
    case NodeKind::kTypeSwitchStmt:
      CollectLabels(n->As<TypeSwitchStmt>()->body, pool, info, record, labels);
      break;
    case NodeKind::kSelectStmt:
      CollectLabels(n->As<SelectStmt>()->body, pool, info, record, labels);
      break;
    case NodeKind::kCaseClause:
      for (const Node* s : n->As<CaseClause>()->body) CollectLabels(s, pool, info, record, labels);
      break;
    case NodeKind::kCommClause:
      for (const Node* s : n->As<CommClause>()->body) CollectLabels(s, pool, info, record, labels);
      break;
    default:
      break;
  }
}

void Checker::FuncBody(const Type* sig, const BlockStmt* body, Scope* scope) {
  if (body == nullptr) return;
  result_stack_.push_back(sig);
  label_stack_.emplace_back();
  // Most bodies have no labels, and the walk for them was 1% of the run.
  if (body->has_labels) CollectLabels(body, &pool_, info_, bodies_, &label_stack_.back());
  Stmts(body->list, scope);
  label_stack_.pop_back();
  result_stack_.pop_back();
}

void Checker::Stmts(const List<Node>& list, Scope* scope) {
  for (const Node* s : list) Stmt(s, scope);
}

// Records the (T, bool) type of a comma-ok expression, and of its parentheses.
static void RecordCommaOk(Info* info, TypeStore* store, const Node* e, const Type* t) {
  const Type* tuple = store->Tuple({Var("", t), Var("", store->Basic(BasicKind::kBool))});
  for (;;) {
    auto it = info->types.find(e);
    if (it != info->types.end()) it->second.type = tuple;
    const ParenExpr* p = e->DynAs<ParenExpr>();
    if (p == nullptr) break;
    e = p->x;
  }
}

// The values of one expression assigned to `wanted` names: a call's
// results, or a comma-ok form (v, ok := m[k], x.(T), <-ch) whose second
// value has type `ok_type` (untyped bool in assignments, bool in var specs).
Operands Checker::MultiValues(const Node* e, size_t wanted, const Type* hint, const Type* ok_type,
                              const Scope* scope, bool* comma_ok) {
  Operands values;
  Operand v = RawExpr(e, scope, hint, true);
  if (wanted == 2 && (v.mode == Mode::kCommaOk || v.mode == Mode::kMapIndex)) {
    *comma_ok = true;
    RecordCommaOk(info_, store_, e, v.type);
    values.push_back(v);
    Operand ok;
    ok.mode = Mode::kValue;
    ok.type = ok_type;
    values.push_back(ok);
    return values;
  }
  for (const Type* t : Values(v)) {
    Operand o;
    o.mode = Mode::kValue;
    o.type = t;
    values.push_back(o);
  }
  return values;
}

void Checker::AssignStmt(const syntax::AssignStmt* a, Scope* scope) {
  const bool define = a->tok == Token::kDefine;
  if (a->tok != Token::kDefine && a->tok != Token::kAssign) {
    // x op= y: a binary operation whose result is assigned to x.
    if (a->lhs.size != 1 || a->rhs.size != 1) return;
    Operand x = Expr(a->lhs[0], scope);
    Operand y = Expr(a->rhs[0], scope, x.ok() ? x.type : nullptr);
    if (!x.ok() || !y.ok()) return;
    if (a->tok == Token::kShlAssign || a->tok == Token::kShrAssign) {
      if (IsUntyped(y.type)) {
        Convert(&y, y.mode == Mode::kConstant ? Basic(BasicKind::kUntypedInt)
                                              : Basic(BasicKind::kUint));
      }
    } else {
      Convert(&y, x.type);
    }
    return;
  }
  // The right-hand side's values, with comma-ok forms when two are wanted.
  Operands values;
  bool comma_ok = false;
  if (a->rhs.size == 1 && a->lhs.size > 1) {
    values = MultiValues(a->rhs[0], a->lhs.size, nullptr, Basic(BasicKind::kUntypedBool), scope,
                         &comma_ok);
  }
  if (define) {
    if (values.empty()) {
      for (const Node* r : a->rhs) values.push_back(Expr(r, scope));
    }
    struct Fresh {
      const syntax::Ident* id;
      const Type* type;
    };
    SmallVector<Fresh, 4> fresh;
    for (size_t i = 0; i < a->lhs.size; ++i) {
      const syntax::Ident* id = a->lhs[i]->DynAs<syntax::Ident>();
      Operand* v = i < values.size() ? &values[i] : nullptr;
      Object* existing = id != nullptr && id->name != "_" ? scope->LookupLocal(id->name) : nullptr;
      if (existing != nullptr) {
        // Redeclared: a use of the existing variable, assigned the value.
        if (bodies_) info_->uses[id] = existing;
        if (v != nullptr && !comma_ok) Assign(v, existing->type);
        continue;
      }
      if (v != nullptr && !(comma_ok && i == 0)) Convert(v, nullptr);
      if (id != nullptr) fresh.push_back({id, v != nullptr && v->ok() ? v->type : nullptr});
    }
    // The new variables are in scope after the statement.
    for (const auto& [id, t] : fresh) {
      const Type* vt = t;
      if (comma_ok && vt != nullptr && IsUntyped(vt)) vt = Default(vt);
      DeclareVar(id, vt, scope);
    }
    return;
  }
  TypeList targets;
  for (const Node* l : a->lhs) {
    const syntax::Ident* id = l->DynAs<syntax::Ident>();
    if (id != nullptr && id->name == "_") {
      targets.push_back(nullptr);
      continue;
    }
    Operand x = Expr(l, scope);
    targets.push_back(x.ok() ? x.type : nullptr);
  }
  if (values.empty()) {
    for (size_t i = 0; i < a->rhs.size; ++i) {
      const Type* t = i < targets.size() ? targets[i] : nullptr;
      Operand v = Expr(a->rhs[i], scope, t);
      if (t != nullptr) {
        Assign(&v, t);
      } else {
        Convert(&v, nullptr);
      }
    }
  } else if (comma_ok && targets.size() == 2 && targets[1] != nullptr) {
    Assign(&values[1], targets[1]);
  }
}

void Checker::RangeStmt(const syntax::RangeStmt* r, Scope* scope) {
  Operand x = Expr(r->x, scope);  // a constant string keeps its untyped type
  const Type* key = nullptr;
  const Type* value = nullptr;
  if (x.ok()) {
    const Type* u = CoreType(x.type);
    if (u != nullptr && u->kind == TypeKind::kPointer) {
      const Type* a = Under(u->elem);
      if (a->kind == TypeKind::kArray) u = a;
    }
    if (u != nullptr) {
      switch (u->kind) {
        case TypeKind::kBasic:
          if (u->basic == BasicKind::kString || u->basic == BasicKind::kUntypedString) {
            key = Basic(BasicKind::kInt);
            value = Basic(BasicKind::kRune);
          } else if (u->basic >= BasicKind::kInt && u->basic <= BasicKind::kUintptr) {
            key = x.type;  // range over an integer
          }
          break;
        case TypeKind::kArray:
        case TypeKind::kSlice:
          key = Basic(BasicKind::kInt);
          value = u->elem;
          break;
        case TypeKind::kMap:
          key = u->key;
          value = u->elem;
          break;
        case TypeKind::kChan:
          key = u->elem;
          break;
        default:
          break;
      }
    }
  }
  Scope* rs = NewScope(scope);
  if (r->tok == Token::kDefine) {
    for (auto [e, t] : {std::pair{r->key, key}, std::pair{r->value, value}}) {
      if (e == nullptr) continue;
      if (const syntax::Ident* id = e->DynAs<syntax::Ident>()) DeclareVar(id, t, rs);
    }
  } else {
    for (const Node* e : {r->key, r->value}) {
      if (e == nullptr) continue;
      const syntax::Ident* id = e->DynAs<syntax::Ident>();
      if (id != nullptr && id->name == "_") continue;
      Expr(e, scope);
    }
  }
  Stmt(r->body, rs);
}

void Checker::TypeSwitch(const TypeSwitchStmt* s, Scope* scope) {
  Scope* ss = NewScope(scope);
  Stmt(s->init, ss);
  const syntax::Ident* bound = nullptr;
  const Node* guard = nullptr;
  if (const syntax::AssignStmt* a = s->assign->DynAs<syntax::AssignStmt>()) {
    if (!a->lhs.empty()) bound = a->lhs[0]->DynAs<syntax::Ident>();
    if (!a->rhs.empty()) guard = a->rhs[0];
  } else if (const ExprStmt* es = s->assign->DynAs<ExprStmt>()) {
    guard = es->x;
  }
  const Type* xt = nullptr;
  if (const TypeAssertExpr* ta = guard != nullptr ? guard->DynAs<TypeAssertExpr>() : nullptr) {
    Operand x = Expr(ta->x, ss);
    if (x.ok()) xt = x.type;
  }
  for (const Node* c : s->body->list) {
    const CaseClause* cc = c->DynAs<CaseClause>();
    if (cc == nullptr) continue;
    const Type* single = nullptr;
    for (const Node* t : cc->list) {
      const syntax::Ident* id = t->DynAs<syntax::Ident>();
      Object* o = id != nullptr ? ss->Lookup(id->name) : nullptr;
      if (o != nullptr && o->kind == ObjectKind::kNil) {
        if (bodies_) info_->uses[id] = o;
        Operand n;
        n.mode = Mode::kValue;
        n.type = o->type;
        n.expr = t;
        Record(n);
        continue;
      }
      single = TypeOf(t, ss);
    }
    Scope* cs = NewScope(ss);
    if (bound != nullptr) {
      const bool one = cc->list.size == 1 && single != nullptr;
      Object* v = pool_.New(ObjectKind::kVar, std::string(bound->name));
      v->type = one ? single : xt;
      v->resolved = true;
      cs->Insert(v);
    }
    Stmts(cc->body, cs);
  }
}

void Checker::ValueSpec(const syntax::ValueSpec* vs, bool is_const,
                        const syntax::ValueSpec* last_values, int64_t iota, Scope* scope) {
  const syntax::ValueSpec* src = is_const ? last_values : vs;
  const Type* declared =
      src != nullptr && src->type != nullptr ? TypeOf(src->type, scope) : nullptr;
  Operands values;
  const int64_t saved_iota = iota_;
  if (is_const) iota_ = iota;
  if (src != nullptr && src->values.size == 1 && vs->names.size > 1 && !is_const) {
    bool comma_ok = false;
    values = MultiValues(src->values[0], vs->names.size, declared, Basic(BasicKind::kBool), scope,
                         &comma_ok);
  } else if (src != nullptr) {
    for (const Node* e : src->values) {
      Operand v = Expr(e, scope, declared);
      if (declared != nullptr) {
        Assign(&v, declared);
      } else if (!is_const) {
        Convert(&v, nullptr);
      }
      values.push_back(v);
    }
  }
  iota_ = saved_iota;
  for (size_t i = 0; i < vs->names.size; ++i) {
    const syntax::Ident* id = vs->names[i];
    const Type* t = declared;
    if (t == nullptr && i < values.size() && values[i].ok()) t = values[i].type;
    Object* o = pool_.New(is_const ? ObjectKind::kConst : ObjectKind::kVar, std::string(id->name));
    o->type = t;
    o->pos = id->name_pos;
    o->resolved = true;
    if (is_const && i < values.size()) o->value = values[i].value;
    scope->Insert(o);
    if (bodies_) info_->defs[id] = o;
  }
}

void Checker::LocalDecl(const GenDecl* g, Scope* scope) {
  const syntax::ValueSpec* last_values = nullptr;
  int64_t iota = 0;
  for (const Node* s : g->specs) {
    if (const TypeSpec* ts = s->DynAs<TypeSpec>()) {
      // A local type is in scope from its own name on.
      Object* o = pool_.New(ObjectKind::kTypeName, std::string(ts->name->name));
      o->decl = ts;
      o->pos = ts->name->name_pos;
      o->is_alias = ts->assign != kNoPos;
      o->pkg = pkg_;
      o->scope = scope;
      scope->Insert(o);
      if (bodies_) info_->defs[ts->name] = o;
      NamedOf(o);
    } else if (const syntax::ValueSpec* vs = s->DynAs<syntax::ValueSpec>()) {
      const bool is_const = g->tok == Token::kConst;
      if (is_const && (vs->type != nullptr || !vs->values.empty())) last_values = vs;
      ValueSpec(vs, is_const, last_values, iota, scope);
      ++iota;
    }
  }
}

void Checker::Stmt(const Node* s, Scope* scope) {
  if (s == nullptr) return;
  switch (s->kind) {
    case NodeKind::kDeclStmt:
      if (const GenDecl* g = s->As<DeclStmt>()->decl->DynAs<GenDecl>()) LocalDecl(g, scope);
      return;
    case NodeKind::kLabeledStmt:
      Stmt(s->As<LabeledStmt>()->stmt, scope);
      return;
    case NodeKind::kExprStmt:
      RawExpr(s->As<ExprStmt>()->x, scope, nullptr, true);
      return;
    case NodeKind::kSendStmt: {
      Operand ch = Expr(s->As<SendStmt>()->chan, scope);
      const Type* u = ch.ok() ? CoreType(ch.type) : nullptr;
      const Type* elem = u != nullptr && u->kind == TypeKind::kChan ? u->elem : nullptr;
      Operand v = Expr(s->As<SendStmt>()->value, scope, elem);
      if (elem != nullptr) Assign(&v, elem);
      return;
    }
    case NodeKind::kIncDecStmt:
      Expr(s->As<IncDecStmt>()->x, scope);
      return;
    case NodeKind::kAssignStmt:
      AssignStmt(s->As<syntax::AssignStmt>(), scope);
      return;
    case NodeKind::kGoStmt:
      RawExpr(s->As<GoStmt>()->call, scope, nullptr, true);
      return;
    case NodeKind::kDeferStmt:
      RawExpr(s->As<DeferStmt>()->call, scope, nullptr, true);
      return;
    case NodeKind::kReturnStmt: {
      const ReturnStmt* r = s->As<ReturnStmt>();
      const Type* sig = result_stack_.empty() ? nullptr : result_stack_.back();
      if (sig != nullptr && r->results.size == 1 && sig->results.size() > 1) {
        RawExpr(r->results[0], scope, nullptr, true);
        return;
      }
      for (size_t i = 0; i < r->results.size; ++i) {
        const Type* t = sig != nullptr && i < sig->results.size() ? sig->results[i].type : nullptr;
        Operand v = Expr(r->results[i], scope, t);
        if (t != nullptr) Assign(&v, t);
      }
      return;
    }
    case NodeKind::kBlockStmt:
      Stmts(s->As<BlockStmt>()->list, NewScope(scope));
      return;
    case NodeKind::kIfStmt: {
      const IfStmt* i = s->As<IfStmt>();
      Scope* is = NewScope(scope);
      Stmt(i->init, is);
      Expr(i->cond, is);  // an untyped condition stays untyped, as in go/types
      Stmt(i->body, is);
      Stmt(i->else_stmt, is);
      return;
    }
    case NodeKind::kSwitchStmt: {
      const SwitchStmt* sw = s->As<SwitchStmt>();
      Scope* ss = NewScope(scope);
      Stmt(sw->init, ss);
      const Type* tag_type = Basic(BasicKind::kBool);
      if (sw->tag != nullptr) {
        Operand tag = Expr(sw->tag, ss);
        Convert(&tag, nullptr);
        tag_type = tag.ok() ? tag.type : nullptr;
      }
      for (const Node* c : sw->body->list) {
        const CaseClause* cc = c->DynAs<CaseClause>();
        if (cc == nullptr) continue;
        for (const Node* e : cc->list) {
          Operand v = Expr(e, ss);
          if (tag_type == nullptr) continue;
          Convert(&v, tag_type);
          Convert(&v, nullptr);
        }
        Stmts(cc->body, NewScope(ss));
      }
      return;
    }
    case NodeKind::kTypeSwitchStmt:
      TypeSwitch(s->As<TypeSwitchStmt>(), scope);
      return;
    case NodeKind::kSelectStmt:
      for (const Node* c : s->As<SelectStmt>()->body->list) {
        const CommClause* cc = c->DynAs<CommClause>();
        if (cc == nullptr) continue;
        Scope* cs = NewScope(scope);
        Stmt(cc->comm, cs);
        Stmts(cc->body, cs);
      }
      return;
    case NodeKind::kForStmt: {
      const ForStmt* f = s->As<ForStmt>();
      Scope* fs = NewScope(scope);
      Stmt(f->init, fs);
      if (f->cond != nullptr) Expr(f->cond, fs);
      Stmt(f->post, fs);
      Stmt(f->body, fs);
      return;
    }
    case NodeKind::kRangeStmt:
      RangeStmt(s->As<syntax::RangeStmt>(), scope);
      return;
    case NodeKind::kBranchStmt: {
      const BranchStmt* b = s->As<BranchStmt>();
      if (b->label == nullptr || label_stack_.empty() || !bodies_) return;
      auto it = label_stack_.back().find(b->label->name);
      if (it != label_stack_.back().end()) info_->uses[b->label] = it->second;
      return;
    }
    default:
      return;  // empty and bad statements
  }
}

}  // namespace mw::sema

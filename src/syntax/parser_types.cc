// Types: type names and instances, array, struct, pointer, function,
// interface, map and channel types, and parameter lists with type
// parameters.
#include "syntax/parser_internal.h"

namespace mw::syntax::internal {

// Type = TypeName [ TypeArgs ] | TypeLit | "(" Type ")" .
Expr* Parser::ParseType() {
  Expr* typ = TryIdentOrType();
  if (typ == nullptr) {
    const Pos pos = pos_;
    ErrorExpected(pos, "type");
    Advance(TokenSet::kExprEnd);
    return NewBadExpr(pos, pos_);
  }
  return typ;
}

// QualifiedIdent = PackageName "." identifier [ TypeArgs ] .
Expr* Parser::ParseQualifiedIdent(Ident* ident) {
  Expr* typ = ParseTypeName(ident);
  if (tok_ == Token::kLBrack) typ = ParseTypeInstance(typ);
  return typ;
}

// TypeName = identifier | PackageName "." identifier .
Expr* Parser::ParseTypeName(Ident* ident) {
  if (ident == nullptr) ident = ParseIdent();
  if (tok_ == Token::kPeriod) {
    // ident is a package name.
    Next();
    SelectorExpr* s = New<SelectorExpr>();
    s->x = ident;
    s->sel = ParseIdent();
    return s;
  }
  return ident;
}

// ArrayType = "[" ArrayLength "]" ElementType . (the "[" is consumed)
// "len" is the already parsed length, or null.
ArrayType* Parser::ParseArrayType(Pos lbrack, Expr* len) {
  if (len == nullptr) {
    ++expr_lev_;
    // Always permit ellipsis for more fault-tolerant parsing.
    if (tok_ == Token::kEllipsis) {
      Ellipsis* e = New<Ellipsis>();
      e->ellipsis = pos_;
      len = e;
      Next();
    } else if (tok_ != Token::kRBrack) {
      len = ParseRhs();
    }
    --expr_lev_;
  }
  if (tok_ == Token::kComma) {
    // Trailing commas are accepted in type parameter lists but not in
    // array type declarations.
    Error(pos_, "unexpected comma; expecting ]");
    Next();
  }
  Expect(Token::kRBrack);
  ArrayType* a = New<ArrayType>();
  a->lbrack = lbrack;
  a->len = len;
  a->elt = ParseType();
  return a;
}

// After "x [": an array field type "x [N]T", or a type instance "x[T]".
std::pair<Ident*, Expr*> Parser::ParseArrayFieldOrTypeInstance(Ident* x) {
  const Pos lbrack = Expect(Token::kLBrack);
  SmallVector<Expr*> args;
  if (tok_ != Token::kRBrack) {
    ++expr_lev_;
    args.push_back(ParseRhsOrType());
    while (tok_ == Token::kComma) {
      Next();
      args.push_back(ParseRhsOrType());
    }
    --expr_lev_;
  }
  const Pos rbrack = Expect(Token::kRBrack);
  if (args.empty()) {
    // x []E
    ArrayType* a = New<ArrayType>();
    a->lbrack = lbrack;
    a->elt = ParseType();
    return {x, a};
  }
  // x [P]E or x[P]
  if (args.size() == 1) {
    if (Expr* elt = TryIdentOrType()) {
      // x [P]E
      ArrayType* a = New<ArrayType>();
      a->lbrack = lbrack;
      a->len = args[0];
      a->elt = elt;
      return {x, a};
    }
  }
  // x[P], x[P1, P2], ...
  return {nullptr, PackIndexExpr(x, lbrack, args, rbrack)};
}

// FieldDecl = (IdentifierList Type | EmbeddedField) [ Tag ] .
Field* Parser::ParseFieldDecl() {
  CommentGroup* doc = lead_comment_;
  SmallVector<Ident*> names;
  Expr* typ = nullptr;
  if (tok_ == Token::kIdent) {
    Ident* name = ParseIdent();
    if (tok_ == Token::kPeriod || tok_ == Token::kString || tok_ == Token::kSemicolon ||
        tok_ == Token::kRBrace) {
      // An embedded type.
      typ = name;
      if (tok_ == Token::kPeriod) typ = ParseQualifiedIdent(name);
    } else {
      // name1, name2, ... T
      names.push_back(name);
      while (tok_ == Token::kComma) {
        Next();
        names.push_back(ParseIdent());
      }
      // Careful: a type parameter list may follow a single name.
      if (names.size() == 1 && tok_ == Token::kLBrack) {
        auto [n, t] = ParseArrayFieldOrTypeInstance(name);
        typ = t;
        if (n == nullptr) names.clear();
      } else {
        typ = ParseType();
      }
    }
  } else {
    // An embedded, possibly generic type (e.g. *T, (*T), or a.T[P]).
    typ = ParseType();
  }
  BasicLit* tag = nullptr;
  if (tok_ == Token::kString) {
    tag = New<BasicLit>();
    tag->value_pos = pos_;
    tag->kind = tok_;
    tag->value = lit_;
    Next();
  }
  ExpectSemi();  // before reading the line comment
  Field* f = New<Field>();
  f->doc = doc;
  f->names = MakeList(names);
  f->type = typ;
  f->tag = tag;
  f->comment = line_comment_;
  return f;
}

// StructType = "struct" "{" { FieldDecl ";" } "}" .
StructType* Parser::ParseStructType() {
  const Pos pos = Expect(Token::kStruct);
  const Pos lbrace = Expect(Token::kLBrace);
  SmallVector<Field*> list;
  while (tok_ == Token::kIdent || tok_ == Token::kMul || tok_ == Token::kLParen) {
    // A field declaration can't start with a '(' but we accept it for
    // robustness, as go/parser does.
    list.push_back(ParseFieldDecl());
  }
  const Pos rbrace = Expect(Token::kRBrace);
  StructType* s = New<StructType>();
  s->struct_pos = pos;
  s->fields = NewFieldList(lbrace, list, rbrace);
  return s;
}

// PointerType = "*" BaseType .
StarExpr* Parser::ParsePointerType() {
  StarExpr* s = New<StarExpr>();
  s->star = Expect(Token::kMul);
  s->x = ParseType();
  return s;
}

// "..." Type (a variadic parameter).
Ellipsis* Parser::ParseDotsType() {
  Ellipsis* e = New<Ellipsis>();
  e->ellipsis = Expect(Token::kEllipsis);
  e->elt = ParseType();
  return e;
}

// ParameterDecl = [ IdentifierList ] [ "..." ] Type .
ParamField Parser::ParseParamDecl(Ident* name, bool type_sets_ok) {
  ParamField f;
  const Token ptok = tok_;
  if (name != nullptr) {
    tok_ = Token::kIdent;  // force the identifier case below
  } else if (type_sets_ok && tok_ == Token::kTilde) {
    // "~" ...
    f.type = EmbeddedElem(nullptr);
    return f;
  }
  switch (tok_) {
    case Token::kIdent:
      // name
      if (name != nullptr) {
        f.name = name;
        tok_ = ptok;
      } else {
        f.name = ParseIdent();
      }
      switch (tok_) {
        case Token::kIdent:
        case Token::kMul:
        case Token::kArrow:
        case Token::kFunc:
        case Token::kChan:
        case Token::kMap:
        case Token::kStruct:
        case Token::kInterface:
        case Token::kLParen:
          // name type
          f.type = ParseType();
          break;
        case Token::kLBrack: {
          // name "[" type1, ..., typeN "]" or name "[" n "]" type
          auto [n, t] = ParseArrayFieldOrTypeInstance(f.name);
          f.name = n;
          f.type = t;
          break;
        }
        case Token::kEllipsis:
          // name "..." type
          f.type = ParseDotsType();
          return f;  // don't allow ...type "|" ...
        case Token::kPeriod:
          // name "." ...
          f.type = ParseQualifiedIdent(f.name);
          f.name = nullptr;
          break;
        case Token::kTilde:
          if (type_sets_ok) {
            f.type = EmbeddedElem(nullptr);
            return f;
          }
          break;
        case Token::kOr:
          if (type_sets_ok) {
            f.type = EmbeddedElem(f.name);
            f.name = nullptr;
            return f;
          }
          break;
        default:
          break;
      }
      break;
    case Token::kMul:
    case Token::kArrow:
    case Token::kFunc:
    case Token::kLBrack:
    case Token::kChan:
    case Token::kMap:
    case Token::kStruct:
    case Token::kInterface:
    case Token::kLParen:
      // type
      f.type = ParseType();
      break;
    case Token::kEllipsis:
      // "..." type
      f.type = ParseDotsType();
      return f;  // don't allow ...type "|" ...
    default:
      ErrorExpected(pos_, "')'");
      Advance(TokenSet::kExprEnd);
      break;
  }
  // [name] type "|"
  if (type_sets_ok && tok_ == Token::kOr && f.type != nullptr) f.type = EmbeddedElem(f.type);
  return f;
}

// ParameterList = ParameterDecl { "," ParameterDecl } .
// Type parameter lists use it with closing == "]".
SmallVector<Field*> Parser::ParseParameterList(Ident* name0, Expr* typ0, Token closing) {
  const bool tparams = closing == Token::kRBrack;
  const bool type_sets_ok = tparams;
  Pos pos = pos_;
  if (name0 != nullptr) pos = name0->Start();
  SmallVector<ParamField> list;
  int named = 0;  // parameters with an explicit name and type
  while (name0 != nullptr || (tok_ != closing && tok_ != Token::kEOF)) {
    ParamField par;
    if (typ0 != nullptr) {
      if (type_sets_ok) typ0 = EmbeddedElem(typ0);
      par = {name0, typ0};
    } else {
      par = ParseParamDecl(name0, type_sets_ok);
    }
    name0 = nullptr;  // the first name was consumed if present
    typ0 = nullptr;   // the first type was consumed if present
    if (par.name != nullptr || par.type != nullptr) {
      list.push_back(par);
      if (par.name != nullptr && par.type != nullptr) ++named;
    }
    if (!AtComma("parameter list", closing)) break;
    Next();
  }
  SmallVector<Field*> params;
  if (list.empty()) return params;  // not uncommon
  // Distribute parameter types (len(list) > 0).
  if (named == 0) {
    // All unnamed: the "names" are types.
    for (ParamField& par : list) {
      if (par.name != nullptr) {
        par.type = par.name;
        par.name = nullptr;
      }
    }
    if (tparams) Error(pos, "all type parameters must be named");
  } else if (named != static_cast<int>(list.size())) {
    // Some named: every parameter needs a type.
    bool ok = true;
    Expr* typ = nullptr;
    Pos missing_name = pos;
    for (size_t i = list.size(); i-- > 0;) {
      ParamField& par = list[i];
      if (par.type != nullptr) {
        typ = par.type;
        if (par.name == nullptr) {
          ok = false;
          missing_name = par.type->Start();
          par.name = NewIdent(typ->Start(), "_");
        }
      } else if (typ != nullptr) {
        par.type = typ;
      } else {
        // par.type == nullptr && typ == nullptr: we only have a name.
        ok = false;
        missing_name = par.name->Start();
        par.type = NewBadExpr(par.name->Start(), pos_);
      }
    }
    if (!ok) {
      if (tparams) {
        Error(missing_name, "all type parameters must be named");
      } else {
        Error(pos, "mixed named and unnamed parameters");
      }
    }
  }
  // Convert the list to fields.
  if (named == 0) {
    for (const ParamField& par : list) {
      Field* f = New<Field>();
      f->type = par.type;
      params.push_back(f);
    }
    return params;
  }
  // Named parameters: group consecutive names of the same type.
  SmallVector<Ident*> names;
  Expr* typ = nullptr;
  auto add = [&] {
    Field* f = New<Field>();
    f->names = MakeList(names);
    f->type = typ;
    params.push_back(f);
    names.clear();
  };
  for (const ParamField& par : list) {
    if (par.type != typ) {
      if (!names.empty()) add();
      typ = par.type;
    }
    names.push_back(par.name);
  }
  if (!names.empty()) add();
  return params;
}

// Parameters = "(" [ ParameterList [ "," ] ] ")" ; optional "[" TypeParams "]" before.
std::pair<FieldList*, FieldList*> Parser::ParseParameters(bool accept_tparams) {
  FieldList* tparams = nullptr;
  if (accept_tparams && tok_ == Token::kLBrack) {
    const Pos opening = pos_;
    Next();
    // [T any](params) syntax
    SmallVector<Field*> list = ParseParameterList(nullptr, nullptr, Token::kRBrack);
    const Pos rbrack = Expect(Token::kRBrack);
    tparams = NewFieldList(opening, list, rbrack);
    // Type parameter lists must not be empty.
    if (tparams->NumFields() == 0) {
      Error(tparams->closing, "empty type parameter list");
      tparams = nullptr;  // avoid follow-on errors
    }
  }
  const Pos opening = Expect(Token::kLParen);
  SmallVector<Field*> fields;
  if (tok_ != Token::kRParen) fields = ParseParameterList(nullptr, nullptr, Token::kRParen);
  const Pos rparen = Expect(Token::kRParen);
  return {tparams, NewFieldList(opening, fields, rparen)};
}

// Result = Parameters | Type .
FieldList* Parser::ParseResult() {
  if (tok_ == Token::kLParen) return ParseParameters(false).second;
  if (Expr* typ = TryIdentOrType()) {
    Field* f = New<Field>();
    f->type = typ;
    FieldList* l = New<FieldList>();
    l->list = MakeList1(f);
    return l;
  }
  return nullptr;
}

// FunctionType = "func" Signature .
FuncType* Parser::ParseFuncType() {
  const Pos pos = Expect(Token::kFunc);
  auto [tparams, params] = ParseParameters(true);
  if (tparams != nullptr) Error(tparams->Start(), "function type must have no type parameters");
  FuncType* f = New<FuncType>();
  f->func = pos;
  f->params = params;
  f->results = ParseResult();
  return f;
}

// MethodSpec = MethodName Signature | InterfaceTypeName .
Field* Parser::ParseMethodSpec() {
  CommentGroup* doc = lead_comment_;
  SmallVector<Ident*> idents;
  Expr* typ = nullptr;
  Expr* x = ParseTypeName(nullptr);
  if (Ident* ident = x->DynAs<Ident>()) {
    if (tok_ == Token::kLBrack) {
      // Generic method m[T any] or embedded instantiated type T[P].
      const Pos lbrack = pos_;
      Next();
      ++expr_lev_;
      Expr* e = ParseExpr();
      --expr_lev_;
      Ident* name0 = e->DynAs<Ident>();
      if (name0 != nullptr && tok_ != Token::kComma && tok_ != Token::kRBrack) {
        // Generic method m[T any]: interface methods cannot have type
        // parameters; parse them for recovery, then report.
        ParseParameterList(name0, nullptr, Token::kRBrack);
        Expect(Token::kRBrack);
        Error(lbrack, "interface method must have no type parameters");
        auto [unused, params] = ParseParameters(false);
        (void)unused;
        FieldList* results = ParseResult();
        idents.push_back(ident);
        FuncType* ft = New<FuncType>();
        ft->params = params;
        ft->results = results;
        typ = ft;
      } else {
        // Embedded instantiated type.
        SmallVector<Expr*> list{e};
        if (AtComma("type argument list", Token::kRBrack)) {
          ++expr_lev_;
          Next();
          while (tok_ != Token::kRBrack && tok_ != Token::kEOF) {
            list.push_back(ParseType());
            if (!AtComma("type argument list", Token::kRBrack)) break;
            Next();
          }
          --expr_lev_;
        }
        const Pos rbrack = ExpectClosing(Token::kRBrack, "type argument list");
        typ = PackIndexExpr(ident, lbrack, list, rbrack);
      }
    } else if (tok_ == Token::kLParen) {
      // Ordinary method.
      auto [unused, params] = ParseParameters(false);
      (void)unused;
      FieldList* results = ParseResult();
      idents.push_back(ident);
      FuncType* ft = New<FuncType>();
      ft->params = params;
      ft->results = results;
      typ = ft;
    } else {
      // Embedded type.
      typ = x;
    }
  } else {
    // Embedded, possibly instantiated type.
    typ = x;
    if (tok_ == Token::kLBrack) typ = ParseTypeInstance(typ);
  }
  Field* f = New<Field>();
  f->doc = doc;
  f->names = MakeList(idents);
  f->type = typ;
  return f;
}

// TypeElem = TypeTerm { "|" TypeTerm } .
Expr* Parser::EmbeddedElem(Expr* x) {
  if (x == nullptr) x = EmbeddedTerm();
  while (tok_ == Token::kOr) {
    BinaryExpr* t = New<BinaryExpr>();
    t->op_pos = pos_;
    t->op = Token::kOr;
    Next();
    t->x = x;
    t->y = EmbeddedTerm();
    x = t;
  }
  return x;
}

// TypeTerm = Type | UnderlyingType . UnderlyingType = "~" Type .
Expr* Parser::EmbeddedTerm() {
  if (tok_ == Token::kTilde) {
    UnaryExpr* t = New<UnaryExpr>();
    t->op_pos = pos_;
    t->op = Token::kTilde;
    Next();
    t->x = ParseType();
    return t;
  }
  Expr* t = TryIdentOrType();
  if (t == nullptr) {
    const Pos pos = pos_;
    ErrorExpected(pos, "~ term or type");
    Advance(TokenSet::kExprEnd);
    return NewBadExpr(pos, pos_);
  }
  return t;
}

// InterfaceType = "interface" "{" { InterfaceElem ";" } "}" .
InterfaceType* Parser::ParseInterfaceType() {
  const Pos pos = Expect(Token::kInterface);
  const Pos lbrace = Expect(Token::kLBrace);
  SmallVector<Field*> list;
  for (;;) {
    if (tok_ == Token::kIdent) {
      Field* f = ParseMethodSpec();
      if (f->names.empty()) f->type = EmbeddedElem(f->type);
      ExpectSemi();
      f->comment = line_comment_;
      list.push_back(f);
    } else if (tok_ == Token::kTilde) {
      Expr* typ = EmbeddedElem(nullptr);
      ExpectSemi();
      Field* f = New<Field>();
      f->type = typ;
      f->comment = line_comment_;
      list.push_back(f);
    } else if (Expr* t = TryIdentOrType()) {
      Expr* typ = EmbeddedElem(t);
      ExpectSemi();
      Field* f = New<Field>();
      f->type = typ;
      f->comment = line_comment_;
      list.push_back(f);
    } else {
      break;
    }
  }
  const Pos rbrace = Expect(Token::kRBrace);
  InterfaceType* it = New<InterfaceType>();
  it->interface = pos;
  it->methods = NewFieldList(lbrace, list, rbrace);
  return it;
}

// MapType = "map" "[" KeyType "]" ElementType .
MapType* Parser::ParseMapType() {
  MapType* m = New<MapType>();
  m->map = Expect(Token::kMap);
  Expect(Token::kLBrack);
  m->key = ParseType();
  Expect(Token::kRBrack);
  m->value = ParseType();
  return m;
}

// ChannelType = ( "chan" | "chan" "<-" | "<-" "chan" ) ElementType .
ChanType* Parser::ParseChanType() {
  ChanType* c = New<ChanType>();
  c->begin = pos_;
  c->dir = kChanSend | kChanRecv;
  if (tok_ == Token::kChan) {
    Next();
    if (tok_ == Token::kArrow) {
      c->arrow = pos_;
      Next();
      c->dir = kChanSend;
    }
  } else {
    c->arrow = Expect(Token::kArrow);
    Expect(Token::kChan);
    c->dir = kChanRecv;
  }
  c->value = ParseType();
  return c;
}

// TypeArgs = "[" TypeList [ "," ] "]" .
Expr* Parser::ParseTypeInstance(Expr* typ) {
  const Pos opening = Expect(Token::kLBrack);
  ++expr_lev_;
  SmallVector<Expr*> list;
  while (tok_ != Token::kRBrack && tok_ != Token::kEOF) {
    list.push_back(ParseType());
    if (!AtComma("type argument list", Token::kRBrack)) break;
    Next();
  }
  --expr_lev_;
  const Pos closing = ExpectClosing(Token::kRBrack, "type argument list");
  if (list.empty()) {
    ErrorExpected(closing, "type argument list");
    IndexExpr* e = New<IndexExpr>();
    e->x = typ;
    e->lbrack = opening;
    e->index = NewBadExpr(opening + 1, closing);
    e->rbrack = closing;
    return e;
  }
  return PackIndexExpr(typ, opening, list, closing);
}

// A type, or null when the current token cannot start one.
Expr* Parser::TryIdentOrType() {
  NestGuard nest(this);
  switch (tok_) {
    case Token::kIdent: {
      Expr* typ = ParseTypeName(nullptr);
      if (tok_ == Token::kLBrack) typ = ParseTypeInstance(typ);
      return typ;
    }
    case Token::kLBrack: {
      const Pos lbrack = Expect(Token::kLBrack);
      return ParseArrayType(lbrack, nullptr);
    }
    case Token::kStruct:
      return ParseStructType();
    case Token::kMul:
      return ParsePointerType();
    case Token::kFunc:
      return ParseFuncType();
    case Token::kInterface:
      return ParseInterfaceType();
    case Token::kMap:
      return ParseMapType();
    case Token::kChan:
    case Token::kArrow:
      return ParseChanType();
    case Token::kLParen: {
      ParenExpr* p = New<ParenExpr>();
      p->lparen = pos_;
      Next();
      p->x = ParseType();
      p->rparen = Expect(Token::kRParen);
      return p;
    }
    default:
      return nullptr;
  }
}

}  // namespace mw::syntax::internal

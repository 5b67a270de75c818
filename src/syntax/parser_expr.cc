// Expressions: operands, primary expressions (selectors, index, slice,
// calls, composite literals), unary and binary expressions.
#include "syntax/parser_internal.h"

namespace mw::syntax::internal {

Expr* Unparen(Expr* x) {
  while (ParenExpr* p = x->DynAs<ParenExpr>()) x = p->x;
  return x;
}

// StatementList = { Statement ";" } .
SmallVector<Stmt*> Parser::ParseStmtList() {
  SmallVector<Stmt*> list;
  while (tok_ != Token::kCase && tok_ != Token::kDefault && tok_ != Token::kRBrace &&
         tok_ != Token::kEOF) {
    list.push_back(ParseStmt());
  }
  return list;
}

// FunctionBody = Block .
BlockStmt* Parser::ParseBody() {
  BlockStmt* b = New<BlockStmt>();
  const int labels_before = labels_;
  b->lbrace = Expect(Token::kLBrace);
  b->list = MakeList(ParseStmtList());
  b->rbrace = Expect2(Token::kRBrace);
  b->has_labels = labels_ != labels_before;
  return b;
}

// Block = "{" StatementList "}" .
BlockStmt* Parser::ParseBlockStmt() { return ParseBody(); }

// FunctionLit = "func" Signature FunctionBody .
Expr* Parser::ParseFuncTypeOrLit() {
  FuncType* typ = ParseFuncType();
  if (tok_ != Token::kLBrace) return typ;  // a function type only
  ++expr_lev_;
  BlockStmt* body = options_.skip_func_bodies ? SkipBody() : ParseBody();
  --expr_lev_;
  FuncLit* f = New<FuncLit>();
  f->type = typ;
  f->body = body;
  return f;
}

// Operand = Literal | OperandName [ TypeArgs ] | "(" Expression ")" .
// Types are accepted too, for conversions and composite literals.
Expr* Parser::ParseOperand() {
  switch (tok_) {
    case Token::kIdent:
      return ParseIdent();
    case Token::kInt:
    case Token::kFloat:
    case Token::kImag:
    case Token::kChar:
    case Token::kString: {
      BasicLit* x = New<BasicLit>();
      x->value_pos = pos_;
      x->kind = tok_;
      x->value = lit_;
      Next();
      return x;
    }
    case Token::kLParen: {
      ParenExpr* p = New<ParenExpr>();
      p->lparen = pos_;
      Next();
      ++expr_lev_;
      p->x = ParseRhsOrType();  // types may be parenthesized: (some type)
      --expr_lev_;
      p->rparen = Expect(Token::kRParen);
      return p;
    }
    case Token::kFunc:
      return ParseFuncTypeOrLit();
    default:
      break;
  }
  if (Expr* typ = TryIdentOrType()) return typ;  // do not consume trailing type parameters
  // We have an error.
  const Pos pos = pos_;
  ErrorExpected(pos, "operand");
  Advance(TokenSet::kStmtStart);
  return NewBadExpr(pos, pos_);
}

// Selector = "." identifier .
Expr* Parser::ParseSelector(Expr* x) {
  SelectorExpr* s = New<SelectorExpr>();
  s->x = x;
  s->sel = ParseIdent();
  return s;
}

// TypeAssertion = "." "(" Type ")" ; "(type)" in a type switch.
Expr* Parser::ParseTypeAssertion(Expr* x) {
  TypeAssertExpr* t = New<TypeAssertExpr>();
  t->x = x;
  t->lparen = Expect(Token::kLParen);
  if (tok_ == Token::kType) {
    // Type switch: typ == nil.
    Next();
  } else {
    t->type = ParseType();
  }
  t->rparen = Expect(Token::kRParen);
  return t;
}

// Index = "[" Expression "]" . Slice = "[" [Expr] ":" [Expr] [":" Expr] "]" .
// TypeArgs = "[" TypeList "]" .
Expr* Parser::ParseIndexOrSliceOrInstance(Expr* x) {
  const Pos lbrack = Expect(Token::kLBrack);
  if (tok_ == Token::kRBrack) {
    // Empty index, slice or index expressions are not permitted; accept
    // them for parsing tolerance, but complain.
    ErrorExpected(pos_, "operand");
    const Pos rbrack = pos_;
    Next();
    IndexExpr* e = New<IndexExpr>();
    e->x = x;
    e->lbrack = lbrack;
    e->index = NewBadExpr(rbrack, rbrack);
    e->rbrack = rbrack;
    return e;
  }
  ++expr_lev_;
  constexpr int N = 3;  // three-index slices
  SmallVector<Expr*> args;
  Expr* index[N] = {nullptr, nullptr, nullptr};
  Pos colons[N - 1] = {kNoPos, kNoPos};
  if (tok_ != Token::kColon) {
    // We can't know if we have an index expression or a type instantiation;
    // so even if we see a (named) type we are not going to be in type context.
    index[0] = ParseRhsOrType();
  }
  int ncolons = 0;
  switch (tok_) {
    case Token::kColon:
      // Slice expression.
      while (tok_ == Token::kColon && ncolons < N - 1) {
        colons[ncolons] = pos_;
        ++ncolons;
        Next();
        if (tok_ != Token::kColon && tok_ != Token::kRBrack && tok_ != Token::kEOF) {
          index[ncolons] = ParseRhs();
        }
      }
      break;
    case Token::kComma:
      // Instance expression.
      args.push_back(index[0]);
      while (tok_ == Token::kComma) {
        Next();
        if (tok_ != Token::kRBrack && tok_ != Token::kEOF) args.push_back(ParseType());
      }
      break;
    default:
      break;
  }
  --expr_lev_;
  const Pos rbrack = Expect(Token::kRBrack);
  if (ncolons > 0) {
    // Slice expression.
    bool slice3 = false;
    if (ncolons == 2) {
      slice3 = true;
      // Check the presence of the 2nd and 3rd index here rather than during
      // type checking, to give a better error message.
      if (index[1] == nullptr) {
        Error(colons[0], "2nd index required in 3-index slice");
        index[1] = NewBadExpr(colons[0] + 1, colons[1]);
      }
      if (index[2] == nullptr) {
        Error(colons[1], "3rd index required in 3-index slice");
        index[2] = NewBadExpr(colons[1] + 1, rbrack);
      }
    }
    SliceExpr* s = New<SliceExpr>();
    s->x = x;
    s->lbrack = lbrack;
    s->low = index[0];
    s->high = index[1];
    s->max = index[2];
    s->slice3 = slice3;
    s->rbrack = rbrack;
    return s;
  }
  if (args.empty()) {
    // Index expression.
    IndexExpr* e = New<IndexExpr>();
    e->x = x;
    e->lbrack = lbrack;
    e->index = index[0];
    e->rbrack = rbrack;
    return e;
  }
  // Instance expression.
  return PackIndexExpr(x, lbrack, args, rbrack);
}

// Arguments = "(" [ ( ExpressionList | Type [ "," ExpressionList ] ) [ "..." ] [ "," ] ] ")" .
CallExpr* Parser::ParseCallOrConversion(Expr* fun) {
  CallExpr* c = New<CallExpr>();
  c->fun = fun;
  c->lparen = Expect(Token::kLParen);
  ++expr_lev_;
  SmallVector<Expr*> list;
  while (tok_ != Token::kRParen && tok_ != Token::kEOF && c->ellipsis == kNoPos) {
    list.push_back(ParseRhsOrType());  // builtins may expect a type: make(some type, ...)
    if (tok_ == Token::kEllipsis) {
      c->ellipsis = pos_;
      Next();
    }
    if (!AtComma("argument list", Token::kRParen)) break;
    Next();
  }
  --expr_lev_;
  c->rparen = ExpectClosing(Token::kRParen, "argument list");
  c->args = MakeList(list);
  return c;
}

// Element = Expression | LiteralValue .
Expr* Parser::ParseValue() {
  if (tok_ == Token::kLBrace) return ParseLiteralValue(nullptr);
  return CheckExpr(ParseExpr());
}

// KeyedElement = [ Key ":" ] Element .
Expr* Parser::ParseElement() {
  Expr* x = ParseValue();
  if (tok_ == Token::kColon) {
    KeyValueExpr* kv = New<KeyValueExpr>();
    kv->key = x;
    kv->colon = pos_;
    Next();
    kv->value = ParseValue();
    x = kv;
  }
  return x;
}

// ElementList = KeyedElement { "," KeyedElement } .
SmallVector<Expr*> Parser::ParseElementList() {
  SmallVector<Expr*> list;
  while (tok_ != Token::kRBrace && tok_ != Token::kEOF) {
    list.push_back(ParseElement());
    if (!AtComma("composite literal", Token::kRBrace)) break;
    Next();
  }
  return list;
}

namespace {

// [...]T: the literal's elements decide its type.
bool IsEllipsisArray(Expr* type) {
  if (type == nullptr) return false;
  const ArrayType* a = Unparen(type)->DynAs<ArrayType>();
  return a != nullptr && a->len != nullptr && a->len->Is<Ellipsis>();
}

}  // namespace

// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
Expr* Parser::ParseLiteralValue(Expr* type) {
  CompositeLit* c = New<CompositeLit>();
  c->type = type;
  if (options_.skip_literal_values && tok_ == Token::kLBrace && !IsEllipsisArray(type) &&
      scanner_.SkipToMatchingBrace()) {
    c->lbrace = pos_;
    Next0();
    c->rbrace = Expect2(Token::kRBrace);
    return c;
  }
  c->lbrace = Expect(Token::kLBrace);
  ++expr_lev_;
  if (tok_ != Token::kRBrace) c->elts = MakeList(ParseElementList());
  --expr_lev_;
  c->rbrace = ExpectClosing(Token::kRBrace, "composite literal");
  return c;
}

// Checks that x is an expression (and not a type).
Expr* Parser::CheckExpr(Expr* x) {
  switch (Unparen(x)->kind) {
    case NodeKind::kBadExpr:
    case NodeKind::kIdent:
    case NodeKind::kBasicLit:
    case NodeKind::kFuncLit:
    case NodeKind::kCompositeLit:
    case NodeKind::kSelectorExpr:
    case NodeKind::kIndexExpr:
    case NodeKind::kIndexListExpr:
    case NodeKind::kSliceExpr:
    case NodeKind::kTypeAssertExpr:
    // If t.Type == nil we have a type assertion of the form y.(type),
    // which is only allowed in type switch expressions; checked later.
    case NodeKind::kCallExpr:
    case NodeKind::kStarExpr:
    case NodeKind::kUnaryExpr:
    case NodeKind::kBinaryExpr:
      return x;
    default:
      // All other nodes are not proper expressions.
      ErrorExpected(x->Start(), "expression");
      return NewBadExpr(x->Start(), SafePos(x->End()));
  }
}

// Checks that x is an expression or a type (and not a raw [...]T).
Expr* Parser::CheckExprOrType(Expr* x) {
  if (ArrayType* t = Unparen(x)->DynAs<ArrayType>()) {
    if (t->len != nullptr && t->len->Is<Ellipsis>()) {
      Error(t->len->Start(), "expected array length, found '...'");
      return NewBadExpr(x->Start(), SafePos(x->End()));
    }
  }
  return x;
}

// PrimaryExpr = Operand | Conversion | PrimaryExpr Selector | ... .
Expr* Parser::ParsePrimaryExpr(Expr* x) {
  if (x == nullptr) x = ParseOperand();
  // Each suffix counts as a nesting level, as in go/parser.
  NestRestore restore{this};
  for (;;) {
    ++restore.count;
    IncNest();
    switch (tok_) {
      case Token::kPeriod:
        Next();
        switch (tok_) {
          case Token::kIdent:
            x = ParseSelector(CheckExprOrType(x));
            break;
          case Token::kLParen:
            x = ParseTypeAssertion(CheckExpr(x));
            break;
          default: {
            const Pos pos = pos_;
            ErrorExpected(pos, "selector or type assertion");
            // TODO(go): Now that x.(type) is permitted, should this also
            // consume (type)? Kept as go/parser does it.
            if (tok_ != Token::kRBrace) Next();  // make progress
            SelectorExpr* s = New<SelectorExpr>();
            s->x = x;
            s->sel = NewIdent(pos, "_");
            x = s;
            break;
          }
        }
        break;
      case Token::kLBrack:
        x = ParseIndexOrSliceOrInstance(CheckExpr(x));
        break;
      case Token::kLParen:
        x = ParseCallOrConversion(CheckExprOrType(x));
        break;
      case Token::kLBrace: {
        // Operand may have returned a parenthesized complit type; accept it
        // but complain if we have a complit.
        Expr* t = Unparen(x);
        // Determine if '{' belongs to a composite literal or a block statement.
        switch (t->kind) {
          case NodeKind::kBadExpr:
          case NodeKind::kIdent:
          case NodeKind::kSelectorExpr:
            if (expr_lev_ < 0) return x;  // x is possibly a composite literal type
            break;
          case NodeKind::kIndexExpr:
          case NodeKind::kIndexListExpr:
            if (expr_lev_ < 0) return x;  // x is possibly a composite literal type
            break;
          case NodeKind::kArrayType:
          case NodeKind::kStructType:
          case NodeKind::kMapType:
            // x is a composite literal type.
            break;
          default:
            return x;
        }
        if (t != x) Error(t->Start(), "cannot parenthesize type in composite literal");
        x = ParseLiteralValue(x);
        break;
      }
      default:
        return x;
    }
  }
}

// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
Expr* Parser::ParseUnaryExpr() {
  NestGuard nest(this);
  switch (tok_) {
    case Token::kAdd:
    case Token::kSub:
    case Token::kNot:
    case Token::kXor:
    case Token::kAnd:
    case Token::kTilde: {
      UnaryExpr* u = New<UnaryExpr>();
      u->op_pos = pos_;
      u->op = tok_;
      Next();
      u->x = CheckExpr(ParseUnaryExpr());
      return u;
    }
    case Token::kArrow: {
      // Channel type or receive expression.
      Pos arrow = pos_;
      Next();
      // If the next token is "chan" we still don't know if it is a channel
      // type or a receive operation; we only know once we have found the
      // end of the unary expression.
      Expr* x = ParseUnaryExpr();
      // Determine which case we have.
      if (ChanType* typ = x->DynAs<ChanType>()) {
        // (<-type): re-associate position info and <-.
        int dir = kChanSend;
        bool ok = true;
        while (ok && dir == kChanSend) {
          if (typ->dir == kChanRecv) {
            // error: (<-type) is (<-(<-chan T))
            ErrorExpected(typ->arrow, "'chan'");
          }
          const Pos old_arrow = typ->arrow;
          typ->begin = arrow;
          typ->arrow = arrow;
          arrow = old_arrow;
          const int old_dir = typ->dir;
          typ->dir = kChanRecv;
          dir = old_dir;
          ChanType* next = typ->value->DynAs<ChanType>();
          ok = next != nullptr;
          if (ok) typ = next;
        }
        if (dir == kChanSend) ErrorExpected(arrow, "channel type");
        return x;
      }
      // <-(expr)
      UnaryExpr* u = New<UnaryExpr>();
      u->op_pos = arrow;
      u->op = Token::kArrow;
      u->x = CheckExpr(x);
      return u;
    }
    case Token::kMul: {
      // Pointer type or unary "*" expression.
      StarExpr* s = New<StarExpr>();
      s->star = pos_;
      Next();
      s->x = CheckExprOrType(ParseUnaryExpr());
      return s;
    }
    default:
      break;
  }
  return ParsePrimaryExpr(nullptr);
}

std::pair<Token, int> Parser::TokPrec() const {
  Token tok = tok_;
  if (in_rhs_ && tok == Token::kAssign) tok = Token::kEql;
  return {tok, Precedence(tok)};
}

// BinaryExpr = Expression binary_op Expression . Parses operators of
// precedence >= prec1.
Expr* Parser::ParseBinaryExpr(Expr* x, int prec1, bool check) {
  if (x == nullptr) x = ParseUnaryExpr();
  NestRestore restore{this};
  for (;;) {
    ++restore.count;
    IncNest();
    auto [op, oprec] = TokPrec();
    if (oprec < prec1) return x;
    const Pos pos = Expect(op);
    Expr* y = ParseBinaryExpr(nullptr, oprec + 1, check);
    if (check) {
      x = CheckExpr(x);
      y = CheckExpr(y);
    }
    BinaryExpr* b = New<BinaryExpr>();
    b->x = x;
    b->op_pos = pos;
    b->op = op;
    b->y = y;
    x = b;
  }
}

// Expression = UnaryExpr | Expression binary_op Expression .
// The result may be a type or even a raw type ([...]int).
Expr* Parser::ParseExpr() { return ParseBinaryExpr(nullptr, kLowestPrec + 1, true); }

Expr* Parser::ParseRhs() {
  const bool old = in_rhs_;
  in_rhs_ = true;
  Expr* x = CheckExpr(ParseExpr());
  in_rhs_ = old;
  return x;
}

Expr* Parser::ParseRhsOrType() {
  const bool old = in_rhs_;
  in_rhs_ = true;
  Expr* x = CheckExprOrType(ParseExpr());
  in_rhs_ = old;
  return x;
}

}  // namespace mw::syntax::internal

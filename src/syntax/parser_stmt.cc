// Statements.
#include <fmt/format.h>

#include "syntax/parser_internal.h"

namespace mw::syntax::internal {

// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt |
//              Assignment | ShortVarDecl .
// Returns the statement and whether it is a range clause (rangeOk only).
std::pair<Stmt*, bool> Parser::ParseSimpleStmt(SimpleStmtMode mode) {
  SmallVector<Expr*> x = ParseList(false);
  switch (tok_) {
    case Token::kDefine:
    case Token::kAssign:
    case Token::kAddAssign:
    case Token::kSubAssign:
    case Token::kMulAssign:
    case Token::kQuoAssign:
    case Token::kRemAssign:
    case Token::kAndAssign:
    case Token::kOrAssign:
    case Token::kXorAssign:
    case Token::kShlAssign:
    case Token::kShrAssign:
    case Token::kAndNotAssign: {
      // Assignment statement, possibly part of a range clause.
      const Pos pos = pos_;
      const Token tok = tok_;
      Next();
      SmallVector<Expr*> y;
      bool is_range = false;
      if (mode == SimpleStmtMode::kRangeOk && tok_ == Token::kRange &&
          (tok == Token::kDefine || tok == Token::kAssign)) {
        UnaryExpr* u = New<UnaryExpr>();
        u->op_pos = pos_;
        u->op = Token::kRange;
        Next();
        u->x = ParseRhs();
        y.push_back(u);
        is_range = true;
      } else {
        y = ParseList(true);
      }
      AssignStmt* as = New<AssignStmt>();
      as->lhs = MakeList(x);
      as->tok_pos = pos;
      as->tok = tok;
      as->rhs = MakeList(y);
      if (tok == Token::kDefine) CheckAssignStmt(as);
      return {as, is_range};
    }
    default:
      break;
  }
  if (x.size() > 1) {
    ErrorExpected(x[0]->Start(), "1 expression");
    // Continue with the first expression.
  }
  switch (tok_) {
    case Token::kColon: {
      // Labeled statement.
      const Pos colon = pos_;
      Next();
      if (Ident* label = x[0]->DynAs<Ident>(); mode == SimpleStmtMode::kLabelOk && label) {
        // Go spec: the scope of a label is the body of the function in
        // which it is declared and excludes the body of nested functions.
        LabeledStmt* s = New<LabeledStmt>();
        ++labels_;
        s->label = label;
        s->colon = colon;
        s->stmt = ParseStmt();
        return {s, false};
      }
      // The label declaration typically starts at x[0]->Start(), but the
      // error is reported at the colon, as go/parser does.
      Error(colon, "illegal label declaration");
      return {NewBadStmt(x[0]->Start(), colon + 1), false};
    }
    case Token::kArrow: {
      // Send statement.
      SendStmt* s = New<SendStmt>();
      s->chan = x[0];
      s->arrow = pos_;
      Next();
      s->value = ParseRhs();
      return {s, false};
    }
    case Token::kInc:
    case Token::kDec: {
      // Increment or decrement.
      IncDecStmt* s = New<IncDecStmt>();
      s->x = x[0];
      s->tok_pos = pos_;
      s->tok = tok_;
      Next();
      return {s, false};
    }
    default:
      break;
  }
  // Expression.
  ExprStmt* s = New<ExprStmt>();
  s->x = x[0];
  return {s, false};
}

void Parser::CheckAssignStmt(AssignStmt* as) {
  for (Expr* x : as->lhs) {
    if (!x->Is<Ident>()) ErrorExpected(x->Start(), "identifier on left side of :=");
  }
}

CallExpr* Parser::ParseCallExpr(const char* call_type) {
  Expr* x = ParseRhsOrType();  // could be a conversion: (some type)(x)
  if (CallExpr* call = x->DynAs<CallExpr>()) return call;
  if (!x->Is<BadExpr>()) {
    // Only report an error if it's a new one.
    Error(SafePos(x->End()), fmt::format("function must be invoked in {} statement", call_type));
  }
  return nullptr;
}

// GoStmt = "go" Expression .
Stmt* Parser::ParseGoStmt() {
  const Pos pos = Expect(Token::kGo);
  CallExpr* call = ParseCallExpr("go");
  ExpectSemi();
  if (call == nullptr) return NewBadStmt(pos, pos + 2);  // len("go")
  GoStmt* s = New<GoStmt>();
  s->go = pos;
  s->call = call;
  return s;
}

// DeferStmt = "defer" Expression .
Stmt* Parser::ParseDeferStmt() {
  const Pos pos = Expect(Token::kDefer);
  CallExpr* call = ParseCallExpr("defer");
  ExpectSemi();
  if (call == nullptr) return NewBadStmt(pos, pos + 5);  // len("defer")
  DeferStmt* s = New<DeferStmt>();
  s->defer = pos;
  s->call = call;
  return s;
}

// ReturnStmt = "return" [ ExpressionList ] .
ReturnStmt* Parser::ParseReturnStmt() {
  ReturnStmt* s = New<ReturnStmt>();
  s->return_pos = pos_;
  Expect(Token::kReturn);
  if (tok_ != Token::kSemicolon && tok_ != Token::kRBrace) s->results = MakeList(ParseList(true));
  ExpectSemi();
  return s;
}

// BreakStmt | ContinueStmt | GotoStmt | FallthroughStmt.
BranchStmt* Parser::ParseBranchStmt(Token tok) {
  BranchStmt* s = New<BranchStmt>();
  s->tok_pos = Expect(tok);
  s->tok = tok;
  if (tok != Token::kFallthrough && tok_ == Token::kIdent) s->label = ParseIdent();
  ExpectSemi();
  return s;
}

Expr* Parser::MakeExpr(Stmt* s, const char* want) {
  if (s == nullptr) return nullptr;
  if (ExprStmt* es = s->DynAs<ExprStmt>()) return CheckExpr(es->x);
  const char* found = s->Is<AssignStmt>() ? "assignment" : "simple statement";
  Error(s->Start(), fmt::format("expected {}, found {} (missing parentheses around composite "
                                "literal?)",
                                want, found));
  return NewBadExpr(s->Start(), SafePos(s->End()));
}

// The header of an if statement: [ SimpleStmt ";" ] Expression.
std::pair<Stmt*, Expr*> Parser::ParseIfHeader() {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  if (tok_ == Token::kLBrace) {
    Error(pos_, "missing condition in if statement");
    cond = NewBadExpr(pos_, pos_);
    return {init, cond};
  }
  // tok_ != kLBrace
  const int prev_lev = expr_lev_;
  expr_lev_ = -1;
  if (tok_ != Token::kSemicolon) {
    // Accept potential variable declaration but complain.
    if (tok_ == Token::kVar) {
      Next();
      Error(pos_, "var declaration not allowed in 'IF' initializer");
    }
    init = ParseSimpleStmt(SimpleStmtMode::kBasic).first;
  }
  Stmt* cond_stmt = nullptr;
  Pos semi_pos = kNoPos;
  std::string_view semi_lit;
  if (tok_ != Token::kLBrace) {
    if (tok_ == Token::kSemicolon) {
      semi_pos = pos_;
      semi_lit = lit_;
      Next();
    } else {
      Expect(Token::kSemicolon);
    }
    if (tok_ != Token::kLBrace) cond_stmt = ParseSimpleStmt(SimpleStmtMode::kBasic).first;
  } else {
    cond_stmt = init;
    init = nullptr;
  }
  if (cond_stmt != nullptr) {
    cond = MakeExpr(cond_stmt, "boolean expression");
  } else if (semi_pos != kNoPos) {
    if (semi_lit == "\n") {
      Error(semi_pos, "unexpected newline, expecting { after if clause");
    } else {
      Error(semi_pos, "missing condition in if statement");
    }
  }
  // Make sure we have a valid AST.
  if (cond == nullptr) cond = NewBadExpr(pos_, pos_);
  expr_lev_ = prev_lev;
  return {init, cond};
}

// IfStmt = "if" [ SimpleStmt ";" ] Expression Block [ "else" ( IfStmt | Block ) ] .
IfStmt* Parser::ParseIfStmt() {
  NestGuard nest(this);
  IfStmt* s = New<IfStmt>();
  s->if_pos = Expect(Token::kIf);
  auto [init, cond] = ParseIfHeader();
  s->init = init;
  s->cond = cond;
  s->body = ParseBlockStmt();
  if (tok_ == Token::kElse) {
    Next();
    switch (tok_) {
      case Token::kIf:
        s->else_stmt = ParseIfStmt();
        break;
      case Token::kLBrace:
        s->else_stmt = ParseBlockStmt();
        ExpectSemi();
        break;
      default:
        ErrorExpected(pos_, "if statement or block");
        s->else_stmt = NewBadStmt(pos_, pos_);
        break;
    }
  } else {
    ExpectSemi();
  }
  return s;
}

// TypeList = Type { "," Type } .
SmallVector<Expr*> Parser::ParseTypeList() {
  SmallVector<Expr*> list{ParseType()};
  while (tok_ == Token::kComma) {
    Next();
    list.push_back(ParseType());
  }
  return list;
}

// ExprCaseClause = ExprSwitchCase ":" StatementList .
// TypeCaseClause = TypeSwitchCase ":" StatementList .
CaseClause* Parser::ParseCaseClause(bool type_switch) {
  CaseClause* c = New<CaseClause>();
  c->case_pos = pos_;
  if (tok_ == Token::kCase) {
    Next();
    c->list = MakeList(type_switch ? ParseTypeList() : ParseList(true));
  } else {
    Expect(Token::kDefault);
  }
  c->colon = Expect(Token::kColon);
  c->body = MakeList(ParseStmtList());
  return c;
}

namespace {
bool IsTypeSwitchAssert(Expr* x) {
  TypeAssertExpr* a = x->DynAs<TypeAssertExpr>();
  return a != nullptr && a->type == nullptr;
}
}  // namespace

bool Parser::IsTypeSwitchGuard(Stmt* s) {
  if (s == nullptr) return false;
  if (ExprStmt* e = s->DynAs<ExprStmt>()) return IsTypeSwitchAssert(e->x);  // x.(type)
  if (AssignStmt* a = s->DynAs<AssignStmt>()) {
    // v := x.(type)
    if (a->lhs.size == 1 && a->rhs.size == 1 && IsTypeSwitchAssert(a->rhs[0])) {
      switch (a->tok) {
        case Token::kAssign:
          // Permit v = x.(type) but complain.
          Error(a->tok_pos, "expected ':=', found '='");
          return true;
        case Token::kDefine:
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

// SwitchStmt = ExprSwitchStmt | TypeSwitchStmt .
Stmt* Parser::ParseSwitchStmt() {
  const Pos pos = Expect(Token::kSwitch);
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  if (tok_ != Token::kLBrace) {
    const int prev_lev = expr_lev_;
    expr_lev_ = -1;
    if (tok_ != Token::kSemicolon) s2 = ParseSimpleStmt(SimpleStmtMode::kBasic).first;
    if (tok_ == Token::kSemicolon) {
      Next();
      s1 = s2;
      s2 = nullptr;
      if (tok_ != Token::kLBrace) {
        // A TypeSwitchGuard may declare a variable in addition to the
        // variable declared in the initial SimpleStmt.
        s2 = ParseSimpleStmt(SimpleStmtMode::kBasic).first;
      }
    }
    expr_lev_ = prev_lev;
  }
  const bool type_switch = IsTypeSwitchGuard(s2);
  BlockStmt* body = New<BlockStmt>();
  const int labels_before = labels_;
  body->lbrace = Expect(Token::kLBrace);
  SmallVector<Stmt*> list;
  while (tok_ == Token::kCase || tok_ == Token::kDefault) {
    list.push_back(ParseCaseClause(type_switch));
  }
  body->rbrace = Expect(Token::kRBrace);
  body->has_labels = labels_ != labels_before;
  ExpectSemi();
  body->list = MakeList(list);
  if (type_switch) {
    TypeSwitchStmt* t = New<TypeSwitchStmt>();
    t->switch_pos = pos;
    t->init = s1;
    t->assign = s2;
    t->body = body;
    return t;
  }
  SwitchStmt* sw = New<SwitchStmt>();
  sw->switch_pos = pos;
  sw->init = s1;
  sw->tag = MakeExpr(s2, "switch expression");
  sw->body = body;
  return sw;
}

// CommClause = CommCase ":" StatementList .
CommClause* Parser::ParseCommClause() {
  CommClause* c = New<CommClause>();
  c->case_pos = pos_;
  if (tok_ == Token::kCase) {
    Next();
    SmallVector<Expr*> lhs = ParseList(false);
    if (tok_ == Token::kArrow) {
      // SendStmt
      if (lhs.size() > 1) {
        ErrorExpected(lhs[0]->Start(), "1 expression");
        // Continue with the first expression.
      }
      SendStmt* s = New<SendStmt>();
      s->chan = lhs[0];
      s->arrow = pos_;
      Next();
      s->value = ParseRhs();
      c->comm = s;
    } else {
      // RecvStmt
      const Token tok = tok_;
      if (tok == Token::kAssign || tok == Token::kDefine) {
        // RecvStmt with assignment.
        if (lhs.size() > 2) {
          ErrorExpected(lhs[0]->Start(), "1 or 2 expressions");
          // Continue with the first two expressions.
          lhs.truncate(2);
        }
        AssignStmt* as = New<AssignStmt>();
        as->tok_pos = pos_;
        Next();
        as->lhs = MakeList(lhs);
        as->tok = tok;
        as->rhs = MakeList1(ParseRhs());
        if (tok == Token::kDefine) CheckAssignStmt(as);
        c->comm = as;
      } else {
        // lhs[0] must be a receive expression.
        if (lhs.size() > 1) {
          ErrorExpected(lhs[0]->Start(), "1 expression");
          // Continue with the first expression.
        }
        ExprStmt* e = New<ExprStmt>();
        e->x = lhs[0];
        c->comm = e;
      }
    }
  } else {
    Expect(Token::kDefault);
  }
  c->colon = Expect(Token::kColon);
  c->body = MakeList(ParseStmtList());
  return c;
}

// SelectStmt = "select" "{" { CommClause } "}" .
SelectStmt* Parser::ParseSelectStmt() {
  SelectStmt* s = New<SelectStmt>();
  s->select = Expect(Token::kSelect);
  BlockStmt* body = New<BlockStmt>();
  const int labels_before = labels_;
  body->lbrace = Expect(Token::kLBrace);
  SmallVector<Stmt*> list;
  while (tok_ == Token::kCase || tok_ == Token::kDefault) list.push_back(ParseCommClause());
  body->rbrace = Expect(Token::kRBrace);
  body->has_labels = labels_ != labels_before;
  ExpectSemi();
  body->list = MakeList(list);
  s->body = body;
  return s;
}

// ForStmt = "for" [ Condition | ForClause | RangeClause ] Block .
Stmt* Parser::ParseForStmt() {
  const Pos pos = Expect(Token::kFor);
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  Stmt* s3 = nullptr;
  bool is_range = false;
  if (tok_ != Token::kLBrace) {
    const int prev_lev = expr_lev_;
    expr_lev_ = -1;
    if (tok_ != Token::kSemicolon) {
      if (tok_ == Token::kRange) {
        // "for range x" (nil lhs in assignment)
        UnaryExpr* u = New<UnaryExpr>();
        u->op_pos = pos_;
        u->op = Token::kRange;
        Next();
        u->x = ParseRhs();
        AssignStmt* as = New<AssignStmt>();
        as->rhs = MakeList1<Expr>(u);
        s2 = as;
        is_range = true;
      } else {
        std::tie(s2, is_range) = ParseSimpleStmt(SimpleStmtMode::kRangeOk);
      }
    }
    if (!is_range && tok_ == Token::kSemicolon) {
      Next();
      s1 = s2;
      s2 = nullptr;
      if (tok_ != Token::kSemicolon) s2 = ParseSimpleStmt(SimpleStmtMode::kBasic).first;
      ExpectSemi();
      if (tok_ != Token::kLBrace) s3 = ParseSimpleStmt(SimpleStmtMode::kBasic).first;
    }
    expr_lev_ = prev_lev;
  }
  BlockStmt* body = ParseBlockStmt();
  ExpectSemi();
  if (is_range) {
    AssignStmt* as = s2->As<AssignStmt>();
    // Check lhs.
    Expr* key = nullptr;
    Expr* value = nullptr;
    switch (as->lhs.size) {
      case 0:
        break;
      case 1:
        key = as->lhs[0];
        break;
      case 2:
        key = as->lhs[0];
        value = as->lhs[1];
        break;
      default:
        ErrorExpected(as->lhs.back()->Start(), "at most 2 expressions");
        return NewBadStmt(pos, SafePos(body->End()));
    }
    // Parsing the range clause made sure it is a range expression.
    RangeStmt* r = New<RangeStmt>();
    r->for_pos = pos;
    r->key = key;
    r->value = value;
    r->tok_pos = as->tok_pos;
    r->tok = as->tok;
    r->x = as->rhs[0]->As<UnaryExpr>()->x;
    r->body = body;
    return r;
  }
  // Regular for statement.
  ForStmt* f = New<ForStmt>();
  f->for_pos = pos;
  f->init = s1;
  f->cond = MakeExpr(s2, "boolean or range expression");
  f->post = s3;
  f->body = body;
  return f;
}

// Statement = Declaration | LabeledStmt | SimpleStmt | GoStmt | ReturnStmt |
//             BreakStmt | ContinueStmt | GotoStmt | FallthroughStmt | Block |
//             IfStmt | SwitchStmt | SelectStmt | ForStmt | DeferStmt .
Stmt* Parser::ParseStmt() {
  NestGuard nest(this);
  switch (tok_) {
    case Token::kConst:
    case Token::kType:
    case Token::kVar: {
      DeclStmt* s = New<DeclStmt>();
      s->decl = ParseDecl(TokenSet::kStmtStart);
      return s;
    }
    // Tokens that may start an expression: operands, composite types and
    // unary operators.
    case Token::kIdent:
    case Token::kInt:
    case Token::kFloat:
    case Token::kImag:
    case Token::kChar:
    case Token::kString:
    case Token::kFunc:
    case Token::kLParen:
    case Token::kLBrack:
    case Token::kStruct:
    case Token::kMap:
    case Token::kChan:
    case Token::kInterface:
    case Token::kAdd:
    case Token::kSub:
    case Token::kMul:
    case Token::kAnd:
    case Token::kXor:
    case Token::kArrow:
    case Token::kNot: {
      Stmt* s = ParseSimpleStmt(SimpleStmtMode::kLabelOk).first;
      // Because of the required look-ahead, labeled statements are parsed
      // by ParseSimpleStmt; don't expect a semicolon after them.
      if (!s->Is<LabeledStmt>()) ExpectSemi();
      return s;
    }
    case Token::kGo:
      return ParseGoStmt();
    case Token::kDefer:
      return ParseDeferStmt();
    case Token::kReturn:
      return ParseReturnStmt();
    case Token::kBreak:
    case Token::kContinue:
    case Token::kGoto:
    case Token::kFallthrough:
      return ParseBranchStmt(tok_);
    case Token::kLBrace: {
      BlockStmt* s = ParseBlockStmt();
      ExpectSemi();
      return s;
    }
    case Token::kIf:
      return ParseIfStmt();
    case Token::kSwitch:
      return ParseSwitchStmt();
    case Token::kSelect:
      return ParseSelectStmt();
    case Token::kFor:
      return ParseForStmt();
    case Token::kSemicolon: {
      // Is it ever possible to have an implicit semicolon producing an
      // empty statement in a valid program? go/parser keeps the flag.
      EmptyStmt* s = New<EmptyStmt>();
      s->semicolon = pos_;
      s->implicit = lit_ == "\n";
      Next();
      return s;
    }
    case Token::kRBrace: {
      // A semicolon may be omitted before a closing "}".
      EmptyStmt* s = New<EmptyStmt>();
      s->semicolon = pos_;
      s->implicit = true;
      return s;
    }
    default: {
      // No statement found.
      const Pos pos = pos_;
      ErrorExpected(pos, "statement");
      Advance(TokenSet::kStmtStart);
      return NewBadStmt(pos, pos_);
    }
  }
}

}  // namespace mw::syntax::internal

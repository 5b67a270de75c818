// The parser's internals, shared by parser_*.cc. A port of go/parser
// (Go 1.19): each function carries the grammar production it parses, and
// the error messages and recovery match the original, since trees and
// diagnostics are compared with go/parser's.
#ifndef MAPWARDEN_SYNTAX_PARSER_INTERNAL_H_
#define MAPWARDEN_SYNTAX_PARSER_INTERNAL_H_

#include <string>
#include <vector>

#include "base/small_vector.h"
#include "syntax/parser.h"
#include "syntax/scanner.h"

namespace mw::syntax::internal {

// Thrown to abandon a file: too many errors, or nesting too deep.
struct Bailout {};

enum class TokenSet { kStmtStart, kDeclStart, kExprEnd };

struct ParamField {
  Ident* name = nullptr;
  Expr* type = nullptr;
};

enum class SimpleStmtMode { kBasic, kLabelOk, kRangeOk };

class Parser {
 public:
  // Parses from byte `start` (0: the whole file; otherwise the start of a
  // declaration, for ParseOneDecl).
  Parser(const SourceFile& src, Arena* arena, const ParseOptions& options,
         std::vector<SyntaxError>* errors, Pos start = 0);
  File* ParseFile();
  // One top-level declaration (ParseLazyDecl); a BadDecl when the parse
  // gives up.
  Decl* ParseOneDecl();
  // Gives the unused ids of the last chunk back; one past the largest id used.
  uint32_t ReturnNodeIds();

 private:
  // Tokens and comments.
  void Next0();
  void Next();
  Comment* ConsumeComment(int* endline);
  CommentGroup* ConsumeCommentGroup(int n, int* endline);
  int Line(Pos p) { return src_.Line(p, &line_hint_); }

  // Errors.
  void Error(Pos pos, std::string msg);
  void ErrorExpected(Pos pos, std::string msg);
  Pos Expect(Token tok);
  Pos Expect2(Token tok);
  Pos ExpectClosing(Token tok, const char* context);
  void ExpectSemi();
  bool AtComma(const char* context, Token follow);
  void Advance(TokenSet to);
  Pos SafePos(Pos pos) const;
  void IncNest();
  struct NestGuard {
    explicit NestGuard(Parser* p) : p(p) { p->IncNest(); }
    ~NestGuard() { --p->nest_lev_; }
    Parser* p;
  };
  // Undoes `count` IncNest calls made by a loop (go/parser's deferred
  // "p.nestLev -= n").
  struct NestRestore {
    Parser* p;
    int count = 0;
    ~NestRestore() { p->nest_lev_ -= count; }
  };

  // Construction helpers.
  template <typename T>
  T* New() {
    T* n = arena_->New<T>();
    // Only expressions (types included) are keys of the checker's records;
    // numbering them alone keeps its arrays a fifth smaller.
    if constexpr (T::kKind >= NodeKind::kBadExpr && T::kKind <= NodeKind::kChanType) {
      if (next_id_ == id_limit_) TakeNodeIds();
      n->id = next_id_;
      next_id_ += next_id_ != 0;
    }
    return n;
  }
  void TakeNodeIds();
  template <typename T>
  List<T> MakeList(T* const* data, size_t n) {
    List<T> l;
    if (n == 0) return l;
    auto span = arena_->CopyArray(data, n);
    l.data = span.data();
    l.size = static_cast<uint32_t>(n);
    return l;
  }
  template <typename T>
  List<T> MakeList(const SmallVector<T*>& v) {
    return MakeList<T>(v.data(), v.size());
  }
  template <typename T>
  List<T> MakeList(const std::vector<T*>& v) {
    return MakeList<T>(v.data(), v.size());
  }
  template <typename T>
  List<T> MakeList1(T* x) {
    return MakeList<T>(&x, 1);
  }
  FieldList* NewFieldList(Pos opening, const SmallVector<Field*>& list, Pos closing);
  BadExpr* NewBadExpr(Pos from, Pos to);
  BadStmt* NewBadStmt(Pos from, Pos to);
  Ident* NewIdent(Pos pos, std::string_view name);
  Expr* PackIndexExpr(Expr* x, Pos lbrack, const SmallVector<Expr*>& exprs, Pos rbrack);

  // Identifiers and lists.
  Ident* ParseIdent();
  SmallVector<Ident*> ParseIdentList();
  SmallVector<Expr*> ParseExprList();
  SmallVector<Expr*> ParseList(bool in_rhs);

  // Types (parser_types.cc).
  Expr* ParseType();
  Expr* ParseQualifiedIdent(Ident* ident);
  Expr* ParseTypeName(Ident* ident);
  ArrayType* ParseArrayType(Pos lbrack, Expr* len);
  std::pair<Ident*, Expr*> ParseArrayFieldOrTypeInstance(Ident* x);
  Field* ParseFieldDecl();
  StructType* ParseStructType();
  StarExpr* ParsePointerType();
  Ellipsis* ParseDotsType();
  ParamField ParseParamDecl(Ident* name, bool type_sets_ok);
  SmallVector<Field*> ParseParameterList(Ident* name0, Expr* typ0, Token closing);
  std::pair<FieldList*, FieldList*> ParseParameters(bool accept_tparams);
  FieldList* ParseResult();
  FuncType* ParseFuncType();
  Field* ParseMethodSpec();
  Expr* EmbeddedElem(Expr* x);
  Expr* EmbeddedTerm();
  InterfaceType* ParseInterfaceType();
  MapType* ParseMapType();
  ChanType* ParseChanType();
  Expr* ParseTypeInstance(Expr* typ);
  Expr* TryIdentOrType();

  // Expressions (parser_expr.cc).
  SmallVector<Stmt*> ParseStmtList();
  BlockStmt* ParseBody();
  BlockStmt* SkipBody();
  BlockStmt* ParseBlockStmt();
  Expr* ParseFuncTypeOrLit();
  Expr* ParseOperand();
  Expr* ParseSelector(Expr* x);
  Expr* ParseTypeAssertion(Expr* x);
  Expr* ParseIndexOrSliceOrInstance(Expr* x);
  CallExpr* ParseCallOrConversion(Expr* fun);
  Expr* ParseValue();
  Expr* ParseElement();
  SmallVector<Expr*> ParseElementList();
  Expr* ParseLiteralValue(Expr* type);
  Expr* CheckExpr(Expr* x);
  Expr* CheckExprOrType(Expr* x);
  Expr* ParsePrimaryExpr(Expr* x);
  Expr* ParseUnaryExpr();
  std::pair<Token, int> TokPrec() const;
  Expr* ParseBinaryExpr(Expr* x, int prec1, bool check);
  Expr* ParseExpr();
  Expr* ParseRhs();
  Expr* ParseRhsOrType();

  // Statements (parser_stmt.cc).
  std::pair<Stmt*, bool> ParseSimpleStmt(SimpleStmtMode mode);
  void CheckAssignStmt(AssignStmt* as);
  CallExpr* ParseCallExpr(const char* call_type);
  Stmt* ParseGoStmt();
  Stmt* ParseDeferStmt();
  ReturnStmt* ParseReturnStmt();
  BranchStmt* ParseBranchStmt(Token tok);
  Expr* MakeExpr(Stmt* s, const char* want);
  std::pair<Stmt*, Expr*> ParseIfHeader();
  IfStmt* ParseIfStmt();
  SmallVector<Expr*> ParseTypeList();
  CaseClause* ParseCaseClause(bool type_switch);
  bool IsTypeSwitchGuard(Stmt* s);
  Stmt* ParseSwitchStmt();
  CommClause* ParseCommClause();
  SelectStmt* ParseSelectStmt();
  Stmt* ParseForStmt();
  Stmt* ParseStmt();

  // Declarations (parser_decl.cc).
  Spec* ParseImportSpec(CommentGroup* doc, Pos pos, Token keyword, int iota);
  Spec* ParseValueSpec(CommentGroup* doc, Pos pos, Token keyword, int iota);
  void ParseGenericType(TypeSpec* spec, Pos open_pos, Ident* name0, Expr* typ0);
  Spec* ParseTypeSpec(CommentGroup* doc, Pos pos, Token keyword, int iota);
  GenDecl* ParseGenDecl(Token keyword);
  FuncDecl* ParseFuncDecl();
  Decl* ParseDecl(TokenSet sync);

  // Indexing declarations (parser_index.cc, ParseOptions::lazy_decls).
  Decl* IndexOrParseDecl();
  LazyDecl* IndexDecl();
  bool IndexReceiver(LazyDecl* d);
  bool IndexSpec(Token keyword, SmallVector<Ident*>* names, SmallVector<Ident*>* aliases);
  bool IndexSkipBracketed();
  void IndexStep();  // Next(), noting where the token ends

  const SourceFile& src_;
  Arena* arena_;
  ParseOptions options_;
  // Ids not handed out yet: [next_id_, id_limit_); next_id_ is 0 once the
  // counter is exhausted. id_end_: one past the largest id of past chunks.
  NodeIdCounter own_ids_;
  NodeIdCounter* id_counter_;
  uint32_t next_id_ = 1;
  uint32_t id_limit_ = 1;
  uint32_t id_end_ = 0;
  std::vector<SyntaxError>* errors_;
  Scanner scanner_;

  std::vector<CommentGroup*> comments_;
  CommentGroup* lead_comment_ = nullptr;
  CommentGroup* line_comment_ = nullptr;

  Pos pos_ = kNoPos;
  Token tok_ = Token::kIllegal;
  std::string_view lit_;

  Pos sync_pos_ = kNoPos;
  int sync_cnt_ = 0;
  int expr_lev_ = 0;
  int labels_ = 0;  // labeled statements parsed so far (BlockStmt::has_labels)
  bool in_rhs_ = false;
  int nest_lev_ = 0;
  int line_hint_ = 0;
  Pos index_end_ = kNoPos;  // one past the last token IndexStep passed
};

// go/parser's typeparams.PackIndexExpr and the helpers type-parameter
// parsing uses.
Expr* Unparen(Expr* x);
bool IsTypeElem(Expr* x);

}  // namespace mw::syntax::internal

#endif  // MAPWARDEN_SYNTAX_PARSER_INTERNAL_H_

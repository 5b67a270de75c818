// The Go syntax tree. Node types and fields mirror go/ast one for one, so a
// tree can be compared with go/parser's (see docs/ast-dump.md); nodes live
// in the file's arena and carry byte offsets (Pos) for every token go/ast
// records.
#ifndef MAPWARDEN_SYNTAX_AST_H_
#define MAPWARDEN_SYNTAX_AST_H_

#include <cassert>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/arena.h"
#include "base/source_file.h"
#include "syntax/token.h"

namespace mw::syntax {

// X(Name): every node kind, named as in go/ast: comments and fields;
// expressions and types; statements; specs and declarations.
// clang-format off
#define MW_AST_NODES(X)                                                                      \
  X(Comment) X(CommentGroup) X(Field) X(FieldList)                                           \
  X(BadExpr) X(Ident) X(Ellipsis) X(BasicLit) X(FuncLit) X(CompositeLit) X(ParenExpr)        \
  X(SelectorExpr) X(IndexExpr) X(IndexListExpr) X(SliceExpr) X(TypeAssertExpr) X(CallExpr)   \
  X(StarExpr) X(UnaryExpr) X(BinaryExpr) X(KeyValueExpr) X(ArrayType) X(StructType)          \
  X(FuncType) X(InterfaceType) X(MapType) X(ChanType)                                        \
  X(BadStmt) X(DeclStmt) X(EmptyStmt) X(LabeledStmt) X(ExprStmt) X(SendStmt) X(IncDecStmt)   \
  X(AssignStmt) X(GoStmt) X(DeferStmt) X(ReturnStmt) X(BranchStmt) X(BlockStmt) X(IfStmt)    \
  X(CaseClause) X(SwitchStmt) X(TypeSwitchStmt) X(CommClause) X(SelectStmt) X(ForStmt)       \
  X(RangeStmt)                                                                               \
  X(ImportSpec) X(ValueSpec) X(TypeSpec) X(BadDecl) X(GenDecl) X(FuncDecl) X(LazyDecl) X(File)
// clang-format on

enum class NodeKind : uint8_t {
#define MW_AST_KIND(name) k##name,
  MW_AST_NODES(MW_AST_KIND)
#undef MW_AST_KIND
};

std::string_view NodeKindName(NodeKind k);

// Node ids, in the bits beside the kind: the parser numbers expressions
// (types included, kBadExpr to kChanType) so that the type checker can keep
// what it records in arrays indexed by id rather than in hash maps keyed
// by address (see sema/node_map.h); other nodes are never keys there and
// get none. Ids are unique within a file, and within a package when its
// files are parsed with one NodeIdCounter. 0: none (not an expression, a
// tree built by hand, or past kMaxNodeId).
inline constexpr uint32_t kMaxNodeId = (1u << 24) - 1;

struct Node {
  explicit Node(NodeKind k) : kind(k), id(0) {}
  NodeKind kind : 8;
  uint32_t id : 24;

  template <typename T>
  bool Is() const {
    return kind == T::kKind;
  }
  // Checked downcasts: As asserts, DynAs returns null on a mismatch.
  template <typename T>
  T* As() {
    assert(Is<T>());
    return static_cast<T*>(this);
  }
  template <typename T>
  const T* As() const {
    assert(Is<T>());
    return static_cast<const T*>(this);
  }
  template <typename T>
  T* DynAs() {
    return Is<T>() ? static_cast<T*>(this) : nullptr;
  }
  template <typename T>
  const T* DynAs() const {
    return Is<T>() ? static_cast<const T*>(this) : nullptr;
  }

  Pos Start() const;  // go/ast's Pos()
  Pos End() const;    // go/ast's End(): one past the last byte
};

// Category aliases, as in go/ast's interfaces.
using Expr = Node;
using Stmt = Node;
using Decl = Node;
using Spec = Node;

// An immutable arena-backed list.
template <typename T>
struct List {
  T* const* data = nullptr;
  uint32_t size = 0;

  bool empty() const { return size == 0; }
  T* operator[](size_t i) const { return data[i]; }
  T* const* begin() const { return data; }
  T* const* end() const { return data + size; }
  T* back() const { return data[size - 1]; }
};

#define MW_NODE(name)                                  \
  static constexpr NodeKind kKind = NodeKind::k##name; \
  name() : Node(kKind) {}

struct Ident;
struct BasicLit;
struct FuncType;
struct BlockStmt;
struct CallExpr;

struct Comment : Node {
  MW_NODE(Comment)
  Pos slash = kNoPos;
  std::string_view text;  // with the comment markers, CRs removed
};

struct CommentGroup : Node {
  MW_NODE(CommentGroup)
  List<Comment> list;
};

struct Field : Node {
  MW_NODE(Field)
  CommentGroup* doc = nullptr;
  List<Ident> names;
  Expr* type = nullptr;
  BasicLit* tag = nullptr;
  CommentGroup* comment = nullptr;
};

struct FieldList : Node {
  MW_NODE(FieldList)
  Pos opening = kNoPos;
  List<Field> list;
  Pos closing = kNoPos;
  int NumFields() const;
};

struct BadExpr : Node {
  MW_NODE(BadExpr)
  Pos from = kNoPos, to = kNoPos;
};

struct Ident : Node {
  MW_NODE(Ident)
  Pos name_pos = kNoPos;
  std::string_view name;
};
static_assert(sizeof(Ident) == 24, "the node id lives in the kind's word");

struct Ellipsis : Node {
  MW_NODE(Ellipsis)
  Pos ellipsis = kNoPos;
  Expr* elt = nullptr;
};

struct BasicLit : Node {
  MW_NODE(BasicLit)
  Pos value_pos = kNoPos;
  Token kind = Token::kIllegal;  // kInt, kFloat, kImag, kChar or kString
  std::string_view value;        // the literal's source text
};

struct FuncLit : Node {
  MW_NODE(FuncLit)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};

struct CompositeLit : Node {
  MW_NODE(CompositeLit)
  Expr* type = nullptr;
  Pos lbrace = kNoPos;
  List<Expr> elts;
  Pos rbrace = kNoPos;
  bool incomplete = false;
};

struct ParenExpr : Node {
  MW_NODE(ParenExpr)
  Pos lparen = kNoPos;
  Expr* x = nullptr;
  Pos rparen = kNoPos;
};

struct SelectorExpr : Node {
  MW_NODE(SelectorExpr)
  Expr* x = nullptr;
  Ident* sel = nullptr;
};

struct IndexExpr : Node {
  MW_NODE(IndexExpr)
  Expr* x = nullptr;
  Pos lbrack = kNoPos;
  Expr* index = nullptr;
  Pos rbrack = kNoPos;
};

struct IndexListExpr : Node {
  MW_NODE(IndexListExpr)
  Expr* x = nullptr;
  Pos lbrack = kNoPos;
  List<Expr> indices;
  Pos rbrack = kNoPos;
};

struct SliceExpr : Node {
  MW_NODE(SliceExpr)
  Expr* x = nullptr;
  Pos lbrack = kNoPos;
  Expr* low = nullptr;
  Expr* high = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
  Pos rbrack = kNoPos;
};

struct TypeAssertExpr : Node {
  MW_NODE(TypeAssertExpr)
  Expr* x = nullptr;
  Pos lparen = kNoPos;
  Expr* type = nullptr;  // null for x.(type) in a type switch
  Pos rparen = kNoPos;
};

struct CallExpr : Node {
  MW_NODE(CallExpr)
  Expr* fun = nullptr;
  Pos lparen = kNoPos;
  List<Expr> args;
  Pos ellipsis = kNoPos;
  Pos rparen = kNoPos;
};

struct StarExpr : Node {
  MW_NODE(StarExpr)
  Pos star = kNoPos;
  Expr* x = nullptr;
};

struct UnaryExpr : Node {
  MW_NODE(UnaryExpr)
  Pos op_pos = kNoPos;
  Token op = Token::kIllegal;
  Expr* x = nullptr;
};

struct BinaryExpr : Node {
  MW_NODE(BinaryExpr)
  Expr* x = nullptr;
  Pos op_pos = kNoPos;
  Token op = Token::kIllegal;
  Expr* y = nullptr;
};

struct KeyValueExpr : Node {
  MW_NODE(KeyValueExpr)
  Expr* key = nullptr;
  Pos colon = kNoPos;
  Expr* value = nullptr;
};

struct ArrayType : Node {
  MW_NODE(ArrayType)
  Pos lbrack = kNoPos;
  Expr* len = nullptr;  // null for slices; Ellipsis for [...]T
  Expr* elt = nullptr;
};

struct StructType : Node {
  MW_NODE(StructType)
  Pos struct_pos = kNoPos;
  FieldList* fields = nullptr;
  bool incomplete = false;
};

struct FuncType : Node {
  MW_NODE(FuncType)
  Pos func = kNoPos;
  FieldList* type_params = nullptr;
  FieldList* params = nullptr;
  FieldList* results = nullptr;
};

struct InterfaceType : Node {
  MW_NODE(InterfaceType)
  Pos interface = kNoPos;
  FieldList* methods = nullptr;
  bool incomplete = false;
};

struct MapType : Node {
  MW_NODE(MapType)
  Pos map = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
};

// go/ast's ChanDir bits.
inline constexpr int kChanSend = 1;
inline constexpr int kChanRecv = 2;

struct ChanType : Node {
  MW_NODE(ChanType)
  Pos begin = kNoPos;
  Pos arrow = kNoPos;
  int dir = kChanSend | kChanRecv;
  Expr* value = nullptr;
};

struct BadStmt : Node {
  MW_NODE(BadStmt)
  Pos from = kNoPos, to = kNoPos;
};

struct DeclStmt : Node {
  MW_NODE(DeclStmt)
  Decl* decl = nullptr;
};

struct EmptyStmt : Node {
  MW_NODE(EmptyStmt)
  Pos semicolon = kNoPos;
  bool implicit = false;
};

struct LabeledStmt : Node {
  MW_NODE(LabeledStmt)
  Ident* label = nullptr;
  Pos colon = kNoPos;
  Stmt* stmt = nullptr;
};

struct ExprStmt : Node {
  MW_NODE(ExprStmt)
  Expr* x = nullptr;
};

struct SendStmt : Node {
  MW_NODE(SendStmt)
  Expr* chan = nullptr;
  Pos arrow = kNoPos;
  Expr* value = nullptr;
};

struct IncDecStmt : Node {
  MW_NODE(IncDecStmt)
  Expr* x = nullptr;
  Pos tok_pos = kNoPos;
  Token tok = Token::kIllegal;
};

struct AssignStmt : Node {
  MW_NODE(AssignStmt)
  List<Expr> lhs;
  Pos tok_pos = kNoPos;
  Token tok = Token::kIllegal;
  List<Expr> rhs;
};

struct GoStmt : Node {
  MW_NODE(GoStmt)
  Pos go = kNoPos;
  CallExpr* call = nullptr;
};

struct DeferStmt : Node {
  MW_NODE(DeferStmt)
  Pos defer = kNoPos;
  CallExpr* call = nullptr;
};

struct ReturnStmt : Node {
  MW_NODE(ReturnStmt)
  Pos return_pos = kNoPos;
  List<Expr> results;
};

struct BranchStmt : Node {
  MW_NODE(BranchStmt)
  Pos tok_pos = kNoPos;
  Token tok = Token::kIllegal;
  Ident* label = nullptr;
};

struct BlockStmt : Node {
  MW_NODE(BlockStmt)
  Pos lbrace = kNoPos;
  List<Stmt> list;
  Pos rbrace = kNoPos;
  // A labeled statement is somewhere inside (perhaps in a nested function
  // literal): the checker collects a body's labels only then.
  bool has_labels = false;
};

struct IfStmt : Node {
  MW_NODE(IfStmt)
  Pos if_pos = kNoPos;
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* else_stmt = nullptr;
};

struct CaseClause : Node {
  MW_NODE(CaseClause)
  Pos case_pos = kNoPos;
  List<Expr> list;  // empty for default
  Pos colon = kNoPos;
  List<Stmt> body;
};

struct SwitchStmt : Node {
  MW_NODE(SwitchStmt)
  Pos switch_pos = kNoPos;
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  BlockStmt* body = nullptr;
};

struct TypeSwitchStmt : Node {
  MW_NODE(TypeSwitchStmt)
  Pos switch_pos = kNoPos;
  Stmt* init = nullptr;
  Stmt* assign = nullptr;  // x := y.(type) or y.(type)
  BlockStmt* body = nullptr;
};

struct CommClause : Node {
  MW_NODE(CommClause)
  Pos case_pos = kNoPos;
  Stmt* comm = nullptr;  // null for default
  Pos colon = kNoPos;
  List<Stmt> body;
};

struct SelectStmt : Node {
  MW_NODE(SelectStmt)
  Pos select = kNoPos;
  BlockStmt* body = nullptr;
};

struct ForStmt : Node {
  MW_NODE(ForStmt)
  Pos for_pos = kNoPos;
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
};

struct RangeStmt : Node {
  MW_NODE(RangeStmt)
  Pos for_pos = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos tok_pos = kNoPos;
  Token tok = Token::kIllegal;  // kIllegal when there is no key
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

struct ImportSpec : Node {
  MW_NODE(ImportSpec)
  CommentGroup* doc = nullptr;
  Ident* name = nullptr;
  BasicLit* path = nullptr;
  CommentGroup* comment = nullptr;
  Pos end_pos = kNoPos;
};

struct ValueSpec : Node {
  MW_NODE(ValueSpec)
  CommentGroup* doc = nullptr;
  List<Ident> names;
  Expr* type = nullptr;
  List<Expr> values;
  CommentGroup* comment = nullptr;
};

struct TypeSpec : Node {
  MW_NODE(TypeSpec)
  CommentGroup* doc = nullptr;
  Ident* name = nullptr;
  FieldList* type_params = nullptr;
  Pos assign = kNoPos;
  Expr* type = nullptr;
  CommentGroup* comment = nullptr;
};

struct BadDecl : Node {
  MW_NODE(BadDecl)
  Pos from = kNoPos, to = kNoPos;
};

struct GenDecl : Node {
  MW_NODE(GenDecl)
  CommentGroup* doc = nullptr;
  Pos tok_pos = kNoPos;
  Token tok = Token::kIllegal;  // kImport, kConst, kType or kVar
  Pos lparen = kNoPos;
  List<Spec> specs;
  Pos rparen = kNoPos;
};

struct FuncDecl : Node {
  MW_NODE(FuncDecl)
  CommentGroup* doc = nullptr;
  FieldList* recv = nullptr;
  Ident* name = nullptr;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};

// A top-level declaration that was indexed but not parsed
// (ParseOptions::lazy_decls, for imported files): what it declares and
// where it starts, read by stepping over it. ParseLazyDecl parses it when
// the type checker first needs one of its names.
struct LazyDecl : Node {
  MW_NODE(LazyDecl)
  Token tok = Token::kIllegal;  // kFunc, kType, kVar or kConst
  Pos from = kNoPos;            // the keyword
  Pos to = kNoPos;              // one past the last byte
  List<Ident> names;            // declared names in source order; funcs: the one name
  List<Ident> aliases;          // types declared as aliases (type A = B), among names
  // Methods: the receiver's base type name, and whether it is a pointer.
  bool is_method = false;
  bool pointer_recv = false;
  Ident* recv_base = nullptr;
  // Where to parse it from, and what ParseLazyDecl made of it.
  const SourceFile* source = nullptr;
  Arena* arena = nullptr;
  mutable Decl* parsed = nullptr;
};

struct File : Node {
  MW_NODE(File)
  CommentGroup* doc = nullptr;
  Pos package = kNoPos;
  Ident* name = nullptr;
  List<Decl> decls;
  List<CommentGroup> comments;
};

#undef MW_NODE

}  // namespace mw::syntax

#endif  // MAPWARDEN_SYNTAX_AST_H_

// Parser core: token stream, comment grouping, error reporting and
// recovery, and the file entry point.
#include "syntax/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "syntax/parser_internal.h"

namespace mw::syntax {
namespace internal {
namespace {

// go/parser allows 100,000; a tenth keeps the deepest parse within 64 MiB of
// stack even under AddressSanitizer, and no real program comes close.
constexpr int kMaxNestLev = 10000;

bool InSet(TokenSet set, Token t) {
  switch (set) {
    case TokenSet::kStmtStart:
      switch (t) {
        case Token::kBreak:
        case Token::kConst:
        case Token::kContinue:
        case Token::kDefer:
        case Token::kFallthrough:
        case Token::kFor:
        case Token::kGo:
        case Token::kGoto:
        case Token::kIf:
        case Token::kReturn:
        case Token::kSelect:
        case Token::kSwitch:
        case Token::kType:
        case Token::kVar:
          return true;
        default:
          return false;
      }
    case TokenSet::kDeclStart:
      return t == Token::kConst || t == Token::kType || t == Token::kVar;
    case TokenSet::kExprEnd:
      switch (t) {
        case Token::kComma:
        case Token::kColon:
        case Token::kSemicolon:
        case Token::kRParen:
        case Token::kRBrack:
        case Token::kRBrace:
          return true;
        default:
          return false;
      }
  }
  return false;
}

}  // namespace

Parser::Parser(const SourceFile& src, Arena* arena, const ParseOptions& options,
               std::vector<SyntaxError>* errors, Pos start)
    : src_(src),
      arena_(arena),
      options_(options),
      id_counter_(options.node_ids != nullptr ? options.node_ids : &own_ids_),
      errors_(errors),
      scanner_(
          src.content(), arena,
          [this](Pos pos, std::string msg) {
            // Scanner errors bypass the parser's per-line filter, as in Go.
            errors_->push_back({pos, src_.Position(pos), std::move(msg)});
          },
          options.comments) {
  if (start > 0) scanner_.Seek(start);
  Next();
}

void Parser::Next0() {
  TokenInfo t = scanner_.Scan();
  pos_ = t.pos;
  tok_ = t.tok;
  lit_ = t.lit;
}

// Consumes a comment and returns it with the line on which it ends.
Comment* Parser::ConsumeComment(int* endline) {
  // /*-style comments may end on a different line than where they start.
  *endline = Line(pos_);
  if (lit_[1] == '*') {
    *endline += static_cast<int>(std::count(lit_.begin(), lit_.end(), '\n'));
  }
  Comment* c = New<Comment>();
  c->slash = pos_;
  c->text = lit_;
  Next0();
  return c;
}

// Consumes a group of adjacent comments (at most n lines apart) and records
// it in the file's comment list.
CommentGroup* Parser::ConsumeCommentGroup(int n, int* endline) {
  SmallVector<Comment*> list;
  *endline = Line(pos_);
  while (tok_ == Token::kComment && Line(pos_) <= *endline + n) {
    list.push_back(ConsumeComment(endline));
  }
  CommentGroup* g = New<CommentGroup>();
  g->list = MakeList(list);
  comments_.push_back(g);
  return g;
}

// Advances to the next non-comment token, attaching comments: a group on
// the previous token's line is a line comment; a group ending on the line
// before the next token is a lead comment (a doc comment).
void Parser::Next() {
  lead_comment_ = nullptr;
  line_comment_ = nullptr;
  const Pos prev = pos_;
  Next0();
  if (tok_ != Token::kComment) return;
  CommentGroup* comment = nullptr;
  int endline = 0;
  if (prev != kNoPos && Line(pos_) == Line(prev)) {
    comment = ConsumeCommentGroup(0, &endline);
    if (Line(pos_) != endline || tok_ == Token::kEOF) line_comment_ = comment;
  }
  endline = -1;
  while (tok_ == Token::kComment) comment = ConsumeCommentGroup(1, &endline);
  if (endline + 1 == Line(pos_)) lead_comment_ = comment;
}

void Parser::Error(Pos pos, std::string msg) {
  LineCol where = src_.Position(pos);
  if (!options_.all_errors) {
    // Keep only the first error per line; give up after ten.
    if (!errors_->empty() && errors_->back().where.line == where.line) return;
    if (errors_->size() > 10) throw Bailout{};
  }
  errors_->push_back({pos, where, std::move(msg)});
}

void Parser::ErrorExpected(Pos pos, std::string msg) {
  msg = "expected " + msg;
  if (pos == pos_) {
    // The error is at the current token: say what was found.
    if (tok_ == Token::kSemicolon && lit_ == "\n") {
      msg += ", found newline";
    } else if (IsLiteral(tok_)) {
      msg += ", found ";
      msg += lit_;
    } else {
      msg += ", found '";
      msg += TokenString(tok_);
      msg += "'";
    }
  }
  Error(pos, std::move(msg));
}

Pos Parser::Expect(Token tok) {
  const Pos pos = pos_;
  if (tok_ != tok) ErrorExpected(pos, "'" + std::string(TokenString(tok)) + "'");
  Next();  // make progress
  return pos;
}

// Like Expect, but returns kNoPos when the token is missing.
Pos Parser::Expect2(Token tok) {
  Pos pos = kNoPos;
  if (tok_ == tok) {
    pos = pos_;
  } else {
    ErrorExpected(pos_, "'" + std::string(TokenString(tok)) + "'");
  }
  Next();
  return pos;
}

Pos Parser::ExpectClosing(Token tok, const char* context) {
  if (tok_ != tok && tok_ == Token::kSemicolon && lit_ == "\n") {
    Error(pos_, std::string("missing ',' before newline in ") + context);
    Next();
  }
  return Expect(tok);
}

void Parser::ExpectSemi() {
  // A semicolon is optional before a closing ')' or '}'.
  if (tok_ == Token::kRParen || tok_ == Token::kRBrace) return;
  switch (tok_) {
    case Token::kComma:
      // Permit a ',' instead of a ';' but complain.
      ErrorExpected(pos_, "';'");
      Next();
      break;
    case Token::kSemicolon:
      Next();
      break;
    default:
      ErrorExpected(pos_, "';'");
      Advance(TokenSet::kStmtStart);
      break;
  }
}

bool Parser::AtComma(const char* context, Token follow) {
  if (tok_ == Token::kComma) return true;
  if (tok_ != follow) {
    std::string msg = "missing ','";
    if (tok_ == Token::kSemicolon && lit_ == "\n") msg += " before newline";
    Error(pos_, msg + " in " + context);
    return true;  // "insert" the comma and continue
  }
  return false;
}

// Skips to a token of `to`, making sure the parser keeps progressing.
void Parser::Advance(TokenSet to) {
  for (; tok_ != Token::kEOF; Next()) {
    if (InSet(to, tok_)) {
      // Return only if the parser made progress since the last sync, or
      // has not synced here too often (keywords can be errors themselves).
      if (pos_ == sync_pos_ && sync_cnt_ < 10) {
        ++sync_cnt_;
        return;
      }
      if (pos_ > sync_pos_) {
        sync_pos_ = pos_;
        sync_cnt_ = 0;
        return;
      }
    }
  }
}

// A position clamped to the file, for End() values of broken nodes.
Pos Parser::SafePos(Pos pos) const {
  if (pos < 0 || static_cast<size_t>(pos) > src_.size()) return static_cast<Pos>(src_.size());
  return pos;
}

void Parser::IncNest() {
  if (++nest_lev_ > kMaxNestLev) {
    Error(pos_, "exceeded max nesting depth");
    throw Bailout{};
  }
}

FieldList* Parser::NewFieldList(Pos opening, const SmallVector<Field*>& list, Pos closing) {
  FieldList* f = New<FieldList>();
  f->opening = opening;
  f->list = MakeList(list);
  f->closing = closing;
  return f;
}

BadExpr* Parser::NewBadExpr(Pos from, Pos to) {
  BadExpr* b = New<BadExpr>();
  b->from = from;
  b->to = to;
  return b;
}

BadStmt* Parser::NewBadStmt(Pos from, Pos to) {
  BadStmt* b = New<BadStmt>();
  b->from = from;
  b->to = to;
  return b;
}

Ident* Parser::NewIdent(Pos pos, std::string_view name) {
  Ident* i = New<Ident>();
  i->name_pos = pos;
  i->name = name;
  return i;
}

Expr* Parser::PackIndexExpr(Expr* x, Pos lbrack, const SmallVector<Expr*>& exprs, Pos rbrack) {
  if (exprs.size() == 1) {
    IndexExpr* e = New<IndexExpr>();
    e->x = x;
    e->lbrack = lbrack;
    e->index = exprs[0];
    e->rbrack = rbrack;
    return e;
  }
  IndexListExpr* e = New<IndexListExpr>();
  e->x = x;
  e->lbrack = lbrack;
  e->indices = MakeList(exprs);
  e->rbrack = rbrack;
  return e;
}

// Ident = identifier .
Ident* Parser::ParseIdent() {
  const Pos pos = pos_;
  std::string_view name = "_";
  if (tok_ == Token::kIdent) {
    name = lit_;
    Next();
  } else {
    Expect(Token::kIdent);  // use Expect's error handling
  }
  return NewIdent(pos, name);
}

// IdentifierList = identifier { "," identifier } .
SmallVector<Ident*> Parser::ParseIdentList() {
  SmallVector<Ident*> list{ParseIdent()};
  while (tok_ == Token::kComma) {
    Next();
    list.push_back(ParseIdent());
  }
  return list;
}

// ExpressionList = Expression { "," Expression } .
SmallVector<Expr*> Parser::ParseExprList() {
  SmallVector<Expr*> list{CheckExpr(ParseExpr())};
  while (tok_ == Token::kComma) {
    Next();
    list.push_back(CheckExpr(ParseExpr()));
  }
  return list;
}

SmallVector<Expr*> Parser::ParseList(bool in_rhs) {
  const bool old = in_rhs_;
  in_rhs_ = in_rhs;
  SmallVector<Expr*> list = ParseExprList();
  in_rhs_ = old;
  return list;
}

// Chunks are large enough that the counter is touched once per 1,024 nodes,
// and small enough that interleaved files leave few ids unused.
constexpr uint32_t kNodeIdChunk = 1024;

void Parser::TakeNodeIds() {
  id_end_ = std::max(id_end_, next_id_);
  const uint32_t base = id_counter_->next.fetch_add(kNodeIdChunk, std::memory_order_relaxed);
  if (base > kMaxNodeId + 1 - kNodeIdChunk) {
    next_id_ = 0;  // no ids from here on; id_limit_ stays nonzero
    return;
  }
  next_id_ = base;
  id_limit_ = base + kNodeIdChunk;
}

uint32_t Parser::ReturnNodeIds() {
  if (next_id_ == 0) return id_end_;
  uint32_t expected = id_limit_;
  id_counter_->next.compare_exchange_strong(expected, next_id_, std::memory_order_relaxed);
  id_limit_ = next_id_;
  return std::max(id_end_, next_id_);
}

// SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
File* Parser::ParseFile() {
  // Don't bother parsing the rest if the package clause is broken.
  if (!errors_->empty()) return nullptr;
  CommentGroup* doc = lead_comment_;
  const Pos pos = Expect(Token::kPackage);
  Ident* ident = ParseIdent();
  ExpectSemi();
  if (!errors_->empty()) return nullptr;
  SmallVector<Decl*> decls;
  while (tok_ == Token::kImport) decls.push_back(ParseGenDecl(Token::kImport));
  while (tok_ != Token::kEOF) {
    decls.push_back(options_.lazy_decls ? IndexOrParseDecl() : ParseDecl(TokenSet::kDeclStart));
  }
  File* f = New<File>();
  f->doc = doc;
  f->package = pos;
  f->name = ident;
  f->decls = MakeList(decls);
  f->comments = MakeList(comments_);
  return f;
}

}  // namespace internal

std::string ParsedFile::FormatError(const SyntaxError& e) const {
  return fmt::format("{}:{}:{}: {}", source->path(), e.where.line, e.where.column, e.message);
}

ParsedFile ParseFile(std::string path, std::string content, const ParseOptions& options) {
  ParsedFile out;
  out.source = std::make_unique<SourceFile>(std::move(path), std::move(content));
  // An indexed file's tree is a few nodes per declaration (3.9 MB for the
  // 5.8 MB the go/... packages import, against 8 MB parsed whole); the
  // declarations parsed later take small blocks.
  const size_t size = out.source->size();
  out.arena =
      std::make_unique<Arena>(std::max<size_t>(4096, options.lazy_decls ? size / 4 : size * 2));
  internal::Parser p(*out.source, out.arena.get(), options, &out.errors);
  try {
    out.file = p.ParseFile();
  } catch (const internal::Bailout&) {
    out.file = nullptr;
  }
  out.node_id_end = p.ReturnNodeIds();
  if (options.lazy_decls) out.arena->set_block_size(16 << 10);
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const SyntaxError& a, const SyntaxError& b) {
                     if (a.where.line != b.where.line) return a.where.line < b.where.line;
                     if (a.where.column != b.where.column) return a.where.column < b.where.column;
                     return a.message < b.message;
                   });
  return out;
}

}  // namespace mw::syntax

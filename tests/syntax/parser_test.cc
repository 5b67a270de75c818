// Hand-written parser and lexer tests, including syntax newer than the
// Go 1.19 oracle can check, and error reporting.
#include "syntax/parser.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "syntax/ast_dump.h"
#include "syntax/scanner.h"
#include "syntax/walk.h"

namespace mw::syntax {
namespace {

ParsedFile Parse(const std::string& src) { return ParseFile("t.go", src); }

std::string Dump(const std::string& src) {
  ParsedFile pf = Parse(src);
  EXPECT_TRUE(pf.ok()) << (pf.errors.empty() ? "" : pf.FormatError(pf.errors[0]));
  std::string out;
  if (pf.file) DumpAst(pf.file, &out);
  return out;
}

std::vector<Token> Tokens(const std::string& src) {
  Arena arena;
  Scanner s(src, &arena, nullptr, false);
  std::vector<Token> out;
  for (;;) {
    TokenInfo t = s.Scan();
    out.push_back(t.tok);
    if (t.tok == Token::kEOF) return out;
  }
}

TEST(Scanner, SemicolonInsertion) {
  EXPECT_EQ(Tokens("x\ny"), (std::vector<Token>{Token::kIdent, Token::kSemicolon, Token::kIdent,
                                                Token::kSemicolon, Token::kEOF}));
  EXPECT_EQ(Tokens("return /* c */\n"),
            (std::vector<Token>{Token::kReturn, Token::kSemicolon, Token::kEOF}));
  EXPECT_EQ(Tokens("x++ // c\n}"),
            (std::vector<Token>{Token::kIdent, Token::kInc, Token::kSemicolon, Token::kRBrace,
                                Token::kSemicolon, Token::kEOF}));
  EXPECT_EQ(Tokens("a +\nb"), (std::vector<Token>{Token::kIdent, Token::kAdd, Token::kIdent,
                                                  Token::kSemicolon, Token::kEOF}));
}

TEST(Scanner, EveryLiteralForm) {
  for (const char* lit :
       {"0x_1F", "0b1010", "0o17", "017", "1_000_000", "3.14e-2", "0x1p-2", ".5", "1e3i",
        "0x1.8p1i", "'\\u00e9'", "'\\x41'", "'\\''", "`raw\nstr`", "\"esc\\t\\\"\"", "'日'"}) {
    std::vector<SyntaxError> errors;
    Arena arena;
    Scanner s(
        lit, &arena,
        [&](Pos p, std::string m) {
          errors.push_back({p, {}, m});
        },
        false);
    TokenInfo t = s.Scan();
    EXPECT_TRUE(IsLiteral(t.tok)) << lit;
    EXPECT_EQ(t.lit, lit);
    EXPECT_TRUE(errors.empty()) << lit << ": " << errors[0].message;
  }
}

TEST(Scanner, LiteralErrors) {
  struct Case {
    const char* src;
    const char* message;
  } cases[] = {
      {"0x", "hexadecimal literal has no digits"},
      {"09", "invalid digit '9' in octal literal"},
      {"1__0", "'_' must separate successive digits"},
      {"0x1.0", "hexadecimal mantissa requires a 'p' exponent"},
      {"'ab'", "illegal rune literal"},
      {"\"unterminated", "string literal not terminated"},
      {"'\\q'", "unknown escape sequence"},
      {"/* open", "comment not terminated"},
      {"@", "illegal character U+0040 '@'"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> errors;
    Arena arena;
    Scanner s(
        c.src, &arena, [&](Pos, std::string m) { errors.push_back(m); }, false);
    while (s.Scan().tok != Token::kEOF) {
    }
    ASSERT_FALSE(errors.empty()) << c.src;
    EXPECT_EQ(errors[0], c.message) << c.src;
  }
}

TEST(Parser, GenericsAndNewerSyntax) {
  // Constraints with ~ and |, instantiation, range over int and over
  // functions (Go 1.22/1.23), min/max/clear builtins.
  const char* src = R"(package p

type Number interface{ ~int | ~int64 | ~float64 }

type Set[K comparable, V any] map[K]V

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func Seq(yield func(int) bool) {}

func f() {
	for i := range 10 {
		_ = i
	}
	for x := range Seq {
		_ = x
	}
	m := Set[string, int]{}
	clear(m)
	_ = min(1, 2) + max(3, 4)
	_ = Sum[int](1, 2)
}
)";
  std::string dump = Dump(src);
  EXPECT_NE(dump.find("IndexListExpr"), std::string::npos);
  EXPECT_NE(dump.find("UnaryExpr"), std::string::npos);  // ~int
  EXPECT_NE(dump.find("Op=|"), std::string::npos);
  EXPECT_NE(dump.find("RangeStmt"), std::string::npos);
  EXPECT_NE(dump.find("TypeParams: FieldList"), std::string::npos);
}

TEST(Scanner, LineCommentTextAtEveryWordOffset) {
  // //-comments are skipped eight bytes at a time; a byte that needs
  // attention (NUL, CR, non-ASCII, the newline) must stop that at any
  // offset within a word.
  for (std::string stop : {std::string(), std::string("\r"), std::string("\xc3\xa9"),
                           std::string(1, '\0'), std::string("\xff")}) {
    for (size_t k = 0; k < 24; ++k) {
      const std::string text = "// " + std::string(k, 'a') + stop + std::string(11, 'b');
      const std::string src = text + "\nx";
      std::vector<std::string> errors;
      Arena arena;
      Scanner s(
          src, &arena, [&](Pos, std::string m) { errors.push_back(m); }, true);
      TokenInfo comment = s.Scan();
      ASSERT_EQ(comment.tok, Token::kComment);
      EXPECT_EQ(comment.pos, 0);
      std::string want = text;
      if (stop == "\r") want.erase(3 + k, 1);  // go/scanner drops a comment's CRs
      EXPECT_EQ(comment.lit, want) << k;
      TokenInfo x = s.Scan();
      EXPECT_EQ(x.tok, Token::kIdent);
      EXPECT_EQ(x.pos, static_cast<Pos>(text.size() + 1)) << k;
      if (stop == std::string(1, '\0')) {
        ASSERT_EQ(errors.size(), 1u) << k;
        EXPECT_EQ(errors[0], "illegal character NUL");
      } else if (stop == "\xff") {
        ASSERT_EQ(errors.size(), 1u) << k;
        EXPECT_EQ(errors[0], "illegal UTF-8 encoding");
      } else {
        EXPECT_TRUE(errors.empty()) << k << ": " << errors[0];
      }
    }
  }
}

TEST(Parser, DocCommentsAttach) {
  ParsedFile pf =
      Parse("package p\n\n// Doc for F.\nfunc F() {} // line\n\n// Doc for T.\ntype T int\n");
  ASSERT_TRUE(pf.ok());
  ASSERT_EQ(pf.file->decls.size, 2u);
  const FuncDecl* f = pf.file->decls[0]->As<FuncDecl>();
  ASSERT_NE(f->doc, nullptr);
  EXPECT_EQ(f->doc->list[0]->text, "// Doc for F.");
  const GenDecl* g = pf.file->decls[1]->As<GenDecl>();
  ASSERT_NE(g->doc, nullptr);
  EXPECT_EQ(pf.file->comments.size, 3u);
}

// The checker collects a function's labels only where the parser saw one.
TEST(Parser, BlocksKnowWhetherTheyHoldLabels) {
  ParsedFile pf = Parse(
      "package p\n"
      "func None() { for {} ; if true { x := 1; _ = x } }\n"
      "func Loop() { if true { outer: for { break outer } } }\n"
      "func Nested() { f := func() { l: goto l }; f() }\n"
      "func Switch(x int) { switch x { case 1: s: for { break s } } }\n"
      "func Select(c chan int) { select { case <-c: t: for { break t } } }\n");
  ASSERT_TRUE(pf.ok()) << pf.FormatError(pf.errors[0]);
  std::vector<bool> has;
  for (const Decl* d : pf.file->decls) has.push_back(d->As<FuncDecl>()->body->has_labels);
  EXPECT_EQ(has, (std::vector<bool>{false, true, true, true, true}));
  const FuncDecl* sw = pf.file->decls[3]->As<FuncDecl>();
  EXPECT_TRUE(sw->body->list[0]->As<SwitchStmt>()->body->has_labels);
  const FuncDecl* none = pf.file->decls[0]->As<FuncDecl>();
  EXPECT_FALSE(none->body->list[0]->As<ForStmt>()->body->has_labels);
}

TEST(Parser, PositionsAndLineTable) {
  ParsedFile pf = Parse("package p\n\nvar x = map[string]int{}\n");
  ASSERT_TRUE(pf.ok());
  const ValueSpec* v = pf.file->decls[0]->As<GenDecl>()->specs[0]->As<ValueSpec>();
  EXPECT_EQ(v->names[0]->name, "x");
  LineCol lc = pf.source->Position(v->values[0]->Start());
  EXPECT_EQ(lc.line, 3);
  EXPECT_EQ(lc.column, 9);
  EXPECT_TRUE(v->values[0]->Is<CompositeLit>());
  EXPECT_TRUE(v->values[0]->As<CompositeLit>()->type->Is<MapType>());
}

TEST(Parser, ErrorsAreReportedLikeGoParser) {
  ParsedFile pf = Parse("package p\nfunc f() {\n\tx := \n}\n");
  ASSERT_FALSE(pf.ok());
  EXPECT_EQ(pf.FormatError(pf.errors[0]), "t.go:4:1: expected operand, found '}'");
  ParsedFile missing = Parse("func f() {}\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.FormatError(missing.errors[0]), "t.go:1:1: expected 'package', found 'func'");
  // One error per line, at most about ten, then the parser gives up.
  std::string many = "package p\n";
  for (int i = 0; i < 50; ++i) many += "var = \n";
  ParsedFile pm = Parse(many);
  EXPECT_LE(pm.errors.size(), 12u);
}

// The verdicts of Go 1.19's go/parser on each path.
TEST(Parser, ImportPathsAreCheckedLikeGoParser) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {R"("fmt")", true},
      {R"("a/b.c-d_e~f+g@h")", true},
      {"`raw/path`", true},
      {R"("\x41b")", true},
      {"\"\xc3\xa9/\xc3\xbc\"", true},
      {R"("a b")", false},
      {R"("a!b")", false},
      {R"("")", false},
      {R"("a\\b")", false},
      {R"("a[b]")", false},
      {R"("a\tb")", false},
      {R"("\u00a0")", false},
      {"\"\xc2\xad\"", false},
  };
  for (const auto& [path, valid] : cases) {
    ParsedFile pf = Parse("package p\nimport " + path + "\n");
    if (valid) {
      EXPECT_TRUE(pf.ok()) << path << ": " << (pf.ok() ? "" : pf.FormatError(pf.errors[0]));
    } else {
      ASSERT_FALSE(pf.ok()) << path;
      EXPECT_EQ(pf.FormatError(pf.errors[0]), "t.go:2:8: invalid import path: " + path);
    }
  }
}

// Skipped bodies keep their braces where a full parse puts them, however
// the body hides braces (strings, runes, raw strings, comments), and the
// declarations after them parse the same.
TEST(Parser, SkippedBodiesMatchTheFullParse) {
  const std::string src =
      "package p\n"
      "func a() { s := \"}{\\\"}\"; r := '}'; q := '\\''; _ = `}\n{`; /* } */ // }\n"
      "\tif true { _ = map[string]int{\"{\": 1} }\n}\n"
      "func (t *T) b(x int) (int, error) { return x, nil }\n"
      "type T struct{ f map[string]int }\n"
      "func c() {}\n";
  ParseOptions skip;
  skip.skip_func_bodies = true;
  ParsedFile full = ParseFile("t.go", src);
  ParsedFile skipped = ParseFile("t.go", src, skip);
  ASSERT_TRUE(full.ok() && skipped.ok());
  ASSERT_EQ(full.file->decls.size, skipped.file->decls.size);
  for (size_t i = 0; i < full.file->decls.size; ++i) {
    const FuncDecl* f = full.file->decls[i]->DynAs<FuncDecl>();
    const FuncDecl* s = skipped.file->decls[i]->DynAs<FuncDecl>();
    ASSERT_EQ(f == nullptr, s == nullptr);
    if (f == nullptr) continue;
    EXPECT_EQ(f->body->lbrace, s->body->lbrace);
    EXPECT_EQ(f->body->rbrace, s->body->rbrace);
    EXPECT_EQ(s->body->list.size, 0u);
    EXPECT_EQ(f->End(), s->End());
  }
  // Literal values and function literals outside bodies: empty, with the
  // braces a full parse finds; [...]T literals keep their elements.
  const std::string vars =
      "package p\n"
      "var a = map[string][]int{\"}\": {1}, `{`: nil}\n"
      "var b = [...]int{1, 2, 3}\n"
      "var c = func(x int) int { if x > 0 { return '}' }; return 0 }\n"
      "var d = T{f: func() {}}.g()\n";
  ParseOptions skip_literals = skip;
  skip_literals.skip_literal_values = true;
  ParsedFile vars_full = ParseFile("t.go", vars);
  ParsedFile vars_skipped = ParseFile("t.go", vars, skip_literals);
  ASSERT_TRUE(vars_full.ok() && vars_skipped.ok());
  std::vector<const Node*> full_nodes, skipped_nodes;
  Inspect(vars_full.file, [&](const Node* n) {
    if (n->Is<CompositeLit>() || n->Is<FuncLit>()) full_nodes.push_back(n);
    return true;
  });
  Inspect(vars_skipped.file, [&](const Node* n) {
    if (n->Is<CompositeLit>() || n->Is<FuncLit>()) skipped_nodes.push_back(n);
    return true;
  });
  // The full parse also has a's inner literal {1} and d's func() {}.
  ASSERT_EQ(full_nodes.size(), 6u);
  ASSERT_EQ(skipped_nodes.size(), 4u);
  const CompositeLit* a = skipped_nodes[0]->As<CompositeLit>();
  EXPECT_EQ(a->elts.size, 0u);
  EXPECT_EQ(a->End(), full_nodes[0]->End());
  const CompositeLit* b = skipped_nodes[1]->As<CompositeLit>();
  EXPECT_EQ(b->elts.size, 3u);  // [...]int: its length is its elements
  const FuncLit* c = skipped_nodes[2]->As<FuncLit>();
  EXPECT_EQ(c->body->list.size, 0u);
  EXPECT_EQ(c->End(), full_nodes[3]->End());
  EXPECT_EQ(skipped_nodes[3]->As<CompositeLit>()->elts.size, 0u);
  EXPECT_EQ(skipped_nodes[3]->End(), full_nodes[4]->End());
  // Bytes the skip cannot read (an unterminated string) fall back to
  // tokens, which report the error as a full parse does.
  const std::string bad = "package p\nfunc a() { s := \"}\n}\nfunc b() {}\n";
  ParsedFile bad_full = ParseFile("t.go", bad);
  ParsedFile bad_skipped = ParseFile("t.go", bad, skip);
  ASSERT_FALSE(bad_full.errors.empty());
  ASSERT_FALSE(bad_skipped.errors.empty());
  EXPECT_EQ(bad_full.FormatError(bad_full.errors[0]),
            bad_skipped.FormatError(bad_skipped.errors[0]));
}

// Every node of a tree but comments.
std::vector<const Node*> Nodes(const ParsedFile& pf) {
  std::vector<const Node*> out = {pf.file, pf.file->name};
  for (const Node* d : pf.file->decls) {
    Inspect(d, [&](const Node* n) {
      out.push_back(n);
      return true;
    });
  }
  return out;
}

// Only expressions (types included) are numbered: they are the keys of
// the checker's records.
bool Numbered(const Node* n) {
  return n->kind >= NodeKind::kBadExpr && n->kind <= NodeKind::kChanType;
}

TEST(Parser, NodeIdsAreUniqueWithinAFileAndBelowItsEnd) {
  ParsedFile pf = Parse(
      "package p\n\nimport \"fmt\"\n\ntype T struct{ m map[string]int }\n\n"
      "func (t *T) F(k string) { t.m[k]++; fmt.Println(k, len(t.m)) }\n");
  ASSERT_TRUE(pf.ok());
  std::set<uint32_t> seen;
  std::vector<const Node*> nodes = Nodes(pf);
  ASSERT_GT(nodes.size(), 20u);
  size_t numbered = 0;
  for (const Node* n : nodes) {
    if (!Numbered(n)) {
      EXPECT_EQ(n->id, 0u) << NodeKindName(n->kind);
      continue;
    }
    ++numbered;
    EXPECT_NE(n->id, 0u) << NodeKindName(n->kind);
    EXPECT_LT(n->id, pf.node_id_end);
    EXPECT_TRUE(seen.insert(n->id).second) << "id " << n->id << " twice";
  }
  EXPECT_GT(numbered, 20u);
  EXPECT_LT(numbered, nodes.size());  // statements, fields, declarations are not
  // Numbered from 1, with none left over.
  EXPECT_EQ(*seen.begin(), 1u);
  EXPECT_EQ(pf.node_id_end, numbered + 1);
}

TEST(Parser, FilesSharingACounterGetDisjointIds) {
  // Parsed on several threads at once, as the loader parses a package.
  NodeIdCounter counter;
  ParseOptions options;
  options.node_ids = &counter;
  std::string src = "package p\n\nfunc F() {\n";
  for (int i = 0; i < 400; ++i) src += "\tx" + std::to_string(i) + " := a.b[c] + f(d, e)\n";
  src += "}\n";
  std::vector<ParsedFile> files(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < files.size(); ++i) {
    threads.emplace_back([&, i] { files[i] = ParseFile("f.go", src, options); });
  }
  for (std::thread& t : threads) t.join();
  std::set<uint32_t> seen;
  uint32_t end = 0;
  size_t total = 0;
  for (const ParsedFile& pf : files) {
    ASSERT_TRUE(pf.ok());
    end = std::max(end, pf.node_id_end);
    for (const Node* n : Nodes(pf)) {
      if (!Numbered(n)) continue;
      ASSERT_NE(n->id, 0u);
      EXPECT_LT(n->id, pf.node_id_end);
      EXPECT_TRUE(seen.insert(n->id).second) << "id " << n->id << " in two files";
      ++total;
    }
  }
  // Dense enough to index an array by: at most a chunk unused per file.
  EXPECT_LE(end, total + files.size() * 1024 + 16);
  // One file after another: the second starts where the first ended.
  NodeIdCounter sequential;
  options.node_ids = &sequential;
  ParsedFile a = ParseFile("a.go", "package p\nvar x = 1\n", options);
  ParsedFile b = ParseFile("b.go", "package p\nvar y = 2\n", options);
  uint32_t b_first = UINT32_MAX;
  for (const Node* n : Nodes(b)) {
    if (Numbered(n)) b_first = std::min<uint32_t>(b_first, n->id);
  }
  EXPECT_EQ(b_first, a.node_id_end);
}

// Indexed declarations (lazy_decls) keep their names, receivers and
// extents, and parse, one at a time, as the whole file does; what the index
// cannot read is parsed at once, with the whole parse's errors.
TEST(Parser, IndexedDeclarationsParseOnFirstUse) {
  const std::string src =
      "package p\n"
      "import \"fmt\"\n"
      "const (\n\tA T = iota * 2\n\tB\n)\n"
      "var x, y = f(\")\", ']', `)`) /* ) */\n"
      "type (\n\tAl = map[string]int\n\tG[K comparable] struct{ m map[K]int }\n)\n"
      "func (g *G[K]) Get(k K) (int, error) { return g.m[k], nil }\n"
      "func (T) M() interface{ N() } { return nil }\n"
      "func asm(x int) struct{ a, b int }\n"
      "var h = func() { _ = map[int]int{1: 2} }\n"
      "func (t (T)) Paren() {}\n"
      "type T int\n";
  const ParseOptions lazy = ImportedFileOptions();
  ParseOptions eager = lazy;
  eager.lazy_decls = false;
  ParsedFile whole = ParseFile("t.go", src, eager);
  ParsedFile index = ParseFile("t.go", src, lazy);
  ASSERT_TRUE(whole.ok() && index.ok());
  ASSERT_EQ(index.file->decls.size, 10u);
  EXPECT_TRUE(index.file->decls[0]->Is<GenDecl>());  // imports are parsed
  auto lazy_decl = [&](size_t i) { return index.file->decls[i]->DynAs<LazyDecl>(); };
  auto names = [](const LazyDecl* d) {
    std::string out;
    for (const Ident* id : d->names) out += std::string(id->name) + " ";
    return out;
  };
  ASSERT_NE(lazy_decl(1), nullptr);
  EXPECT_EQ(names(lazy_decl(1)), "A B ");
  EXPECT_EQ(names(lazy_decl(2)), "x y ");
  EXPECT_EQ(names(lazy_decl(3)), "Al G ");
  ASSERT_EQ(lazy_decl(3)->aliases.size, 1u);
  EXPECT_EQ(lazy_decl(3)->aliases[0]->name, "Al");
  const LazyDecl* get = lazy_decl(4);
  EXPECT_TRUE(get->is_method && get->pointer_recv);
  EXPECT_EQ(get->recv_base->name, "G");
  EXPECT_EQ(names(get), "Get ");
  const LazyDecl* m = lazy_decl(5);
  EXPECT_TRUE(m->is_method && !m->pointer_recv);
  EXPECT_EQ(m->recv_base->name, "T");
  EXPECT_FALSE(lazy_decl(6)->is_method);  // no body
  EXPECT_NE(lazy_decl(7), nullptr);
  EXPECT_TRUE(index.file->decls[8]->Is<FuncDecl>());  // (T) in parentheses: parsed now
  EXPECT_NE(lazy_decl(9), nullptr);
  // Parsed one by one, in any order, the declarations are the whole
  // parse's, with the same extents.
  std::vector<Decl*> decls(index.file->decls.begin(), index.file->decls.end());
  for (size_t i : {7, 2, 9, 1, 4, 3, 6, 5}) {
    const LazyDecl* l = lazy_decl(i);
    decls[i] = ParseLazyDecl(l);
    EXPECT_EQ(ParseLazyDecl(l), decls[i]);  // remembered
    EXPECT_EQ(decls[i]->Start(), l->from);
    EXPECT_EQ(decls[i]->End(), l->to);
  }
  File parsed = *index.file;
  parsed.decls.data = decls.data();
  std::string want, got;
  DumpAst(whole.file, &want);
  DumpAst(&parsed, &got);
  EXPECT_EQ(got, want);
  // Broken declarations are the whole parse's, errors and all.
  for (const char* bad : {"package p\nfunc f()\n{}\n", "package p\nvar x = (1\nfunc g() {}\n",
                          "package p\ntype T struct{ a int\n", "package p\nfunc f() int {\n",
                          "package p\nconst ( A = 1; ]\n", "package p\nfunc (T) M[P any]() {}\n"}) {
    ParsedFile w = ParseFile("t.go", bad, eager);
    ParsedFile l = ParseFile("t.go", bad, lazy);
    ASSERT_FALSE(w.ok()) << bad;
    ASSERT_FALSE(l.ok()) << bad;
    EXPECT_EQ(l.FormatError(l.errors[0]), w.FormatError(w.errors[0])) << bad;
  }
  // Two receivers: valid syntax, left to the type checker to reject, and
  // not a shape the index reads.
  ParsedFile two = ParseFile("t.go", "package p\nfunc (a, b T) M() {}\n", lazy);
  ASSERT_TRUE(two.ok());
  EXPECT_TRUE(two.file->decls[0]->Is<FuncDecl>());
}

TEST(Parser, HostileInputNeverCrashes) {
  std::string deep =
      "package p\nvar x = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
  ParsedFile pf;
  RunWithLargeStack([&] { pf = Parse(deep); });
  EXPECT_TRUE(pf.ok());
  std::string deeper = "package p\nvar x = " + std::string(20000, '[') + "\n";
  ParsedFile bad;
  RunWithLargeStack([&] { bad = Parse(deeper); });
  ASSERT_FALSE(bad.ok());
  bool nesting = false;
  for (const auto& e : bad.errors) nesting = nesting || e.message == "exceeded max nesting depth";
  EXPECT_TRUE(nesting);
  for (std::string junk : {std::string("\xff\xfe"), std::string("package"), std::string(3, '\0'),
                           std::string("package p; func (")}) {
    ParsedFile j = Parse(junk);
    EXPECT_FALSE(j.ok());
  }
}

}  // namespace
}  // namespace mw::syntax

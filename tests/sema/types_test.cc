// TypeString against go/types' output for the same types (recorded from
// go/types 1.19 for a package "ex.com/p").
#include "sema/types.h"

#include <gtest/gtest.h>

#include "sema/checker.h"

namespace mw::sema {
namespace {

TEST(Types, TypeStringMatchesGoTypes) {
  TypeStore s;
  const Type* int_t = s.Basic(BasicKind::kInt);
  const Type* str = s.Basic(BasicKind::kString);
  Type* t = s.NewNamed("ex.com/p", "T");
  t->underlying = int_t;
  Type* st = s.NewNamed("ex.com/p", "S");
  st->underlying = s.Struct({Var{"a", int_t}, Var{"b", int_t}, Var{"T", t, /*embedded=*/true},
                             Var{"c", str, false, "tag"}});
  EXPECT_EQ(TypeString(st, s), "ex.com/p.S");
  EXPECT_EQ(TypeString(st->Underlying(), s), "struct{a int; b int; ex.com/p.T; c string \"tag\"}");

  const Type* m_sig = s.Signature({Var{"x", int_t}}, {Var{"", str}}, false);
  const Type* n_sig = s.Signature({}, {}, false);
  const Type* fmt_sig = s.Signature({Var{"", int_t}}, {}, false);
  const Type* iface = s.Interface(
      {Method{"fmt", "ex.com/p", fmt_sig}, Method{"N", "", n_sig}, Method{"M", "", m_sig}}, {});
  EXPECT_EQ(TypeString(iface, s), "interface{M(x int) string; N(); fmt(int)}");

  const Type* f = s.Signature({Var{"a", int_t}, Var{"b", s.Slice(str)}},
                              {Var{"n", int_t}, Var{"err", s.Error()}}, /*variadic=*/true);
  EXPECT_EQ(TypeString(f, s), "func(a int, b ...string) (n int, err error)");
  const Type* g = s.Signature({Var{"", int_t}, Var{"", str}}, {Var{"", s.Error()}}, false);
  EXPECT_EQ(TypeString(g, s), "func(int, string) error");
  EXPECT_EQ(TypeString(s.Chan(ChanDir::kSendRecv, s.Chan(ChanDir::kRecvOnly, int_t)), s),
            "chan (<-chan int)");
  EXPECT_EQ(TypeString(s.Map(str, s.Slice(s.Pointer(st))), s), "map[string][]*ex.com/p.S");
  EXPECT_EQ(TypeString(s.EmptyInterface(), s), "interface{}");
  EXPECT_EQ(TypeString(s.Any(), s), "any");
  EXPECT_EQ(TypeString(s.Basic(BasicKind::kUntypedInt), s), "untyped int");
  EXPECT_EQ(TypeString(s.Basic(BasicKind::kUnsafePointer), s), "unsafe.Pointer");
  EXPECT_EQ(TypeString(s.Array(4, s.Basic(BasicKind::kUint8)), s), "[4]uint8");

  Type* gen = s.NewNamed("ex.com/p", "G");
  Type* k = s.NewTypeParam("K", s.Comparable());
  Type* v = s.NewTypeParam("V", s.Any());
  gen->type_params = {k, v};
  gen->underlying = s.Map(k, v);
  EXPECT_EQ(TypeString(gen, s), "ex.com/p.G[K comparable, V any]");
  EXPECT_EQ(TypeString(gen->Underlying(), s), "map[K]V");
  const Type* inst = s.Instance(gen, {str, int_t});
  EXPECT_EQ(TypeString(inst, s), "ex.com/p.G[string, int]");
  EXPECT_EQ(s.Instance(gen, {str, int_t}), inst);  // instances are shared
  // The checker substitutes an instance's underlying type.
  EXPECT_EQ(inst->underlying, nullptr);
  FillInstance(&s, inst);
  EXPECT_TRUE(inst->IsMap());
  EXPECT_EQ(TypeString(inst->Underlying(), s), "map[string]int");
}

TEST(Types, IdenticalTypesAreInterned) {
  TypeStore s;
  const Type* a = s.Map(s.Basic(BasicKind::kString), s.Slice(s.Basic(BasicKind::kInt)));
  const Type* b = s.Map(s.Basic(BasicKind::kString), s.Slice(s.Basic(BasicKind::kInt)));
  EXPECT_EQ(a, b);
  EXPECT_TRUE(a->IsMap());
  Type* n1 = s.NewNamed("p", "M");
  n1->underlying = a;
  EXPECT_TRUE(n1->IsMap());
  EXPECT_NE(static_cast<const Type*>(n1), a);
  EXPECT_FALSE(s.Pointer(n1)->IsMap());
}

// Structs, signatures, tuples and interfaces are interned by structure:
// every field that tells two types apart must keep them apart.
TEST(Types, InterningKeepsEveryDistinguishingField) {
  TypeStore s;
  const Type* i = s.Basic(BasicKind::kInt);
  const Type* str = s.Basic(BasicKind::kString);
  EXPECT_EQ(s.Struct({Var{"a", i}, Var{"b", str, false, "json:\"b\""}}),
            s.Struct({Var{"a", i}, Var{"b", str, false, "json:\"b\""}}));
  const Type* base = s.Struct({Var{"a", i}});
  EXPECT_NE(base, s.Struct({Var{"b", i}}));                // field name
  EXPECT_NE(base, s.Struct({Var{"a", str}}));              // field type
  EXPECT_NE(base, s.Struct({Var{"a", i, true}}));          // embedded
  EXPECT_NE(base, s.Struct({Var{"a", i, false, "x"}}));    // tag
  EXPECT_NE(base, s.Struct({Var{"a", i}, Var{"a2", i}}));  // field count
  EXPECT_NE(s.Struct({Var{"ab", i}, Var{"", i}}), s.Struct({Var{"a", i}, Var{"b", i}}));
  const Type* f = s.Signature({Var{"x", i}}, {Var{"", str}}, false);
  EXPECT_EQ(f, s.Signature({Var{"x", i}}, {Var{"", str}}, false));
  EXPECT_NE(f, s.Signature({Var{"x", i}}, {Var{"", str}}, true));  // variadic
  EXPECT_NE(f, s.Signature({Var{"x", i}}, {}, false));             // results
  EXPECT_NE(f, s.Signature({}, {Var{"x", i}, Var{"", str}}, false));
  EXPECT_NE(s.Tuple({Var{"", i}}), s.Tuple({Var{"", str}}));
  EXPECT_EQ(s.Tuple({Var{"", i}, Var{"", str}}), s.Tuple({Var{"", i}, Var{"", str}}));
  const Type* m = s.Interface({Method{"M", "", f}}, {});
  EXPECT_EQ(m, s.Interface({Method{"M", "", f}}, {}));
  EXPECT_NE(m, s.Interface({Method{"m", "", f}}, {}));  // name
  EXPECT_NE(s.Interface({Method{"m", "p", f}}, {}),     // unexported: package
            s.Interface({Method{"m", "q", f}}, {}));
  EXPECT_NE(m, s.Interface({Method{"M", "", s.Signature({}, {}, false)}}, {}));
  EXPECT_NE(m, s.Interface({Method{"M", "", f}}, {}, /*implicit=*/true));
  EXPECT_NE(s.Interface({}, {i}), s.Interface({}, {str}));                        // embedded terms
  EXPECT_NE(s.Union({i, str}, {true, false}), s.Union({i, str}, {false, true}));  // tildes
}

}  // namespace
}  // namespace mw::sema

// NodeMap: an array indexed by node id with a hash map beside it.
#include "sema/node_map.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "base/arena.h"

namespace mw::sema {
namespace {

syntax::Ident* NewIdent(Arena* arena, uint32_t id) {
  syntax::Ident* n = arena->New<syntax::Ident>();
  n->id = id;
  return n;
}

TEST(NodeMap, FindsEveryNodeWhereverItIsKept) {
  Arena arena;
  NodeMap<const syntax::Ident*, int> m;
  m.reserve_ids(10);
  std::vector<const syntax::Ident*> nodes = {
      NewIdent(&arena, 1),   // in the array
      NewIdent(&arena, 9),   // its last slot
      NewIdent(&arena, 0),   // no id: the hash map
      NewIdent(&arena, 10),  // past the array
      NewIdent(&arena, 1),   // the same id as the first (another package's node)
      NewIdent(&arena, 5),
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    auto [it, fresh] = m.emplace(nodes[i], static_cast<int>(i));
    EXPECT_TRUE(fresh);
    EXPECT_EQ(it->first, nodes[i]);
    EXPECT_EQ(it->second, static_cast<int>(i));
  }
  EXPECT_EQ(m.size(), nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    auto it = m.find(nodes[i]);
    ASSERT_NE(it, m.end()) << i;
    EXPECT_EQ(it->second, static_cast<int>(i));
    EXPECT_EQ(m.count(nodes[i]), 1u);
  }
  // Inserting again finds the entry; operator[] updates it.
  EXPECT_FALSE(m.emplace(nodes[4], 99).second);
  m[nodes[4]] = 40;
  m[nodes[0]] = 7;
  EXPECT_EQ(m.find(nodes[4])->second, 40);
  EXPECT_EQ(m.find(nodes[0])->second, 7);
  EXPECT_EQ(m.size(), nodes.size());
  // Absent nodes: with a free slot, a slot another node holds, no id.
  EXPECT_EQ(m.find(NewIdent(&arena, 3)), m.end());
  EXPECT_EQ(m.find(NewIdent(&arena, 5)), m.end());
  EXPECT_EQ(m.count(NewIdent(&arena, 0)), 0u);
  const auto& cm = m;
  EXPECT_EQ(cm.find(nodes[3])->second, 3);
  EXPECT_EQ(cm.find(NewIdent(&arena, 2)), cm.end());
}

TEST(NodeMap, IteratesOverBothPartsOnce) {
  Arena arena;
  NodeMap<const syntax::Ident*, int> m;
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.begin(), m.end());
  m.reserve_ids(100);
  EXPECT_EQ(m.begin(), m.end());
  std::map<const syntax::Ident*, int> want;
  for (uint32_t i = 0; i < 60; ++i) {
    // Ids 0, 3, 6, ...: some past the array, one without an id.
    const syntax::Ident* n = NewIdent(&arena, i * 3);
    m[n] = static_cast<int>(i);
    want[n] = static_cast<int>(i);
  }
  std::map<const syntax::Ident*, int> got;
  for (const auto& [n, v] : m) EXPECT_TRUE(got.emplace(n, v).second);
  EXPECT_EQ(got, want);
  const auto& cm = m;
  size_t n = 0;
  for (auto it = cm.begin(); it != cm.end(); ++it) ++n;
  EXPECT_EQ(n, want.size());
  // Only the hash map, and only the array.
  NodeMap<const syntax::Ident*, int> hashed;
  hashed[NewIdent(&arena, 4)] = 1;
  EXPECT_EQ(++hashed.begin(), hashed.end());
  NodeMap<const syntax::Ident*, int> dense;
  dense.reserve_ids(8);
  dense[NewIdent(&arena, 4)] = 1;
  EXPECT_EQ(++dense.begin(), dense.end());
}

}  // namespace
}  // namespace mw::sema

#include "pprof/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "base/go_arith.h"
#include "base/parallel.h"
#include "base/strings.h"

namespace mw::pprof {

std::string NodeInfo::PrintableName() const {
  std::string out;
  auto add = [&out](std::string_view s) {
    if (!out.empty()) out += ' ';
    out.append(s);
  };
  if (address != 0) add(fmt::format("{:016x}", address));
  if (!name.empty()) add(name);
  if (lineno != 0) {
    add(fmt::format("{}:{}", file, lineno));
  } else if (!file.empty()) {
    add(file);
  } else if (!name.empty()) {
  } else if (!objfile.empty()) {
    std::string bracketed(1, '[');
    bracketed.append(BaseName(objfile));
    bracketed.push_back(']');
    add(bracketed);
  } else {
    add("<unknown>");
  }
  return out;
}

std::string NodeInfo::GoStructString() const {
  return fmt::format("{{{} {} {} {} {} {} {}}}", name, orig_name, address, file, start_line, lineno,
                     objfile);
}

std::string TrimReportPath(const std::string& path) {
  for (std::string_view prefix : {"/proc/self/cwd/./", "/proc/self/cwd/"}) {
    if (StartsWith(path, prefix)) return path.substr(prefix.size());
  }
  return path;
}

GraphBuilder::GraphBuilder(const Profile& p, const GraphOptions& options)
    : p_(p), options_(options) {
  std::unordered_map<std::string, int32_t> index;
  auto intern = [&](NodeInfo info) -> int32_t {
    std::string key = info.GoStructString();
    key += '\x1f';
    key += info.name;  // names may contain spaces; keep the key unambiguous
    key += '\x1f';
    key += info.file;
    auto [it, inserted] = index.emplace(std::move(key), static_cast<int32_t>(infos_.size()));
    if (inserted) {
      printable_.push_back(info.PrintableName());
      infos_.push_back(std::move(info));
    }
    return it->second;
  };
  std::vector<std::string> clean_file(p.functions.size());
  for (size_t i = 0; i < p.functions.size(); ++i) {
    const std::string& f = p.functions[i].filename;
    if (!f.empty()) clean_file[i] = CleanPath(TrimReportPath(f));
  }
  loc_begin_.reserve(p.locations.size() + 1);
  for (const Location& l : p.locations) {
    loc_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
    std::string objfile;
    if (l.mapping != kNone) objfile = p.mappings[static_cast<size_t>(l.mapping)].file;
    if (l.lines.empty()) {
      NodeInfo ni;
      ni.address = l.address;
      ni.objfile = objfile;
      loc_nodes_.push_back(intern(std::move(ni)));
      continue;
    }
    for (const Line& ln : l.lines) {
      NodeInfo ni;
      ni.address = l.address;
      if (ln.function == kNone) {
        ni.objfile = objfile;
      } else {
        const Function& fn = p.functions[static_cast<size_t>(ln.function)];
        ni.lineno = ln.line;
        ni.name = fn.name;
        ni.file = clean_file[static_cast<size_t>(ln.function)];
        if (options_.obj_names || ni.name.empty()) {
          ni.objfile = objfile;
          ni.start_line = fn.start_line;
        }
      }
      loc_nodes_.push_back(intern(std::move(ni)));
    }
  }
  loc_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
}

namespace {

// What one thread accumulates over its share of the samples.
struct PartialGraph {
  std::vector<int64_t> flat, cum;
  std::vector<Edge> edges;
  // Out-edges per source node: (dst, edge index), searched linearly; call
  // graphs have few distinct callees per node. A node with many (a
  // recursive frame between every pair of calls has tens of thousands in
  // google/pprof's large.cpu) moves its edges into `wide`, or every sample
  // through it scans them all.
  std::vector<std::vector<std::pair<int32_t, int32_t>>> out;
  std::unordered_map<uint64_t, int32_t> wide;
  static constexpr size_t kMaxLinearOut = 32;

  explicit PartialGraph(size_t n) : flat(n, 0), cum(n, 0), out(n) {}

  Edge& FindOrAddEdge(int32_t src, int32_t dst, bool is_inline) {
    auto& outs = out[static_cast<size_t>(src)];
    const auto index = static_cast<int32_t>(edges.size());
    if (outs.size() <= kMaxLinearOut) {
      for (const auto& [d, idx] : outs) {
        if (d == dst) return edges[static_cast<size_t>(idx)];
      }
      outs.emplace_back(dst, index);
      if (outs.size() > kMaxLinearOut) {
        for (const auto& [d, idx] : outs) wide.emplace(Key(src, d), idx);
      }
    } else {
      auto [it, added] = wide.emplace(Key(src, dst), index);
      if (!added) return edges[static_cast<size_t>(it->second)];
    }
    Edge e;
    e.src = src;
    e.dst = dst;
    e.is_inline = is_inline;
    edges.push_back(e);
    return edges.back();
  }

  static uint64_t Key(int32_t src, int32_t dst) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(src)) << 32) | static_cast<uint32_t>(dst);
  }
};

}  // namespace

Graph GraphBuilder::Build(const std::vector<bool>& kept_bits) const {
  const size_t n_ids = infos_.size();
  std::vector<uint8_t> kept(n_ids, 1);
  if (!kept_bits.empty()) {
    for (size_t i = 0; i < n_ids; ++i) kept[i] = kept_bits[i] ? 1 : 0;
  }
  const size_t nv = p_.num_values();
  const int si = options_.sample_index;
  // pprof's newGraph, over a slice of the samples. Flat and cum sums and
  // edge weights add up across slices; an edge is inline only if every
  // contribution was (AND) and residual if any was (OR).
  auto build = [&](size_t begin, size_t end, PartialGraph* g) {
    std::vector<uint32_t> node_stamp(n_ids, 0);
    std::vector<uint32_t> edge_stamp;
    uint32_t stamp = 0;
    for (size_t s = begin; s < end; ++s) {
      const int64_t w = p_.sample_values[s * nv + static_cast<size_t>(si)];
      if (w == 0) continue;
      ++stamp;
      const Sample& sample = p_.samples[s];
      const uint32_t* locs = p_.sample_locations.data() + sample.loc_begin;
      int32_t parent = -1;
      bool residual = false;
      for (size_t i = sample.loc_count; i-- > 0;) {
        const uint32_t loc = locs[i];
        const uint32_t first = loc_begin_[loc], last = loc_begin_[loc + 1];
        for (uint32_t k = last; k-- > first;) {
          const int32_t n = loc_nodes_[k];
          if (!kept[static_cast<size_t>(n)]) {
            residual = true;
            continue;
          }
          if (node_stamp[static_cast<size_t>(n)] != stamp) {
            node_stamp[static_cast<size_t>(n)] = stamp;
            g->cum[static_cast<size_t>(n)] = WrapAdd(g->cum[static_cast<size_t>(n)], w);
          }
          if (parent >= 0 && n != parent) {
            const bool is_inline = k != last - 1;
            Edge& edge = g->FindOrAddEdge(parent, n, is_inline);
            if (edge.stamp != stamp) {
              edge.stamp = stamp;
              edge.weight = WrapAdd(edge.weight, w);
              if (residual) edge.residual = true;
              if (!is_inline) edge.is_inline = false;
            }
          }
          parent = n;
          residual = false;
        }
      }
      if (parent >= 0 && !residual) {
        g->flat[static_cast<size_t>(parent)] = WrapAdd(g->flat[static_cast<size_t>(parent)], w);
      }
    }
  };
  const size_t n_samples = p_.samples.size();
  // Threads pay off only on large profiles.
  const int workers = n_samples < 20000 ? 1 : WorkerCount();
  std::vector<PartialGraph> parts;
  parts.reserve(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) parts.emplace_back(n_ids);
  ParallelChunks(n_samples, workers, [&](int c, size_t begin, size_t end) {
    build(begin, end, &parts[static_cast<size_t>(c)]);
  });
  PartialGraph& total = parts[0];
  for (size_t c = 1; c < parts.size(); ++c) {
    PartialGraph& part = parts[c];
    for (size_t id = 0; id < n_ids; ++id) {
      total.flat[id] = WrapAdd(total.flat[id], part.flat[id]);
      total.cum[id] = WrapAdd(total.cum[id], part.cum[id]);
    }
    for (const Edge& e : part.edges) {
      Edge& t = total.FindOrAddEdge(e.src, e.dst, e.is_inline);
      t.weight = WrapAdd(t.weight, e.weight);
      t.residual = t.residual || e.residual;
      t.is_inline = t.is_inline && e.is_inline;
    }
  }

  Graph g;
  g.edges = std::move(total.edges);
  std::vector<int32_t> position(n_ids, -1);
  for (size_t id = 0; id < n_ids; ++id) {
    const int64_t flat = total.flat[id], cum = total.cum[id];
    if (cum == 0 && flat == 0) continue;
    if (options_.drop_negative && (flat < 0 || (flat == 0 && cum < 0))) continue;
    position[id] = static_cast<int32_t>(g.nodes.size());
    Node node;
    node.id = static_cast<int32_t>(id);
    node.flat = flat;
    node.cum = cum;
    g.nodes.push_back(std::move(node));
  }
  // pprof's selectNodesForGraph leaves the edges in place: a node keeps its
  // edges from callers that were dropped as zero or negative.
  for (size_t e = 0; e < g.edges.size(); ++e) {
    const int32_t dst = position[static_cast<size_t>(g.edges[e].dst)];
    if (dst >= 0) g.nodes[static_cast<size_t>(dst)].in_edges.push_back(static_cast<int32_t>(e));
  }
  return g;
}

void GraphBuilder::Sort(std::vector<Node>* nodes, NodeOrder order) const {
  auto abs64 = [](int64_t v) { return v < 0 ? -v : v; };
  auto tie = [this](const Node& l, const Node& r) {
    return Info(l.id).GoStructString() < Info(r.id).GoStructString();
  };
  if (order == NodeOrder::kFlatName) {
    std::sort(nodes->begin(), nodes->end(), [&](const Node& l, const Node& r) {
      if (abs64(l.flat) != abs64(r.flat)) return abs64(l.flat) > abs64(r.flat);
      const std::string &ln = Printable(l.id), &rn = Printable(r.id);
      if (ln != rn) return ln < rn;
      if (abs64(l.cum) != abs64(r.cum)) return abs64(l.cum) > abs64(r.cum);
      return tie(l, r);
    });
  } else {
    std::sort(nodes->begin(), nodes->end(), [&](const Node& l, const Node& r) {
      if (abs64(l.cum) != abs64(r.cum)) return abs64(l.cum) > abs64(r.cum);
      const std::string &ln = Printable(l.id), &rn = Printable(r.id);
      if (ln != rn) return ln < rn;
      if (abs64(l.flat) != abs64(r.flat)) return abs64(l.flat) > abs64(r.flat);
      return tie(l, r);
    });
  }
}

}  // namespace mw::pprof

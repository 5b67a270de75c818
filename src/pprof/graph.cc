#include "pprof/graph.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

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
  return fmt::format("{{{} {} {} {} {} {} {}}}", name, orig_name, address, file, start_line,
                     lineno, objfile);
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

Graph GraphBuilder::Build(const std::vector<bool>& kept) const {
  const size_t n_ids = infos_.size();
  std::vector<int64_t> flat(n_ids, 0), cum(n_ids, 0);
  std::vector<uint32_t> node_stamp(n_ids, 0);
  Graph g;
  // Out-edges per source node: (dst, edge index), searched linearly; call
  // graphs have few distinct callees per node.
  std::vector<std::vector<std::pair<int32_t, int32_t>>> out(n_ids);
  const size_t nv = p_.num_values();
  const int si = options_.sample_index;
  const bool keep_all = kept.empty();
  uint32_t stamp = 0;
  for (size_t s = 0; s < p_.samples.size(); ++s) {
    const int64_t w = p_.sample_values[s * nv + static_cast<size_t>(si)];
    if (w == 0) continue;
    ++stamp;
    const Sample& sample = p_.samples[s];
    int32_t parent = -1;
    bool residual = false;
    for (size_t i = sample.loc_count; i-- > 0;) {
      const uint32_t loc = p_.sample_locations[sample.loc_begin + i];
      const uint32_t begin = loc_begin_[loc], end = loc_begin_[loc + 1];
      for (uint32_t k = end; k-- > begin;) {
        const int32_t n = loc_nodes_[k];
        if (!keep_all && !kept[static_cast<size_t>(n)]) {
          residual = true;
          continue;
        }
        if (node_stamp[static_cast<size_t>(n)] != stamp) {
          node_stamp[static_cast<size_t>(n)] = stamp;
          cum[static_cast<size_t>(n)] += w;
        }
        if (parent >= 0 && n != parent) {
          const bool is_inline = k != end - 1;
          auto& outs = out[static_cast<size_t>(parent)];
          int32_t e = -1;
          for (const auto& [dst, idx] : outs) {
            if (dst == n) {
              e = idx;
              break;
            }
          }
          if (e < 0) {
            e = static_cast<int32_t>(g.edges.size());
            Edge edge;
            edge.src = parent;
            edge.dst = n;
            edge.is_inline = is_inline;
            g.edges.push_back(edge);
            outs.emplace_back(n, e);
          }
          Edge& edge = g.edges[static_cast<size_t>(e)];
          if (edge.stamp != stamp) {
            edge.stamp = stamp;
            edge.weight += w;
            if (residual) edge.residual = true;
            if (!is_inline) edge.is_inline = false;
          }
        }
        parent = n;
        residual = false;
      }
    }
    if (parent >= 0 && !residual) flat[static_cast<size_t>(parent)] += w;
  }
  std::vector<int32_t> position(n_ids, -1);
  for (size_t id = 0; id < n_ids; ++id) {
    if (cum[id] == 0 && flat[id] == 0) continue;
    if (options_.drop_negative && (flat[id] < 0 || (flat[id] == 0 && cum[id] < 0))) continue;
    position[id] = static_cast<int32_t>(g.nodes.size());
    Node node;
    node.id = static_cast<int32_t>(id);
    node.flat = flat[id];
    node.cum = cum[id];
    g.nodes.push_back(std::move(node));
  }
  for (size_t e = 0; e < g.edges.size(); ++e) {
    Edge& edge = g.edges[e];
    // Edges are stored by node id; the selected-node list indexes them.
    const int32_t dst = position[static_cast<size_t>(edge.dst)];
    if (dst >= 0 && position[static_cast<size_t>(edge.src)] >= 0) {
      g.nodes[static_cast<size_t>(dst)].in_edges.push_back(static_cast<int32_t>(e));
    } else {
      edge.removed = true;
    }
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

// The call graph pprof builds from samples (internal/graph), for the
// reports mapwarden prints. Node identity, value attribution, residual and
// inline edges, trimming and ordering follow pprof exactly, because report
// output must match `go tool pprof` byte for byte.
#ifndef MAPWARDEN_PPROF_GRAPH_H_
#define MAPWARDEN_PPROF_GRAPH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pprof/profile.h"

namespace mw::pprof {

struct NodeInfo {
  std::string name;
  std::string orig_name;
  uint64_t address = 0;
  std::string file;
  int64_t start_line = 0;
  int64_t lineno = 0;
  std::string objfile;

  // "main.foo /src/x.go:12", as pprof prints a node.
  std::string PrintableName() const;
  // Go's fmt.Sprint of pprof's NodeInfo struct; the last sort tie-break.
  std::string GoStructString() const;
};

struct Edge {
  int32_t src = -1, dst = -1;
  int64_t weight = 0;
  bool residual = false;
  bool is_inline = true;
  uint32_t stamp = 0;  // last sample that added to this edge
};

struct Node {
  int32_t id = -1;  // index into GraphBuilder's node table
  int64_t flat = 0, cum = 0;
  std::vector<int32_t> in_edges;  // indices into Graph::edges
};

struct Graph {
  std::vector<Node> nodes;  // only nodes with a nonzero value
  std::vector<Edge> edges;
};

enum class NodeOrder { kFlatName, kCumName };

struct GraphOptions {
  int sample_index = 0;
  bool drop_negative = false;
  bool obj_names = false;
};

// Interns one node per distinct NodeInfo, then builds graphs from samples,
// optionally restricted to a kept subset of nodes.
class GraphBuilder {
 public:
  GraphBuilder(const Profile& p, const GraphOptions& options);

  // `kept` is indexed by node id; empty means keep all.
  Graph Build(const std::vector<bool>& kept) const;

  const NodeInfo& Info(int32_t id) const { return infos_[static_cast<size_t>(id)]; }
  const std::string& Printable(int32_t id) const { return printable_[static_cast<size_t>(id)]; }
  size_t num_ids() const { return infos_.size(); }

  void Sort(std::vector<Node>* nodes, NodeOrder order) const;

 private:
  const Profile& p_;
  GraphOptions options_;
  std::vector<NodeInfo> infos_;
  std::vector<std::string> printable_;
  // For each location, node ids for its lines, innermost first.
  std::vector<uint32_t> loc_begin_;
  std::vector<int32_t> loc_nodes_;
};

// Trims file paths as pprof's report does with empty -trim_path and
// -source_path: strips "/proc/self/cwd/" prefixes.
std::string TrimReportPath(const std::string& path);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_GRAPH_H_

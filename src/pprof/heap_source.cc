#include "pprof/heap_source.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/file_io.h"
#include "base/strings.h"
#include "load/loader.h"

namespace mw::pprof {

namespace fs = std::filesystem;
using syntax::Node;
using syntax::NodeKind;

std::string_view AllocKindName(AllocKind k) {
  switch (k) {
    case AllocKind::kMapInsert:
      return "map-insert";
    case AllocKind::kMapMake:
      return "map-make";
    case AllocKind::kSlice:
      return "slice";
    case AllocKind::kString:
      return "string";
    case AllocKind::kNew:
      return "new";
    case AllocKind::kClosure:
      return "closure";
    case AllocKind::kOther:
      return "other";
  }
  return "other";
}

bool IsMapKind(AllocKind k) { return k == AllocKind::kMapInsert || k == AllocKind::kMapMake; }

std::string ShortTypeString(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    // A qualified name: a run of path characters with a '/' before the '.'.
    size_t j = i;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '/' ||
                            s[j] == '.' || s[j] == '_' || s[j] == '-' || s[j] == '~')) {
      ++j;
    }
    if (j == i) {
      out += s[i++];
      continue;
    }
    std::string_view word = s.substr(i, j - i);
    size_t dot = word.rfind('.');
    size_t slash = word.rfind('/');
    if (slash != std::string_view::npos && dot != std::string_view::npos && dot > slash) {
      word = word.substr(slash + 1);
    }
    out += word;
    i = j;
  }
  return out;
}

bool MapInfo::IsArraySize(int64_t bytes) const {
  return std::find(bucket_sizes.begin(), bucket_sizes.end(), bytes) != bucket_sizes.end() ||
         std::find(group_sizes.begin(), group_sizes.end(), bytes) != group_sizes.end();
}

bool MapInfo::IsFirstArraySize(int64_t bytes) const {
  return (!bucket_sizes.empty() && bytes == bucket_sizes[0]) ||
         (!group_sizes.empty() && bytes == group_sizes[0]);
}

bool MapInfo::IsFullSwissTable(int64_t bytes) const {
  return !group_sizes.empty() && bytes == group_sizes.back() &&
         std::find(bucket_sizes.begin(), bucket_sizes.end(), bytes) == bucket_sizes.end();
}

std::string_view MapKindName(MapKind k) {
  switch (k) {
    case MapKind::kPackageVar:
      return "package-var";
    case MapKind::kField:
      return "field";
    case MapKind::kLocal:
      return "local";
    case MapKind::kExpr:
      return "expr";
  }
  return "expr";
}

namespace {

bool IsFile(const std::string& p) {
  std::error_code ec;
  return !p.empty() && fs::is_regular_file(p, ec);
}

}  // namespace

std::string AbsoluteSourcePath(const std::string& p) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? p : abs.string();
}

std::string ResolveSourcePath(const std::string& profile_path, const SourceOptions& options,
                              const std::string& module_path, const std::string& module_root) {
  const std::string root = options.source_root.empty() ? "." : options.source_root;
  for (const std::string& prefix : options.trim_paths) {
    if (!prefix.empty() && StartsWith(profile_path, prefix)) {
      std::string rest = profile_path.substr(prefix.size());
      while (StartsWith(rest, "/")) rest.erase(0, 1);
      std::string candidate = root + "/" + rest;
      if (IsFile(candidate)) return AbsoluteSourcePath(candidate);
    }
  }
  if (IsFile(profile_path)) return AbsoluteSourcePath(profile_path);
  if (!module_path.empty() && StartsWith(profile_path, module_path + "/")) {
    std::string candidate = module_root + profile_path.substr(module_path.size());
    if (IsFile(candidate)) return AbsoluteSourcePath(candidate);
  }
  // The longest tail of the path that exists under the root, of at least
  // two elements (a bare "main.go" would match too much).
  std::vector<std::string_view> parts = Split(profile_path, '/');
  for (size_t i = 1; i + 2 <= parts.size(); ++i) {
    std::string tail;
    for (size_t j = i; j < parts.size(); ++j)
      tail += (tail.empty() ? "" : "/") + std::string(parts[j]);
    std::string candidate = root + "/" + tail;
    if (IsFile(candidate)) return AbsoluteSourcePath(candidate);
  }
  return "";
}

SourceIndex::~SourceIndex() = default;

StatusOr<std::unique_ptr<SourceIndex>> SourceIndex::Build(
    const std::vector<std::string>& profile_files, const SourceOptions& options) {
  std::unique_ptr<SourceIndex> index(new SourceIndex());
  index->base_dir_ = options.analysis.base_dir;
  std::string module_root = load::FindModuleRoot(AbsoluteSourcePath(options.source_root));
  std::string module_path;
  if (!module_root.empty()) {
    auto mod = ReadInput(module_root + "/go.mod", 1 << 20);
    if (mod.ok()) module_path = load::ParseModulePath(*mod);
  }
  std::set<std::string> dirs;
  bool tests = false;
  for (const std::string& p : profile_files) {
    if (index->resolved_.count(p) != 0) continue;
    std::string local = ResolveSourcePath(p, options, module_path, module_root);
    index->resolved_[p] = local;
    if (local.empty() || !EndsWith(local, ".go")) continue;
    dirs.insert(fs::path(local).parent_path().string());
    if (EndsWith(local, "_test.go")) tests = true;
  }
  lint::AnalysisOptions ao = options.analysis;
  ao.load.tests = ao.load.tests || tests;
  if (dirs.empty()) return index;
  auto analysis = lint::Analyze(std::vector<std::string>(dirs.begin(), dirs.end()), ao);
  if (!analysis.ok()) return analysis.status();
  index->analysis_ = std::move(*analysis);
  index->program_ = index->analysis_->program.get();
  index->packages_ = index->analysis_->packages;
  index->facts_ = index->analysis_->facts.get();
  index->diagnostics_ = &index->analysis_->diagnostics;

  index->ClassifyLines(options);
  return index;
}

std::unique_ptr<SourceIndex> SourceIndex::ForPackages(
    sema::Program* program, const std::vector<const sema::Package*>& packages,
    const sema::Facts* facts) {
  std::unique_ptr<SourceIndex> index(new SourceIndex());
  index->program_ = program;
  index->packages_ = packages;
  index->facts_ = facts;
  index->diagnostics_ = &index->no_diagnostics_;
  index->ClassifyLines(SourceOptions());
  for (const auto& [path, file] : index->sources_) index->resolved_[path] = path;
  return index;
}

const std::string& SourceIndex::Resolve(const std::string& profile_path) const {
  static const std::string kEmpty;
  auto it = resolved_.find(profile_path);
  return it == resolved_.end() ? kEmpty : it->second;
}

const SourceLine& SourceIndex::Line(const std::string& profile_path, int64_t line) const {
  static const SourceLine kMissing;
  const std::string& local = Resolve(profile_path);
  if (local.empty()) return kMissing;
  auto lf = lines_.find(local);
  if (lf != lines_.end()) {
    auto sl = lf->second.find(static_cast<int>(line));
    if (sl != lf->second.end()) return sl->second;
  }
  // A line that allocates nothing the classifier knows: keep its text.
  SourceLine& sl = extra_lines_[local][static_cast<int>(line)];
  if (sl.path.empty()) {
    sl.path = local;
    auto f = sources_.find(local);
    if (f != sources_.end()) {
      std::vector<std::string_view>& text = source_lines_[local];
      if (text.empty()) text = Split(f->second->source->content(), '\n');
      if (line >= 1 && line <= static_cast<int64_t>(text.size())) {
        sl.text = std::string(TrimSpace(text[line - 1]));
      }
    }
  }
  return sl;
}

std::vector<std::string> SourceIndex::missing_files() const {
  std::vector<std::string> out;
  for (const auto& [p, local] : resolved_) {
    if (local.empty()) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mw::pprof

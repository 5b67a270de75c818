#include "load/loader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/file_io.h"
#include "base/parallel.h"
#include "base/strings.h"
#include "syntax/scanner.h"

namespace mw::load {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t kMaxSourceBytes = uint64_t{1} << 30;

// The package clause's name, read with the lexer alone; "" if missing.
std::string PackageClauseName(std::string_view src) {
  Arena arena(4096);
  syntax::Scanner s(src, &arena, nullptr, /*scan_comments=*/false);
  syntax::TokenInfo t = s.Scan();
  if (t.tok != syntax::Token::kPackage) return "";
  t = s.Scan();
  if (t.tok != syntax::Token::kIdent) return "";
  return std::string(t.lit);
}

bool SkipDirName(const std::string& name) {
  return name.empty() || name[0] == '.' || name[0] == '_' || name == "testdata";
}

std::string TrimTrailingSlash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::string AbsPath(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return TrimTrailingSlash(ec ? p : a.lexically_normal().string());
}

// Walks `root` for package directories, as the go command does for "...":
// skipping testdata, vendor (unless allowed), dot and underscore
// directories, and nested modules.
void WalkPackageDirs(const std::string& root, bool allow_vendor, bool stop_at_modules,
                     std::vector<std::string>* dirs) {
  dirs->push_back(root);
  std::vector<std::string> subdirs;
  for (const std::string& name : ListDirectory(root, DirEntries::kDirectories)) {
    if (SkipDirName(name) || (name == "vendor" && !allow_vendor)) continue;
    std::string sub = root.ends_with('/') ? root + name : root + "/" + name;
    std::error_code ec;
    if (stop_at_modules && fs::exists(sub + "/go.mod", ec)) continue;
    subdirs.push_back(std::move(sub));
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const std::string& s : subdirs) WalkPackageDirs(s, allow_vendor, stop_at_modules, dirs);
}

}  // namespace

std::string FindModuleRoot(const std::string& dir) {
  fs::path p = AbsPath(dir);
  std::error_code ec;
  for (;;) {
    if (fs::exists(p / "go.mod", ec)) return TrimTrailingSlash(p.string());
    if (!p.has_parent_path() || p.parent_path() == p) return "";
    p = p.parent_path();
  }
}

std::string ParseModulePath(std::string_view go_mod) {
  for (std::string_view line : Split(go_mod, '\n')) {
    if (size_t c = line.find("//"); c != std::string_view::npos) line = line.substr(0, c);
    line = TrimSpace(line);
    if (!StartsWith(line, "module")) continue;
    std::string_view rest = TrimSpace(line.substr(6));
    if (rest.size() == line.size() - 6) continue;  // "modulefoo"
    if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '`')) {
      rest = rest.substr(1, rest.size() - 2);
    }
    return std::string(rest);
  }
  return "";
}

namespace {

bool IsGoroot(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_directory(dir + "/src/runtime", ec);
}

// GOROOT as the go command finds its own when $GOROOT is unset: two levels
// above its executable, symbolic links resolved (Debian's /usr/bin/go is a
// link into /usr/lib/go-1.N/bin). Asking `go env GOROOT` would give the same
// answer for a process start (over 10 ms); it is the fallback.
std::string GorootOfGoOnPath() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (std::string_view dir : Split(path, ':')) {
    if (dir.empty()) dir = ".";
    std::error_code ec;
    fs::path exe = fs::path(std::string(dir)) / "go";
    if (!fs::is_regular_file(exe, ec) || ::access(exe.c_str(), X_OK) != 0) continue;
    fs::path real = fs::canonical(exe, ec);
    if (ec) return "";
    std::string root = real.parent_path().parent_path().string();
    return IsGoroot(root) ? root : "";
  }
  return "";
}

std::string DetectGoroot() {
  if (const char* env = std::getenv("GOROOT"); env != nullptr && env[0] != '\0') return env;
  if (std::string root = GorootOfGoOnPath(); !root.empty()) return root;
  if (FILE* p = popen("go env GOROOT 2>/dev/null", "r")) {
    char buf[4096];
    std::string out;
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
    out = std::string(TrimSpace(out));
    if (!out.empty()) return out;
  }
  for (const char* c : {"/usr/local/go", "/usr/lib/go"}) {
    if (IsGoroot(c)) return c;
  }
  return "";
}

}  // namespace

std::string FindGoroot(const std::string& configured) {
  if (!configured.empty()) return configured;
  static const std::string detected = DetectGoroot();
  return detected;
}

Package ScanPackageDir(const std::string& dir, const std::string& import_path,
                       const BuildContext& ctx, bool tests) {
  Package pkg;
  pkg.dir = dir;
  pkg.import_path = import_path;
  std::vector<std::string> names = ListDirectory(dir, DirEntries::kRegularFiles);
  std::sort(names.begin(), names.end());
  std::string first_file;
  // Files are opened relative to the directory (see ReadInputAt).
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (const std::string& name : names) {
    if (!EndsWith(name, ".go")) continue;
    if (name[0] == '_' || name[0] == '.') {
      pkg.ignored_files.push_back(name);
      continue;
    }
    if (!ctx.GoodOSArchFile(name)) {
      pkg.ignored_files.push_back(name);
      continue;
    }
    if (!tests && EndsWith(name, "_test.go")) continue;
    const std::string path = dir + "/" + name;
    auto content = dir_fd >= 0 ? ReadInputAt(dir_fd, name, path, kMaxSourceBytes)
                               : ReadInput(path, kMaxSourceBytes);
    if (!content.ok()) {
      pkg.errors.push_back(content.status().message());
      continue;
    }
    auto build = ctx.ShouldBuild(*content);
    if (!build.ok()) {
      pkg.errors.push_back(fmt::format("{}/{}: {}", dir, name, build.status().message()));
      continue;
    }
    if (!*build) {
      pkg.ignored_files.push_back(name);
      continue;
    }
    std::string pkg_name = PackageClauseName(*content);
    if (pkg_name == "documentation") {
      pkg.ignored_files.push_back(name);
      continue;
    }
    const bool is_test = EndsWith(name, "_test.go");
    bool is_xtest = false;
    if (is_test && EndsWith(pkg_name, "_test") && pkg.name != pkg_name) {
      is_xtest = true;
      pkg_name.resize(pkg_name.size() - 5);
    }
    if (pkg.name.empty()) {
      pkg.name = pkg_name;
      first_file = name;
    } else if (pkg_name != pkg.name) {
      pkg.errors.push_back(fmt::format("found packages {} ({}) and {} ({}) in {}", pkg.name,
                                       first_file, pkg_name, name, dir));
      continue;
    }
    if (is_xtest) {
      pkg.xtest_go_files.push_back(name);
    } else if (is_test) {
      pkg.test_go_files.push_back(name);
    } else {
      pkg.go_files.push_back(name);
    }
    pkg.contents.emplace(name, std::move(*content));
  }
  if (dir_fd >= 0) ::close(dir_fd);
  return pkg;
}

StatusOr<std::string> TakeContent(Package* pkg, const std::string& name, const std::string& path) {
  // Threads take different names: finding and moving out one value does
  // not change the map.
  auto it = pkg->contents.find(name);
  if (it == pkg->contents.end()) return ReadInput(path, kMaxSourceBytes);
  return std::move(it->second);
}

StatusOr<LoadResult> Load(const std::vector<std::string>& patterns, const LoadConfig& config) {
  LoadResult result;
  std::vector<std::pair<std::string, std::string>> dirs;  // dir, import path
  std::vector<std::string> loose_files;
  const std::string cwd = fs::current_path().string();
  for (std::string pattern : patterns) {
    if (pattern == "std") {
      std::string goroot = FindGoroot(config.goroot);
      if (goroot.empty()) return NotFound("std: cannot find GOROOT (set $GOROOT)");
      const std::string src = goroot + "/src";
      std::vector<std::string> found;
      std::vector<std::string> tops = ListDirectory(src, DirEntries::kDirectories);
      std::sort(tops.begin(), tops.end());  // packages in the same order on every machine
      for (const std::string& name : tops) {
        if (SkipDirName(name) || name == "cmd") continue;
        WalkPackageDirs(src + "/" + name, /*allow_vendor=*/true, false, &found);
      }
      for (const std::string& d : found) {
        std::string ip = d.substr(src.size() + 1);
        if (ip == "builtin") continue;  // documentation only, as the go command treats it
        dirs.emplace_back(d, ip);
      }
      continue;
    }
    const bool recursive = EndsWith(pattern, "/...") || pattern == "...";
    std::string base = recursive ? pattern.substr(0, pattern.size() - 3) : pattern;
    if (base.empty()) base = ".";
    base = TrimTrailingSlash(base);
    std::error_code ec;
    if (!recursive && EndsWith(pattern, ".go") && fs::is_regular_file(pattern, ec)) {
      loose_files.push_back(pattern);
      continue;
    }
    if (!fs::is_directory(base, ec)) {
      // An import path: the standard library, or a package of this module.
      std::string mod_root = FindModuleRoot(cwd);
      std::string mod_path;
      if (!mod_root.empty()) {
        auto mod = ReadInput(mod_root + "/go.mod", 1 << 20);
        if (mod.ok()) mod_path = ParseModulePath(*mod);
      }
      std::string candidate;
      if (!mod_path.empty() && (base == mod_path || StartsWith(base, mod_path + "/"))) {
        candidate = mod_root + base.substr(mod_path.size());
      } else if (std::string goroot = FindGoroot(config.goroot); !goroot.empty()) {
        candidate = goroot + "/src/" + base;
      }
      if (candidate.empty() || !fs::is_directory(candidate, ec)) {
        return NotFound(fmt::format("{}: no such directory or package", pattern));
      }
      base = candidate;
    }
    const std::string abs = AbsPath(base);
    std::vector<std::string> found;
    if (recursive) {
      WalkPackageDirs(abs, /*allow_vendor=*/false, /*stop_at_modules=*/true, &found);
    } else {
      found.push_back(abs);
    }
    std::string mod_root = FindModuleRoot(abs);
    std::string mod_path;
    if (!mod_root.empty()) {
      auto mod = ReadInput(mod_root + "/go.mod", 1 << 20);
      if (mod.ok()) mod_path = ParseModulePath(*mod);
    }
    for (const std::string& d : found) {
      std::string ip = d;
      if (!mod_path.empty() && (d == mod_root || StartsWith(d, mod_root + "/"))) {
        ip = mod_path + d.substr(mod_root.size());
        // GOROOT/src is module "std", whose packages are named without it.
        if (mod_path == "std" && d != mod_root) ip = d.substr(mod_root.size() + 1);
      }
      dirs.emplace_back(d, ip);
    }
  }
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());

  // Select files, one directory per task.
  std::vector<Package> scanned(dirs.size());
  const int jobs = config.jobs > 0 ? config.jobs : WorkerCount();
  std::atomic<size_t> next{0};
  auto scan = [&] {
    for (size_t i = next++; i < dirs.size(); i = next++) {
      scanned[i] = ScanPackageDir(dirs[i].first, dirs[i].second, config.build);
    }
  };
  RunOnLargeStacks(jobs, scan);
  for (Package& p : scanned) {
    if (p.go_files.empty() && p.test_go_files.empty() && p.xtest_go_files.empty() &&
        p.errors.empty()) {
      continue;  // not a package
    }
    result.packages.push_back(std::move(p));
  }
  if (!loose_files.empty()) {
    Package p;
    p.import_path = "command-line-arguments";
    p.dir = cwd;
    for (const std::string& f : loose_files) {
      p.go_files.push_back(f);
    }
    result.packages.push_back(std::move(p));
  }
  if (!config.parse) {
    for (Package& p : result.packages) p.contents.clear();
    return result;
  }

  // Parse every selected file, across threads with large stacks.
  struct Task {
    size_t pkg;
    std::string name, path;
    bool xtest = false;
  };
  std::vector<Task> tasks;
  for (size_t i = 0; i < result.packages.size(); ++i) {
    Package& p = result.packages[i];
    auto add = [&](const std::vector<std::string>& names, bool xtest) {
      for (const std::string& n : names) {
        tasks.push_back(
            {i, n, p.import_path == "command-line-arguments" ? n : p.dir + "/" + n, xtest});
      }
    };
    add(p.go_files, false);
    if (config.tests) {
      add(p.test_go_files, false);
      add(p.xtest_go_files, true);
    }
  }
  std::vector<syntax::ParsedFile> parsed(tasks.size());
  // One id space per package and one per external test package: the
  // checker's records are indexed by node id (sema/node_map.h).
  std::vector<syntax::NodeIdCounter> node_ids(result.packages.size() * 2);
  std::vector<std::string> read_errors(tasks.size());
  next = 0;
  std::atomic<size_t> bytes{0};
  auto parse = [&] {
    for (size_t i = next++; i < tasks.size(); i = next++) {
      auto content = TakeContent(&result.packages[tasks[i].pkg], tasks[i].name, tasks[i].path);
      if (!content.ok()) {
        read_errors[i] = content.status().message();
        continue;
      }
      bytes += content->size();
      syntax::ParseOptions options;
      options.comments = config.comments;
      options.node_ids = &node_ids[tasks[i].pkg * 2 + (tasks[i].xtest ? 1 : 0)];
      parsed[i] = syntax::ParseFile(tasks[i].path, std::move(*content), options);
    }
  };
  RunOnLargeStacks(jobs, parse);
  for (Package& p : result.packages) p.contents.clear();  // files not wanted (tests)
  for (size_t i = 0; i < tasks.size(); ++i) {
    Package& p = result.packages[tasks[i].pkg];
    if (!read_errors[i].empty()) {
      p.errors.push_back(read_errors[i]);
      continue;
    }
    ++result.files_parsed;
    if (!parsed[i].ok()) ++result.files_with_errors;
    p.files.push_back(std::move(parsed[i]));
    if (!tasks[i].xtest) p.xtest_begin = p.files.size();
  }
  result.bytes_parsed = bytes;
  return result;
}

std::vector<const syntax::ParsedFile*> Package::PackageFiles() const {
  std::vector<const syntax::ParsedFile*> out;
  for (size_t i = 0; i < xtest_begin; ++i) out.push_back(&files[i]);
  return out;
}

std::vector<const syntax::ParsedFile*> Package::XTestFiles() const {
  std::vector<const syntax::ParsedFile*> out;
  for (size_t i = xtest_begin; i < files.size(); ++i) out.push_back(&files[i]);
  return out;
}

}  // namespace mw::load

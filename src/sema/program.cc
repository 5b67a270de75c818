#include "sema/program.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <unordered_set>

#include "base/file_io.h"
#include "base/parallel.h"
#include "base/strings.h"
#include "load/loader.h"
#include "sema/checker.h"

namespace mw::sema {

namespace fs = std::filesystem;

namespace {

bool IsDir(const std::string& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// The module cache's spelling of a module path: upper case as "!lower".
std::string EscapeModulePath(std::string_view p) {
  std::string out;
  for (char c : p) {
    if (c >= 'A' && c <= 'Z') {
      out += '!';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

std::string ModuleCacheDir() {
  if (const char* m = std::getenv("GOMODCACHE"); m != nullptr && m[0] != '\0') return m;
  std::string gopath;
  if (const char* g = std::getenv("GOPATH"); g != nullptr && g[0] != '\0') {
    gopath = std::string(std::string_view(g).substr(0, std::string_view(g).find(':')));
  } else if (const char* h = std::getenv("HOME"); h != nullptr) {
    gopath = std::string(h) + "/go";
  }
  return gopath.empty() ? "" : gopath + "/pkg/mod";
}

// The version go.mod requires for the module providing `path`, as
// "module@version", or "".
std::string RequiredModule(std::string_view go_mod, const std::string& path, std::string* mod) {
  std::string best, best_version;
  bool in_block = false;
  for (std::string_view line : Split(go_mod, '\n')) {
    if (size_t c = line.find("//"); c != std::string_view::npos) line = line.substr(0, c);
    std::vector<std::string_view> f = SplitFields(line);
    if (f.empty()) continue;
    if (in_block) {
      if (f[0] == ")") {
        in_block = false;
        continue;
      }
    } else if (f[0] == "require") {
      if (f.size() >= 2 && f[1] == "(") {
        in_block = true;
        continue;
      }
      f.erase(f.begin());
    } else {
      continue;
    }
    if (f.size() < 2) continue;
    std::string m(f[0]);
    if ((path == m || StartsWith(path, m + "/")) && m.size() > best.size()) {
      best = m;
      best_version = std::string(f[1]);
    }
  }
  *mod = best;
  return best.empty() ? "" : best + "@" + best_version;
}

}  // namespace

Program::Program(ProgramConfig config) : config_(std::move(config)) {
  config_.goroot = load::FindGoroot(config_.goroot);
  if (!config_.goroot.empty()) goroot_src_ = config_.goroot + "/src";
  universe_ = NewUniverse(&pool_, &types_);
}

Program::~Program() = default;

Package* Program::NewPackage(const std::string& path) {
  packages_.push_back(std::make_unique<Package>());
  Package* p = packages_.back().get();
  p->path = path;
  return p;
}

Package* Program::Check(const std::string& path,
                        const std::vector<const syntax::ParsedFile*>& files) {
  Package* p = Declare(path, files);
  p->checker->CheckBodies();
  return p;
}

Package* Program::Declare(const std::string& path,
                          const std::vector<const syntax::ParsedFile*>& files) {
  Package* p = NewCheckedPackage(path, files);
  p->checker->Collect();
  return p;
}

std::vector<Package*> Program::DeclareAll(
    const std::vector<std::pair<std::string, std::vector<const syntax::ParsedFile*>>>& packages,
    int jobs) {
  std::vector<Package*> out;
  for (const auto& [path, files] : packages) out.push_back(NewCheckedPackage(path, files));
  // The imports are loaded (the imported packages' own imports resolved,
  // one at a time, which took 2 ms on go/...) on one thread while the
  // others collect the checked packages' declarations; the two share
  // nothing but the syntax and the locked type store. Declaring the import
  // names then only looks the packages up.
  std::atomic<size_t> next{0};
  std::atomic<bool> imports_taken{false};
  RunOnLargeStacks(std::min<int>(jobs > 0 ? jobs : WorkerCount(), static_cast<int>(out.size())),
                   [&] {
                     if (!imports_taken.exchange(true)) {
                       for (Package* p : out) p->checker->LoadImports();
                     }
                     for (size_t i; (i = next.fetch_add(1)) < out.size();) {
                       out[i]->checker->CollectDecls();
                     }
                   });
  for (Package* p : out) p->checker->CollectImports();
  return out;
}

Package* Program::NewCheckedPackage(const std::string& path,
                                    const std::vector<const syntax::ParsedFile*>& files) {
  Package* p = NewPackage(path);
  p->files = files;
  if (!files.empty()) {
    std::string_view f = files[0]->source->path();
    size_t slash = f.rfind('/');
    p->dir = slash == std::string_view::npos ? "." : std::string(f.substr(0, slash));
  }
  p->checker = std::make_unique<Checker>(this, p, /*bodies=*/true);
  return p;
}

void Program::CheckBodies(const std::vector<Package*>& packages, int jobs,
                          const std::function<void(size_t)>& then) {
  std::vector<size_t> bytes(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) {
    for (const syntax::ParsedFile* f : packages[i]->files) bytes[i] += f->source->size();
  }
  const std::vector<size_t> order = LargestFirst(bytes);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < order.size();) {
      packages[order[k]]->checker->CheckBodies();
      if (then) then(order[k]);
    }
  };
  const int threads =
      std::min<int>(jobs > 0 ? jobs : WorkerCount(), static_cast<int>(order.size()));
  RunOnLargeStacks(threads, work);
}

const std::string& Program::FindPackageDir(const std::string& path, const std::string& from_dir) {
  // Two lookups by the strings as they are: no key is built on a hit.
  std::unordered_map<std::string, std::string>& by_path = package_dirs_[from_dir];
  auto it = by_path.find(path);
  if (it == by_path.end()) it = by_path.emplace(path, SearchPackageDir(path, from_dir)).first;
  return it->second;
}

const std::string& Program::PhysicalDir(const std::string& dir) {
  auto it = physical_dirs_.find(dir);
  if (it != physical_dirs_.end()) return it->second;
  // realpath reads every component's link (a thousand readlink calls for
  // go/...'s imports); the parent's physical path is known already for
  // all but the first directory, so one call on the last component does,
  // unless it is itself a link, or the path is not absolute and clean.
  std::string real;
  const size_t slash = dir.rfind('/');
  const std::string_view last = std::string_view(dir).substr(slash + 1);
  if (slash != std::string::npos && slash > 0 && dir[0] == '/' && !last.empty() && last != "." &&
      last != ".." && dir.find("/./") == std::string::npos &&
      dir.find("/../") == std::string::npos && dir.find("//") == std::string::npos) {
    std::string candidate = PhysicalDir(dir.substr(0, slash)) + "/" + std::string(last);
    char target;
    if (::readlink(candidate.c_str(), &target, 1) < 0 && errno == EINVAL)
      real = std::move(candidate);
  }
  if (real.empty()) {
    char* resolved = ::realpath(dir.c_str(), nullptr);
    real = resolved != nullptr ? std::string(resolved) : dir;
    std::free(resolved);
  }
  return physical_dirs_.emplace(dir, std::move(real)).first->second;
}

const std::string& Program::AbsoluteDir(const std::string& dir) {
  auto it = absolute_dirs_.find(dir);
  if (it == absolute_dirs_.end()) {
    it = absolute_dirs_.emplace(dir, dir.empty() ? "" : fs::absolute(dir).lexically_normal()).first;
  }
  return it->second;
}

bool Program::IsDirMemo(const std::string& dir) {
  auto it = is_dir_.find(dir);
  if (it == is_dir_.end()) it = is_dir_.emplace(dir, IsDir(dir)).first;
  return it->second;
}

// Whether `dir` is `parent` or below it.
static bool InDir(std::string_view dir, std::string_view parent) {
  return StartsWith(dir, parent) && (dir.size() == parent.size() || dir[parent.size()] == '/');
}

std::string Program::SearchPackageDir(const std::string& path, const std::string& from_dir) {
  // Strings are built only where one is tried: this runs for every
  // directory and import (920 times on go/...), under the prefetcher's lock.
  const std::string& src = goroot_src_;
  const std::string_view first = std::string_view(path).substr(0, path.find('/'));
  const bool dotted = first.find('.') != std::string_view::npos;
  const std::string& abs_from = AbsoluteDir(from_dir);
  if (dotted && !src.empty() && InDir(abs_from, src)) {
    // The standard library vendors its dependencies.
    const bool in_cmd = InDir(abs_from, src + "/cmd");
    std::string vendored = src + (in_cmd ? "/cmd/vendor/" : "/vendor/") + path;
    if (IsDirMemo(vendored)) return vendored;
  }
  if (!dotted && !src.empty()) {
    std::string std_dir = src + "/" + path;
    if (IsDirMemo(std_dir)) return std_dir;
  }
  // The module containing the importing file.
  auto it = modules_.find(abs_from);
  if (it == modules_.end()) {
    Module m;
    m.root = load::FindModuleRoot(abs_from.empty() ? "." : abs_from);
    if (!m.root.empty()) {
      auto mod = ReadInput(m.root + "/go.mod", 1 << 20);
      if (mod.ok()) {
        m.path = load::ParseModulePath(*mod);
        m.go_mod = std::move(*mod);
      }
    }
    it = modules_.emplace(abs_from, m).first;
  }
  const Module& m = it->second;
  if (m.root.empty()) return "";
  if (!m.path.empty() && (path == m.path || StartsWith(path, m.path + "/"))) {
    std::string d = m.root + path.substr(m.path.size());
    return IsDirMemo(d) ? d : "";
  }
  if (IsDirMemo(m.root + "/vendor/" + path)) return m.root + "/vendor/" + path;
  std::string module;
  std::string versioned = RequiredModule(m.go_mod, path, &module);
  const std::string cache = ModuleCacheDir();
  if (versioned.empty() || cache.empty()) return "";
  std::string d = cache + "/" + EscapeModulePath(versioned) + path.substr(module.size());
  return IsDirMemo(d) ? d : "";
}

namespace {

// The import paths of a file.
std::vector<std::string> ImportsOf(const syntax::ParsedFile& pf) {
  std::vector<std::string> out;
  if (pf.file == nullptr) return out;
  for (const syntax::Node* d : pf.file->decls) {
    const syntax::GenDecl* g = d->DynAs<syntax::GenDecl>();
    if (g == nullptr || g->tok != syntax::Token::kImport) continue;
    for (const syntax::Node* s : g->specs) {
      std::string_view v = s->As<syntax::ImportSpec>()->path->value;
      if (v.size() >= 2) out.emplace_back(v.substr(1, v.size() - 2));
    }
  }
  return out;
}

}  // namespace

void WarnUnresolvedImports(const Package& pkg, const char* consequence) {
  for (const auto& [file, lit] : pkg.unresolved_imports) {
    LineCol lc = file->source->Position(lit->Start());
    std::fprintf(stderr, "mapwarden: warning: %s:%d:%d: cannot find package %.*s; %s\n",
                 file->source->path().c_str(), lc.line, lc.column,
                 static_cast<int>(lit->value.size()), lit->value.data(), consequence);
  }
}

void Program::AddLoaded(const load::LoadResult& loaded, int jobs) {
  std::vector<const syntax::ParsedFile*> roots;
  for (const load::Package& p : loaded.packages) {
    std::vector<const syntax::ParsedFile*> go_files;
    for (size_t i = 0; i < p.go_files.size() && i < p.files.size(); ++i) {
      go_files.push_back(&p.files[i]);
    }
    AddParsed(p.dir, std::move(go_files));
    for (const syntax::ParsedFile& f : p.files) roots.push_back(&f);
  }
  Prefetch(roots, jobs);
}

void Program::Prefetch(const std::vector<const syntax::ParsedFile*>& files, int jobs) {
  if (!config_.load_imports) return;
  // One queue of jobs on all workers: reading a package directory (which
  // queues one job per selected file) and parsing a file (which queues the
  // directories of its imports not seen yet). No level of the import graph
  // waits for the one before, and a large package's files spread over the
  // workers.
  struct Fetch {
    std::string dir, path;
    std::vector<std::string> names, contents;
    std::vector<syntax::ParsedFile>* out;
    size_t unparsed = 0;  // files not parsed yet
  };
  struct Job {
    Fetch* fetch;
    size_t file;  // SIZE_MAX: read the directory
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Fetch> fetches;  // stable addresses
  std::deque<Job> queue;
  size_t active = 0;
  std::unordered_set<std::string> seen;  // directories
  // Under mu (or before the workers start).
  std::function<void(const syntax::ParsedFile&, const std::string&)> add_imports =
      [&](const syntax::ParsedFile& pf, const std::string& from) {
        for (std::string& path : ImportsOf(pf)) {
          if (path == "C" || path == "unsafe") continue;
          const std::string& dir = FindPackageDir(path, from);
          if (dir.empty() || !seen.insert(dir).second) continue;
          if (auto pre = parsed_.find(PhysicalDir(dir)); pre != parsed_.end()) {
            // A loaded package: parsed already, but its imports are needed.
            for (const syntax::ParsedFile* f : pre->second) add_imports(*f, dir);
            continue;
          }
          if (imported_.count(dir) != 0) continue;
          fetches.push_back({dir, std::move(path), {}, {}, &prefetched_[dir], 0});
          queue.push_back({&fetches.back(), SIZE_MAX});
        }
      };
  for (const syntax::ParsedFile* pf : files) {
    std::string_view f = pf->source->path();
    size_t slash = f.rfind('/');
    add_imports(*pf, slash == std::string_view::npos ? "." : std::string(f.substr(0, slash)));
  }
  if (queue.empty()) return;
  // A package whose files are all parsed is collected by the worker that
  // parsed the last, but for its imports (Import resolves them). Called
  // under mu, which it releases while collecting.
  auto collect = [&](Fetch& fetch, auto& lock) {
    Package* p = NewImportedPackage(fetch.path, fetch.dir);
    p->owned_files = std::move(*fetch.out);
    prefetched_.erase(fetch.dir);
    lock.unlock();
    for (const syntax::ParsedFile& f : p->owned_files) p->files.push_back(&f);
    p->checker = std::make_unique<Checker>(this, p, /*bodies=*/false);
    p->checker->CollectDecls();
    p->imports_pending = true;
  };
  auto run = [&](const Job& job) {
    Fetch& fetch = *job.fetch;
    if (job.file == SIZE_MAX) {
      load::Package pkg = load::ScanPackageDir(fetch.dir, fetch.path, config_.build, false);
      for (const std::string& name : pkg.go_files) {
        auto content = load::TakeContent(&pkg, name, fetch.dir + "/" + name);
        if (!content.ok()) continue;
        fetch.names.push_back(name);
        fetch.contents.push_back(std::move(*content));
      }
      // Sized before any file job runs: each fills its own slot.
      fetch.out->resize(fetch.names.size());
      fetch.unparsed = fetch.names.size();
      std::unique_lock<std::mutex> lock(mu);
      for (size_t i = 0; i < fetch.names.size(); ++i) queue.push_back({&fetch, i});
      if (fetch.names.empty()) collect(fetch, lock);
      return;
    }
    syntax::ParsedFile& pf = (*fetch.out)[job.file];
    pf = syntax::ParseFile(fetch.dir + "/" + fetch.names[job.file],
                           std::move(fetch.contents[job.file]), syntax::ImportedFileOptions());
    std::unique_lock<std::mutex> lock(mu);
    add_imports(pf, fetch.dir);
    if (--fetch.unparsed == 0) collect(fetch, lock);
  };
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return !queue.empty() || active == 0; });
      if (queue.empty()) break;  // and nothing running: done
      Job job = queue.front();
      queue.pop_front();
      ++active;
      lock.unlock();
      run(job);
      lock.lock();
      --active;
      cv.notify_all();
    }
    cv.notify_all();
  };
  RunOnLargeStacks(jobs > 0 ? jobs : WorkerCount(), worker);
}

Package* Program::NewImportedPackage(const std::string& path, const std::string& dir) {
  // The standard library's vendored packages are named as vendor/PATH.
  const std::string vendor = config_.goroot + "/src/vendor/";
  Package* p = NewPackage(StartsWith(dir, vendor) ? "vendor/" + path : path);
  p->dir = dir;
  imported_[dir] = p;
  return p;
}

Package* Program::Import(const std::string& path, const std::string& from_dir) {
  if (path == "C" || !config_.load_imports) return nullptr;  // cgo: nothing to read
  if (path == "unsafe") {
    auto it = imported_.find("unsafe");
    if (it != imported_.end()) return it->second;
    Package* p = NewPackage("unsafe");
    p->name = "unsafe";
    p->fake = true;
    p->scope = pool_.NewScope(universe_);
    Object* ptr = pool_.New(ObjectKind::kTypeName, "Pointer");
    ptr->type = types_.Basic(BasicKind::kUnsafePointer);
    p->scope->Insert(ptr);
    for (const char* name :
         {"Sizeof", "Alignof", "Offsetof", "Add", "Slice", "String", "StringData", "SliceData"}) {
      p->scope->Insert(pool_.New(ObjectKind::kBuiltin, name));
    }
    imported_["unsafe"] = p;
    return p;
  }
  const std::string& dir = FindPackageDir(path, from_dir);
  if (dir.empty()) return nullptr;
  auto it = imported_.find(dir);
  if (it != imported_.end()) {
    Package* p = it->second;
    if (p->imports_pending) {
      p->imports_pending = false;  // first: import cycles end here
      p->checker->CollectImports();
    }
    return p;
  }
  Package* p = NewImportedPackage(path, dir);
  // Registered before collecting: import cycles end here.
  if (auto pre = parsed_.find(PhysicalDir(dir)); pre != parsed_.end()) {
    p->files = pre->second;
  } else if (auto fetched = prefetched_.find(dir); fetched != prefetched_.end()) {
    p->owned_files = std::move(fetched->second);
    prefetched_.erase(fetched);
    for (const syntax::ParsedFile& f : p->owned_files) p->files.push_back(&f);
  } else {
    load::Package files = load::ScanPackageDir(dir, path, config_.build, /*tests=*/false);
    const syntax::ParseOptions options = syntax::ImportedFileOptions();
    for (const std::string& name : files.go_files) {
      auto content = load::TakeContent(&files, name, dir + "/" + name);
      if (!content.ok()) continue;
      p->owned_files.push_back(syntax::ParseFile(dir + "/" + name, std::move(*content), options));
    }
    for (const syntax::ParsedFile& f : p->owned_files) p->files.push_back(&f);
  }
  p->checker = std::make_unique<Checker>(this, p, /*bodies=*/false);
  p->checker->Collect();
  return p;
}

}  // namespace mw::sema

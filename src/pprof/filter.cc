#include "pprof/filter.h"

#include <fmt/format.h>

namespace mw::pprof {
namespace {

bool Match(const RE2& re, const std::string& s) { return RE2::PartialMatch(s, re); }

bool MappingMatches(const Profile& p, const Location& l, const RE2& re) {
  return l.mapping != kNone && Match(re, p.mappings[static_cast<size_t>(l.mapping)].file);
}

bool LineMatches(const Profile& p, const Line& ln, const RE2& re) {
  if (ln.function == kNone) return false;
  const Function& f = p.functions[static_cast<size_t>(ln.function)];
  return Match(re, f.name) || Match(re, f.filename);
}

bool LocationMatches(const Profile& p, const Location& l, const RE2& re) {
  for (const Line& ln : l.lines) {
    if (LineMatches(p, ln, re)) return true;
  }
  return MappingMatches(p, l, re);
}

// Rewrites a sample's location list; the new list goes at the end of the
// shared array.
void SetLocations(Profile* p, Sample* s, const std::vector<uint32_t>& locs) {
  s->loc_begin = static_cast<uint32_t>(p->sample_locations.size());
  s->loc_count = static_cast<uint32_t>(locs.size());
  p->sample_locations.insert(p->sample_locations.end(), locs.begin(), locs.end());
}

// Keeps the samples for which keep(i) is true, with their values.
template <typename Fn>
void KeepSamples(Profile* p, Fn&& keep) {
  const size_t nv = p->num_values();
  size_t fill = 0;
  for (size_t i = 0; i < p->samples.size(); ++i) {
    if (!keep(i)) continue;
    if (fill != i) {
      p->samples[fill] = p->samples[i];
      std::copy_n(p->sample_values.begin() + static_cast<ptrdiff_t>(i * nv), nv,
                  p->sample_values.begin() + static_cast<ptrdiff_t>(fill * nv));
    }
    ++fill;
  }
  p->samples.resize(fill);
  p->sample_values.resize(fill * nv);
}

}  // namespace

NameFilterResult FilterSamplesByName(Profile* p, const RE2* focus, const RE2* ignore,
                                     const RE2* hide, const RE2* show) {
  NameFilterResult r;
  // 0: neither, 1: focused, 2: ignored.
  std::vector<uint8_t> focus_or_ignore(p->locations.size(), 0);
  std::vector<bool> hidden(p->locations.size(), false);
  bool any_hidden = false;
  for (size_t i = 0; i < p->locations.size(); ++i) {
    Location& l = p->locations[i];
    if (ignore && LocationMatches(*p, l, *ignore)) {
      r.ignore_matched = true;
      focus_or_ignore[i] = 2;
    } else if (!focus || LocationMatches(*p, l, *focus)) {
      r.focus_matched = true;
      focus_or_ignore[i] = 1;
    }
    if (hide && LocationMatches(*p, l, *hide)) {
      r.hide_matched = true;
      std::vector<Line> kept;
      if (!MappingMatches(*p, l, *hide)) {
        for (const Line& ln : l.lines) {
          if (!LineMatches(*p, ln, *hide)) kept.push_back(ln);
        }
      }
      l.lines = std::move(kept);
      if (l.lines.empty()) hidden[i] = any_hidden = true;
    }
    if (show) {
      if (!MappingMatches(*p, l, *show)) {
        std::vector<Line> kept;
        for (const Line& ln : l.lines) {
          if (ln.function == kNone || LineMatches(*p, ln, *show)) kept.push_back(ln);
        }
        l.lines = std::move(kept);
      }
      if (l.lines.empty()) {
        hidden[i] = any_hidden = true;
      } else {
        r.show_matched = true;
      }
    }
  }
  std::vector<uint32_t> locs;
  KeepSamples(p, [&](size_t i) {
    Sample& s = p->samples[i];
    bool focused = false;
    for (uint32_t l : p->LocationsOf(s)) {
      if (focus_or_ignore[l] == 2) return false;
      if (focus_or_ignore[l] == 1) focused = true;
    }
    if (!focused) return false;
    if (any_hidden) {
      locs.clear();
      for (uint32_t l : p->LocationsOf(s)) {
        if (!hidden[l]) locs.push_back(l);
      }
      if (locs.empty()) return false;
      if (locs.size() != s.loc_count) SetLocations(p, &s, locs);
    }
    return true;
  });
  return r;
}

bool ShowFrom(Profile* p, const RE2& show_from) {
  bool matched = false;
  std::vector<bool> from(p->locations.size(), false);
  for (size_t i = 0; i < p->locations.size(); ++i) {
    Location& l = p->locations[i];
    if (MappingMatches(*p, l, show_from)) {
      from[i] = matched = true;
      continue;
    }
    for (size_t k = l.lines.size(); k-- > 0;) {
      if (LineMatches(*p, l.lines[k], show_from)) {
        l.lines.resize(k + 1);
        from[i] = matched = true;
        break;
      }
    }
  }
  KeepSamples(p, [&](size_t i) {
    Sample& s = p->samples[i];
    auto locs = p->LocationsOf(s);
    for (size_t k = locs.size(); k-- > 0;) {
      if (from[locs[k]]) {
        s.loc_count = static_cast<uint32_t>(k + 1);
        return true;
      }
    }
    return false;
  });
  return matched;
}

namespace {

// symbolizer.looksLikeDemangledCPlusPlus.
bool LooksLikeDemangledCPlusPlus(std::string_view name) {
  if (name.find(".<") != std::string_view::npos) return false;   // Java's class.<init>
  if (name.find("]).") != std::string_view::npos) return false;  // Go's pkg.(*T[...]).M
  return name.find_first_of("<>[]") != std::string_view::npos ||
         name.find("::") != std::string_view::npos;
}

// symbolizer.removeMatching: drops nested start..end groups; a stray end
// leaves the name as it was.
std::string RemoveMatching(std::string name, char start, char end) {
  int nesting = 0;
  size_t first = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == start) {
      if (++nesting == 1) first = i;
    } else if (name[i] == end) {
      if (--nesting < 0) return name;
      if (nesting == 0) {
        name.erase(first, i - first + 1);
        i = first - 1;  // wraps to first after ++i, also when first is 0
      }
    }
  }
  return name;
}

}  // namespace

void SimplifyFunctionNames(Profile* p) {
  for (Function& f : p->functions) {
    if (!f.name.empty() && f.name != f.system_name) continue;  // already demangled
    std::string name = f.system_name;
    if (LooksLikeDemangledCPlusPlus(name)) {
      name = RemoveMatching(RemoveMatching(std::move(name), '(', ')'), '<', '>');
    }
    f.name = std::move(name);
  }
}

std::string_view SimplifyFunctionName(std::string_view name) {
  if (!name.empty() && name[0] == '.') name.remove_prefix(1);
  static constexpr std::string_view kAnon = "(anonymous namespace)";
  static constexpr std::string_view kCallOp = "operator()";
  size_t i = 0;
  while (i < name.size()) {
    if (name.substr(i, kAnon.size()) == kAnon) {
      i += kAnon.size();
    } else if (name.substr(i, kCallOp.size()) == kCallOp) {
      i += kCallOp.size();
    } else if (name[i] == '(') {
      return name.substr(0, i);
    } else {
      ++i;
    }
  }
  return name;
}

void PruneFrom(Profile* p, const RE2& drop) {
  std::vector<bool> beneath(p->locations.size(), false);
  for (size_t i = 0; i < p->locations.size(); ++i) {
    Location& l = p->locations[i];
    for (size_t k = 0; k < l.lines.size(); ++k) {
      const Line& ln = l.lines[k];
      if (ln.function == kNone) continue;
      const std::string& name = p->functions[static_cast<size_t>(ln.function)].name;
      if (name.empty()) continue;
      if (RE2::PartialMatch(SimplifyFunctionName(name), drop)) {
        beneath[i] = true;
        l.lines.erase(l.lines.begin(), l.lines.begin() + static_cast<ptrdiff_t>(k));
        break;
      }
    }
  }
  for (Sample& s : p->samples) {
    auto locs = p->LocationsOf(s);
    for (size_t k = 0; k < locs.size(); ++k) {
      if (beneath[locs[k]]) {
        s.loc_begin += static_cast<uint32_t>(k);
        s.loc_count -= static_cast<uint32_t>(k);
        break;
      }
    }
  }
}

Status RemoveUninteresting(Profile* p) {
  if (p->drop_frames.empty()) return Status::Ok();
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 drop("^(" + p->drop_frames + ")$", opts);
  if (!drop.ok()) {
    return InvalidArgument(
        fmt::format("failed to compile regexp {}: {}", p->drop_frames, drop.error()));
  }
  std::unique_ptr<RE2> keep;
  if (!p->keep_frames.empty()) {
    keep = std::make_unique<RE2>("^(" + p->keep_frames + ")$", opts);
    if (!keep->ok()) {
      return InvalidArgument(
          fmt::format("failed to compile regexp {}: {}", p->keep_frames, keep->error()));
    }
  }
  std::vector<bool> prune(p->locations.size(), false), beneath(p->locations.size(), false);
  for (size_t li = 0; li < p->locations.size(); ++li) {
    Location& l = p->locations[li];
    ptrdiff_t i = static_cast<ptrdiff_t>(l.lines.size()) - 1;
    for (; i >= 0; --i) {
      const Line& ln = l.lines[static_cast<size_t>(i)];
      if (ln.function == kNone) continue;
      const std::string& name = p->functions[static_cast<size_t>(ln.function)].name;
      if (name.empty()) continue;
      std::string_view simple = SimplifyFunctionName(name);
      if (RE2::FullMatch(simple, drop) && (!keep || !RE2::FullMatch(simple, *keep))) break;
    }
    if (i >= 0) {
      beneath[li] = true;
      if (static_cast<size_t>(i) == l.lines.size() - 1) {
        prune[li] = true;
      } else {
        l.lines.erase(l.lines.begin(), l.lines.begin() + i + 1);
      }
    }
  }
  for (Sample& s : p->samples) {
    auto locs = p->LocationsOf(s);
    bool found_user = false;
    for (size_t k = locs.size(); k-- > 0;) {
      uint32_t id = locs[k];
      if (!prune[id] && !beneath[id]) {
        found_user = true;
        continue;
      }
      if (!found_user) continue;
      if (prune[id]) {
        s.loc_begin += static_cast<uint32_t>(k + 1);
        s.loc_count -= static_cast<uint32_t>(k + 1);
        break;
      }
      if (beneath[id]) {
        s.loc_begin += static_cast<uint32_t>(k);
        s.loc_count -= static_cast<uint32_t>(k);
        break;
      }
    }
  }
  return Status::Ok();
}

Status Aggregate(Profile* p, bool inline_frame, bool function, bool filename, bool linenumber,
                 bool address) {
  for (Mapping& m : p->mappings) {
    m.has_inline_frames = m.has_inline_frames && inline_frame;
    m.has_functions = m.has_functions && function;
    m.has_filenames = m.has_filenames && filename;
    m.has_line_numbers = m.has_line_numbers && linenumber;
  }
  if (!function || !filename) {
    for (Function& f : p->functions) {
      if (!function) {
        f.name.clear();
        f.system_name.clear();
      }
      if (!filename) f.filename.clear();
    }
  }
  if (!inline_frame || !address || !linenumber) {
    for (Location& l : p->locations) {
      if (!inline_frame && l.lines.size() > 1) l.lines.erase(l.lines.begin(), l.lines.end() - 1);
      if (!linenumber) {
        for (Line& ln : l.lines) ln.line = 0;
      }
      if (!address) l.address = 0;
    }
  }
  return p->CheckValid();
}

}  // namespace mw::pprof

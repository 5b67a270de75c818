// Where a struct value built in the checked packages can go, for MW102's
// question "can this construction reach that write?". The value is
// followed forward:
// - through local variables, flow-sensitively within a function: only uses
//   that can run after the assignment count (later in the source, in a
//   loop around both, or in a closure);
// - through struct fields, field-based: every read of the field anywhere;
// - into parameters and receivers of the checked functions it is passed to
//   (through the call graph), and out of results to their call sites.
// Where it cannot be followed (stored in a slice, map or channel, through a
// pointer, as a method value, handed to append) it escapes, and the
// function it escaped in is recorded: anything that function reaches may
// see it.
#ifndef MAPWARDEN_LINT_VALUE_FLOW_H_
#define MAPWARDEN_LINT_VALUE_FLOW_H_

#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lint/constant_arguments.h"
#include "sema/facts.h"
#include "sema/program.h"

namespace mw::lint {

// The functions reachable from a function through the call graph,
// interface calls excluded (they would make everything reach everything).
class Reachability {
 public:
  explicit Reachability(const sema::Facts& facts) : facts_(facts) {}
  const std::unordered_set<const syntax::Node*>& From(const syntax::Node* f);

 private:
  const sema::Facts& facts_;
  std::unordered_map<const syntax::Node*, std::unordered_set<const syntax::Node*>> memo_;
};

struct ValueDestinations {
  // Expressions that may hold the value (identifier uses, field reads, call
  // results), with parentheses, * and & stripped.
  std::unordered_set<const syntax::Node*> exprs;
  // Functions in which it escaped where it could not be followed.
  std::unordered_set<const syntax::Node*> escaped_in;
  // Returned by an exported function: code outside the packages gets it.
  bool external = false;
  // Not followed at all (a package-level value used at package level).
  bool unknown = false;
  // The calls through which it entered each parameter and receiver.
  std::unordered_map<const sema::Object*, std::vector<EntrySite>> entries;
};

class ValueFlow {
 public:
  ValueFlow(const sema::Facts& facts, const std::vector<const sema::Package*>& packages);
  ~ValueFlow();
  // Where the value of a construction can go (memoized): from inside its
  // function, or from every function using the package-level variable it
  // initialises. Decoded values are not followed here.
  const ValueDestinations& From(const sema::Construction& c);
  // Whether the value is at `base`, an identifier in `func` of `pkg`, only
  // through a parameter or receiver that `func`'s declaration never
  // assigns, and every call that hands it in rules out the branch holding
  // `node` by a constant argument (see constant_arguments.h).
  bool RuledOutAt(const ValueDestinations& d, const sema::Package* pkg, const syntax::Node* func,
                  const syntax::Node* base, const syntax::Node* node);

 private:
  class Tracer;
  friend class Tracer;
  struct FuncPlace {
    const syntax::Node* outer = nullptr;  // the FuncDecl (or package-level FuncLit) to walk
    const sema::Package* pkg = nullptr;
  };
  FuncPlace PlaceOf(const syntax::Node* func);
  // Whether a package-level literal is the value of the blank identifier.
  static bool AssignedToBlank(const sema::Construction& c);
  // The functions reading each struct field, built on first use.
  const std::vector<const syntax::Node*>& ReadersOf(const sema::Type* owner, int index);
  bool HasGoto(const syntax::Node* outer);

  const sema::Facts& facts_;
  std::unordered_map<const syntax::ParsedFile*, const sema::Package*> file_pkg_;
  std::unordered_map<const syntax::Node*, FuncPlace> places_;
  bool readers_built_ = false;
  std::map<std::pair<const sema::Type*, int>, std::vector<const syntax::Node*>> readers_;
  std::unordered_map<const syntax::Node*, bool> has_goto_;
  std::unordered_map<const syntax::Node*, std::unique_ptr<ValueDestinations>> memo_;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_VALUE_FLOW_H_

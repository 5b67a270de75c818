// Command randprof writes random profiles for differential tests of
// `mapwarden pprof top` against `go tool pprof -top`. Real profiles rarely
// hold the shapes that break a report: negative and cancelling values,
// locations with no lines or several inlined ones, functions sharing a name
// across files, samples in unsymbolized code. These hold them on purpose.
//
// It builds profiles with pprof's own profile package, which the test
// setup copies from the Go toolchain into this module as randprof/profile
// (the toolchain vendors it under cmd/, where it cannot be imported).
//
// Usage: randprof -n N OUTDIR (writes OUTDIR/random-SEED.pb.gz, SEED 1..N)
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"

	"randprof/profile"
)

var (
	names = []string{"main.a", "main.b", "main.handle", "runtime.mallocgc", "runtime.mapassign",
		"pkg.(*T).add", "sync.(*Mutex).Lock", "main.burn", ""}
	// Names as a symbolizer leaves them, for pprof to simplify.
	systemNames = []string{"std::vector<int>::push_back(int)", "ns::Foo::bar(const char*) const",
		"Foo.<init>", "main.(*Cache[...]).Put", "main.Fill[...]", "op()(x)", "a<b>(c)::d", "s"}
	files  = []string{"/src/a.go", "/src/b.go", "/usr/lib/go/src/runtime/malloc.go", ""}
	kinds  = [][2]string{{"samples", "count"}, {"cpu", "nanoseconds"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"delay", "nanoseconds"}, {"x", "seconds"}, {"y", "kilobytes"}}
	scales = []int64{1, 10, 1000, 10000000, 1 << 20, 999999}
	// Durations at the edges of pprof's unit scaling.
	durations = []int64{999999999, 999995000, 59999999999, 60000000000, 3600000000000, 1, 999}
)

func randomProfile(r *rand.Rand) *profile.Profile {
	var funcs []*profile.Function
	for i, n := 0, 1+r.Intn(12); i < n; i++ {
		f := &profile.Function{ID: uint64(i + 1), Name: names[r.Intn(len(names))],
			Filename: files[r.Intn(len(files))], StartLine: int64(r.Intn(5))}
		switch r.Intn(4) {
		case 0:
			f.SystemName = systemNames[r.Intn(len(systemNames))]
		case 1:
			f.Name = systemNames[r.Intn(len(systemNames))]
			f.SystemName = f.Name
		default:
			f.SystemName = f.Name
		}
		funcs = append(funcs, f)
	}
	m := &profile.Mapping{ID: 1, Start: 0x400000, Limit: 0x900000, File: "/bin/prog", HasFunctions: true}
	var locs []*profile.Location
	for i, n := 0, 1+r.Intn(20); i < n; i++ {
		l := &profile.Location{ID: uint64(i + 1), Mapping: m, Address: uint64(0x400000 + r.Intn(0x1000))}
		lines := 1 + r.Intn(2) // one frame, or two with the first inlined
		if r.Intn(10) == 0 {
			lines = 0 // unsymbolized
		}
		for j := 0; j < lines; j++ {
			l.Line = append(l.Line, profile.Line{Function: funcs[r.Intn(len(funcs))], Line: int64(r.Intn(30))})
		}
		locs = append(locs, l)
	}
	p := &profile.Profile{Mapping: []*profile.Mapping{m}, Location: locs, Function: funcs,
		TimeNanos: 1700000000000000000}
	types := 1 + r.Intn(3)
	for i := 0; i < types; i++ {
		k := kinds[r.Intn(len(kinds))]
		p.SampleType = append(p.SampleType, &profile.ValueType{Type: k[0], Unit: k[1]})
	}
	if r.Intn(2) == 0 {
		p.PeriodType = &profile.ValueType{Type: "cpu", Unit: "nanoseconds"}
		p.Period = int64(r.Intn(20000000))
	}
	switch r.Intn(3) {
	case 0:
		p.DurationNanos = r.Int63n(2000000000)
	case 1:
		p.DurationNanos = durations[r.Intn(len(durations))]
	}
	for i, n := 0, r.Intn(30); i < n; i++ {
		s := &profile.Sample{}
		for j, depth := 0, 1+r.Intn(6); j < depth; j++ {
			s.Location = append(s.Location, locs[r.Intn(len(locs))])
		}
		scale := scales[r.Intn(len(scales))]
		for j := 0; j < types; j++ {
			v := r.Int63n(100) * scale
			switch r.Intn(8) {
			case 0:
				v = -v
			case 1:
				v = 0
			}
			s.Value = append(s.Value, v)
		}
		p.Sample = append(p.Sample, s)
	}
	return p
}

func main() {
	n := flag.Int("n", 32, "number of profiles")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: randprof -n N OUTDIR")
		os.Exit(2)
	}
	for seed := 1; seed <= *n; seed++ {
		p := randomProfile(rand.New(rand.NewSource(int64(seed))))
		f, err := os.Create(filepath.Join(flag.Arg(0), fmt.Sprintf("random-%03d.pb.gz", seed)))
		if err == nil {
			err = p.Write(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "randprof:", err)
			os.Exit(1)
		}
	}
}

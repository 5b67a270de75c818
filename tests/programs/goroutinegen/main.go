// goroutinegen parks goroutines on every kind of blocking operation, then
// writes the goroutine profile as debug=2 text, debug=1 text and debug=0
// proto. With -wait D it waits D (and runs the GC) first, so that the
// dump shows ", N minutes" wait times.
//
// Usage: goroutinegen [-wait D] [-scale N] OUTDIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	unbuffered = make(chan int)
	never      = make(chan struct{})
	mu         sync.Mutex
	rw         sync.RWMutex
	wg         sync.WaitGroup
	cond       = sync.NewCond(&sync.Mutex{})
	sessions   = map[string]int{}
	sessionsMu sync.Mutex
)

//go:noinline
func sendForever(i int) { unbuffered <- i }

//go:noinline
func receiveForever() { <-never }

//go:noinline
func sendNil() {
	var ch chan int
	ch <- 1
}

//go:noinline
func receiveNil() {
	var ch chan int
	<-ch
}

//go:noinline
func selectForever() {
	select {
	case <-never:
	case unbuffered <- 1:
	}
}

//go:noinline
func selectEmpty() { select {} }

//go:noinline
func lockMutex() {
	mu.Lock()
	defer mu.Unlock()
}

//go:noinline
func lockRW() {
	rw.RLock()
	defer rw.RUnlock()
}

//go:noinline
func waitGroup() { wg.Wait() }

//go:noinline
func waitCond() {
	cond.L.Lock()
	cond.Wait()
	cond.L.Unlock()
}

//go:noinline
func readPipe(r *os.File) {
	buf := make([]byte, 1)
	r.Read(buf)
}

//go:noinline
func sleepLong() { time.Sleep(time.Hour) }

// handle writes a package map under a lock that another goroutine holds:
// the map-touching goroutines pile up behind it.
//
//go:noinline
func handle(id int) {
	sessionsMu.Lock()
	sessions[fmt.Sprint(id)] = id
	sessionsMu.Unlock()
}

func main() {
	wait := flag.Duration("wait", 0, "wait this long before dumping")
	scale := flag.Int("scale", 1, "multiply the leaking goroutines")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: goroutinegen [-wait D] [-scale N] OUTDIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	mu.Lock()
	rw.Lock()
	wg.Add(1)
	sessionsMu.Lock()
	r, w, err := os.Pipe()
	if err != nil {
		panic(err)
	}
	defer w.Close()
	for i := 0; i < 20**scale; i++ {
		go sendForever(i)
	}
	for i := 0; i < 5; i++ {
		go receiveForever()
	}
	go sendNil()
	go receiveNil()
	go selectForever()
	go selectEmpty()
	for i := 0; i < 3; i++ {
		go lockMutex()
		go lockRW()
		go waitGroup()
		go waitCond()
	}
	go readPipe(r)
	go sleepLong()
	for i := 0; i < 7; i++ {
		go handle(i)
	}
	time.Sleep(200 * time.Millisecond)
	if *wait > 0 {
		deadline := time.Now().Add(*wait)
		for time.Now().Before(deadline) {
			runtime.GC()
			time.Sleep(5 * time.Second)
		}
		runtime.GC()
		runtime.GC()
	}
	for _, d := range []struct {
		name  string
		debug int
	}{{"goroutine.debug2.txt", 2}, {"goroutine.debug1.txt", 1}, {"goroutine.pb.gz", 0}} {
		f, err := os.Create(filepath.Join(dir, d.name))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup("goroutine").WriteTo(f, d.debug); err != nil {
			panic(err)
		}
		f.Close()
	}
}

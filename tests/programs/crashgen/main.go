// crashgen behaves like a small service that logs requests and then
// crashes in one of the ways maps crash Go programs. Its standard error is
// the service log that `mapwarden panics` reads.
//
// Usage: crashgen MODE
//
//	concurrent  unsynchronized writes from several goroutines: fatal error
//	nilmap      a write to a nil map field, not recovered: panic
//	recovered   the same panic recovered and logged without a stack, then
//	            a later unrecovered one
//	iterate     a map written while another goroutine ranges over it
package main

import (
	"fmt"
	"log"
	"os"
	"sync"
	"time"
)

type cache struct {
	items map[string]int // never initialized: the S2 shape
}

func (c *cache) put(k string) { c.items[k]++ }

var counts = map[int]int{}

//go:noinline
func record(i int) { counts[i%16]++ }

func concurrent() {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; ; i++ {
				record(i + g)
			}
		}(g)
	}
	wg.Wait()
}

func serve(c *cache, key string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	c.put(key)
	return nil
}

//go:noinline
func iterate() {
	m := map[int]int{}
	for i := 0; i < 1000; i++ {
		m[i] = i
	}
	go func() {
		for i := 0; ; i++ {
			m[i%1000] = i
		}
	}()
	for {
		s := 0
		for _, v := range m {
			s += v
		}
		_ = s
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: crashgen concurrent|nilmap|recovered|iterate")
		os.Exit(2)
	}
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	for i := 0; i < 3; i++ {
		log.Printf("handled request %d in %v", i, time.Millisecond)
	}
	c := &cache{}
	switch os.Args[1] {
	case "concurrent":
		concurrent()
	case "nilmap":
		c.put("user-1")
	case "recovered":
		for i := 0; i < 3; i++ {
			if err := serve(c, fmt.Sprint("user-", i)); err != nil {
				log.Printf("request %d failed: %v", i, err)
			}
		}
		c.put("user-9")
	case "iterate":
		iterate()
	}
}

// gen writes a debug=2 goroutine dump of N goroutines by cycling through the
// goroutine blocks of a real dump and renumbering them.
//
// Usage: gen SEED N OUT
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gen SEED N OUT")
		os.Exit(2)
	}
	seed, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil {
		panic(err)
	}
	var blocks [][]byte // each without its "goroutine N " prefix
	for _, b := range bytes.Split(bytes.TrimSpace(seed), []byte("\n\n")) {
		if i := bytes.IndexByte(b, '['); bytes.HasPrefix(b, []byte("goroutine ")) && i > 0 {
			blocks = append(blocks, b[i:])
		}
	}
	f, err := os.Create(os.Args[3])
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "goroutine %d ", i+1)
		w.Write(blocks[i%len(blocks)])
		w.WriteString("\n\n")
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

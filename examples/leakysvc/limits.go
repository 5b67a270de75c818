package main

import "encoding/json"

// Limits are loaded from a JSON document. A document without "perTenant"
// leaves the map nil, and the write below panics (S2, decoder variant);
// the bundled document has the key, so the demo runs.
type Limits struct {
	Default   int            `json:"default"`
	PerTenant map[string]int `json:"perTenant"`
}

func loadLimits(doc []byte) (*Limits, error) {
	var l Limits
	if err := json.Unmarshal(doc, &l); err != nil {
		return nil, err
	}
	l.PerTenant["system"] = 1 << 20 // the system tenant is never limited
	return &l, nil
}

// stats counts cache hits and misses per tenant. Its constructor makes
// hits and forgets misses (S2): the first miss panics. The demo only
// records hits.
type stats struct {
	hits   map[string]int
	misses map[string]int
}

func newStats() *stats { return &stats{hits: map[string]int{}} }

func (s *stats) record(tenant string, hit bool) {
	if hit {
		s.hits[tenant]++
	} else {
		s.misses[tenant]++
	}
}

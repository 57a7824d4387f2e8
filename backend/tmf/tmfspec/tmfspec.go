// Package tmfspec checks JSON payloads against the official TM Forum Open API specifications (Swagger 2.0
// files in ../shared/specs/tmf/ beside the project, not copied into it): each definition of a spec, such as
// TMF622's ProductOrder_Create, is compiled as a JSON Schema. The tests of the TMF types, the sync and the
// reference order-management server use it on everything sent and served.
package tmfspec

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The specification files this project speaks.
const (
	TMF622 = "TMF622-ProductOrdering-v4.0.0.swagger.json"
	TMF637 = "TMF637-ProductInventory-v4.0.0.swagger.json"
)

// Dir finds the specifications: $QUOTEWRIGHT_TMF_SPECS, else shared/specs/tmf in a folder above the working
// directory (the team's shared folder beside the project).
func Dir() (string, error) {
	if d := os.Getenv("QUOTEWRIGHT_TMF_SPECS"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared", "specs", "tmf")
		if _, err := os.Stat(filepath.Join(cand, TMF622)); err == nil {
			return cand, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("the TM Forum specifications were not found: set QUOTEWRIGHT_TMF_SPECS to the folder holding " + TMF622)
		}
	}
}

// Spec is one specification file, its definitions compiled on demand.
type Spec struct {
	url string
	// The compiler is not safe for concurrent use: each definition is compiled once, under mu, and the
	// compiled schema (which is) kept.
	mu       sync.Mutex
	c        *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
}

// Load reads a specification file of dir.
func Load(dir, file string) (*Spec, error) {
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	c := jsonschema.NewCompiler()
	// Swagger 2.0 schema objects are JSON Schema draft 4 with a few keywords of their own, which are ignored.
	c.DefaultDraft(jsonschema.Draft4)
	url := "https://specs.tmforum.example/" + file
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return &Spec{url: url, c: c, compiled: map[string]*jsonschema.Schema{}}, nil
}

// Validate checks a JSON payload against one of the specification's definitions ("ProductOrder_Create").
// It may be called from many goroutines at once.
func (s *Spec) Validate(definition string, payload []byte) error {
	s.mu.Lock()
	sch, ok := s.compiled[definition]
	if !ok {
		var err error
		if sch, err = s.c.Compile(s.url + "#/definitions/" + definition); err != nil {
			s.mu.Unlock()
			return fmt.Errorf("definition %s: %w", definition, err)
		}
		s.compiled[definition] = sch
	}
	s.mu.Unlock()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(v)
}

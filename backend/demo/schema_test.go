package demo_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemas = "../../docs/schemas"

// compile loads the JSON Schemas of docs/schemas under their $id.
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	files, _ := filepath.Glob(filepath.Join(schemas, "*.schema.json"))
	for _, f := range files {
		doc, err := readJSON(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource("https://quotewright.example/schemas/"+filepath.Base(f), doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile("https://quotewright.example/schemas/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readJSON(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// The documented formats describe the files the code reads and writes: the demo catalog, the example quotes
// and their priced results all validate against docs/schemas.
func TestExamplesMatchSchemas(t *testing.T) {
	cases := map[string]string{"demo-catalog.json": "catalog.schema.json"}
	quotes, _ := filepath.Glob(filepath.Join(examples, "*.quote.json"))
	for _, q := range quotes {
		cases[filepath.Base(q)] = "quote.schema.json"
		cases[strings.TrimSuffix(filepath.Base(q), ".quote.json")+".priced.json"] = "priced-quote.schema.json"
	}
	for file, schema := range cases {
		doc, err := readJSON(filepath.Join(examples, file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := compile(t, schema).Validate(doc); err != nil {
			t.Errorf("%s does not match %s: %v", file, schema, err)
		}
	}
}

// The schemas are strict: a misspelt field or a number where a decimal string belongs is refused, as the
// readers refuse them.
func TestSchemasRefuseWhatTheReadersRefuse(t *testing.T) {
	s := compile(t, "quote.schema.json")
	for _, bad := range []string{
		`{"format":"quotewright.quote/v1","priceList":"JP","termMonths":24,"customer":{"segment":"business"},"lines":[{"product":"X","quantity":0}]}`,
		`{"format":"quotewright.quote/v1","priceList":"JP","termMonths":24,"customer":{"segment":"business"},"lines":[{"product":"X","discountPct":10}]}`,
		`{"format":"quotewright.quote/v1","priceList":"JP","termMonths":24,"customer":{"segment":"business"},"lines":[{"prodcut":"X"}]}`,
		`{"format":"quotewright.quote/v1","priceList":"JP","termMonths":7,"customer":{"segment":"business"},"lines":[{"product":"X"}]}`,
		`{"format":"quotewright.quote/v1","priceList":"JP","termMonths":24,"customer":{"segment":"business"},"lines":[{"product":"X","discountAmount":"-50"}]}`,
		`{"format":"quotewright.quote/v1","priceList":"JP","termMonths":24,"customer":{"segment":"business"},"settings":{"taxRates":{"":"10"}},"lines":[{"product":"X"}]}`,
	} {
		refused(t, s, bad)
	}
	c := compile(t, "catalog.schema.json")
	text := `{"en":"x","ja":"x"}`
	for _, bad := range []string{
		`{"format":"quotewright.catalog/v1","products":[],"priceLists":[{"code":"JP","name":` + text + `,"currency":"JPY","active":true,"prices":[{"product":"X","charge":"recurring","amount":"100"}]}]}`,
		`{"format":"quotewright.catalog/v1","products":[],"priceLists":[],"promotions":[{"code":"OFF","name":` + text + `,"description":` + text + `,"kind":"amount","value":"50","charge":"recurring","products":["X"],"active":true}]}`,
		`{"format":"quotewright.catalog/v1","products":[],"priceLists":[],"rules":[{"code":"R","kind":"requires","products":["X"],"message":` + text + `,"active":true}]}`,
	} {
		refused(t, c, bad)
	}
}

// refused checks that the schema refuses a document the readers refuse.
func refused(t *testing.T, s *jsonschema.Schema, bad string) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(doc); err == nil {
		t.Errorf("the schema accepts %s", bad)
	}
}

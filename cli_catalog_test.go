package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPriceFromCatalogFile(t *testing.T) {
	code, out, errs := runCLI(t, "price", "--catalog", "docs/examples/demo-catalog.json", "docs/examples/consumer-fibre.quote.json")
	if code != 0 {
		t.Fatalf("price: %d %s", code, errs)
	}
	want, _ := os.ReadFile("docs/examples/consumer-fibre.priced.json")
	if out != string(want) {
		t.Errorf("the CLI's output differs from docs/examples/consumer-fibre.priced.json")
	}
	// -o writes the file instead.
	dst := filepath.Join(t.TempDir(), "out.json")
	if code, _, errs := runCLI(t, "price", "--catalog", "docs/examples/demo-catalog.json", "-o", dst, "docs/examples/consumer-fibre.quote.json"); code != 0 {
		t.Fatalf("price -o: %s", errs)
	}
	if b, _ := os.ReadFile(dst); string(b) != string(want) {
		t.Errorf("-o wrote something else")
	}
}

func TestPriceFromTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runCLI(t, "demo", "--reset", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "price", "--db", db, "docs/examples/global-media-stores.quote.json")
	if code != 0 {
		t.Fatalf("price from the database: %d %s", code, errs)
	}
	var priced struct {
		Totals struct{ TCV string } `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &priced); err != nil || priced.Totals.TCV == "" {
		t.Fatalf("output: %v %.200s", err, out)
	}
}

func TestPriceRefusesBadInputNamingTheField(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	cases := []struct {
		body string
		want []string
	}{
		{`{"format":"quotewright.quote/v1","priceList":"JP-STANDARD","termMonths":24,"customer":{"segment":"business"},
		  "lines":[{"product":"FIBRE-BIZ","quantity":0},{"product":"NOPE","discountPct":"120"}]}`,
			[]string{"lines[0].quantity: 0 is not a quantity", `lines[1].product: no product "NOPE" in the catalog`, "lines[1].discountPct: 120 is not a percentage"}},
		{`{"format":"quotewright.quote/v1","priceList":"JP-STANDARD","termMonths":7,"customer":{"segment":"retail"},"lines":[{"product":"TV-HOME","site":"home"}]}`,
			[]string{"termMonths: 7 is not a term", `customer.segment: "retail" is not a segment`, `lines[0].site: no site "home"`}},
		{`{"format":"quotewright.quote/v1","priceList":"JP-STANDARD","termMonths":24,"customer":{"segment":"consumer"},"lines":[{"product":"TV-HOME","quantity":"two"}]}`,
			[]string{"lines.quantity: expected a whole number, found string"}},
		{`{"format":"quotewright.quote/v1","priceList":"JP-STANDARD","termMonths":24,"customer":{"segment":"consumer"},"lines":[{"prodcut":"TV-HOME"}]}`,
			[]string{"prodcut: unknown field"}},
		{`{"format":"quotewright.quote/v1", "priceList": `, []string{"not valid JSON"}},
		{`{"format":"quotewright.quote/v1","priceList":"EUR-LIST","termMonths":24,"customer":{"segment":"consumer"},"lines":[{"product":"TV-HOME"}]}`,
			[]string{`priceList: no price list "EUR-LIST" in the catalog (it has JP-STANDARD, US-INTERNATIONAL)`}},
	}
	for i, c := range cases {
		code, _, errs := runCLI(t, "price", "--catalog", "docs/examples/demo-catalog.json", write("q.json", c.body))
		if code != 2 {
			t.Errorf("case %d: exit %d, want 2 (%s)", i, code, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("case %d: %q does not say %q", i, errs, w)
			}
		}
	}
	if code, _, errs := runCLI(t, "price", "--catalog", write("c.json", `{"format":"quotewright.catalog/v1","products":[{"code":"x"}],"priceLists":[]}`),
		"docs/examples/consumer-fibre.quote.json"); code != 2 || !strings.Contains(errs, "products[0].code") {
		t.Errorf("bad catalog: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "price", filepath.Join(dir, "missing.json")); code != 2 || !strings.Contains(errs, "cannot read") {
		t.Errorf("missing file: %d %q", code, errs)
	}
}

func TestCatalogExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, db := range []string{a, b} {
		if code, _, errs := runCLI(t, "demo", "--reset", "--db", db); code != 0 {
			t.Fatal(errs)
		}
	}
	exported := filepath.Join(dir, "catalog.json")
	if code, _, errs := runCLI(t, "catalog", "export", "--db", a, "-o", exported); code != 0 {
		t.Fatal(errs)
	}
	// Change a price and a rule in the file, import it into the other database, export again: the change is there.
	raw, _ := os.ReadFile(exported)
	edited := strings.Replace(string(raw), `"amount": "5720"`, `"amount": "5500"`, 1)
	edited = strings.Replace(edited, `"postalPrefixes": [
        "1",`, `"postalPrefixes": [
        "0",
        "1",`, 1)
	os.WriteFile(exported, []byte(edited), 0o644)
	code, out, errs := runCLI(t, "catalog", "import", "--db", b, exported)
	if code != 0 || !strings.Contains(out, "products: 0 added, 17 updated") || !strings.Contains(out, "rules: 0 added, 7 updated") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	again := filepath.Join(dir, "again.json")
	runCLI(t, "catalog", "export", "--db", b, "-o", again)
	got, _ := os.ReadFile(again)
	if string(got) != edited {
		t.Errorf("after import, the export differs from the imported file")
	}
	// A file that breaks the catalog is refused and changes nothing.
	broken := strings.Replace(edited, `"product": "FIBRE-HOME",`, `"product": "NOT-THERE",`, 1)
	os.WriteFile(exported, []byte(broken), 0o644)
	if code, _, errs := runCLI(t, "catalog", "import", "--db", b, exported); code != 2 || !strings.Contains(errs, `no product with code "NOT-THERE"`) {
		t.Errorf("broken import: %d %q", code, errs)
	}
	runCLI(t, "catalog", "export", "--db", b, "-o", again)
	if got2, _ := os.ReadFile(again); string(got2) != edited {
		t.Errorf("a refused import changed the catalog")
	}
	// A file that names a code twice would double it: refused, naming both places.
	var whole map[string]any
	json.Unmarshal([]byte(edited), &whole)
	lists := whole["priceLists"].([]any)
	whole["priceLists"] = append(lists, lists[1])
	twice, _ := json.Marshal(whole)
	os.WriteFile(exported, twice, 0o644)
	if code, _, errs := runCLI(t, "catalog", "import", "--db", b, exported); code != 2 ||
		!strings.Contains(errs, "priceLists[2].code: price list US-INTERNATIONAL appears twice (also priceLists[1].code)") {
		t.Errorf("a price list twice: %d %q", code, errs)
	}
	// A file may add to the catalog there: a price list alone, priced for products only the database has.
	partial := `{"format": "quotewright.catalog/v1", "products": [], "priceLists": [{"code": "JP-PARTNER", "currency": "JPY",
		"name": {"en": "Partner prices", "ja": "パートナー価格"}, "active": true,
		"prices": [{"product": "FIBRE-BIZ", "charge": "recurring", "period": "month", "amount": "11000", "cost": "6500"}]}]}`
	os.WriteFile(exported, []byte(partial), 0o644)
	if code, out, errs := runCLI(t, "catalog", "import", "--db", b, exported); code != 0 || !strings.Contains(out, "price lists: 1 added, 0 updated (1 prices)") {
		t.Fatalf("partial import: %d %q %q", code, out, errs)
	}
	runCLI(t, "catalog", "export", "--db", b, "-o", again)
	if got3, _ := os.ReadFile(again); !strings.Contains(string(got3), `"JP-PARTNER"`) || !strings.Contains(string(got3), `"amount": "11000"`) {
		t.Errorf("the partner list is not in the catalog")
	}
}

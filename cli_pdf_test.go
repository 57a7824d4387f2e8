package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// signedContract puts an English quote for Global Media, accepted, and its contract signed by both parties
// into the database at path; it returns the quote's and the contract's numbers.
func signedContract(t *testing.T, path string) (quote, contract string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := sales.New(db, nil)
	s.SetSigner(keystore.New(keysDir(path)).Signer)
	users, _ := s.Users(ctx)
	var rep, manager sales.Actor
	for _, u := range users {
		switch u.Role {
		case cpq.RoleRep:
			if rep.UserID == "" {
				rep = sales.Actor{UserID: u.ID, Role: u.Role}
			}
		case cpq.RoleManager:
			manager = sales.Actor{UserID: u.ID, Role: u.Role}
		}
	}
	accounts, _, _ := s.ListAccounts(ctx, cpq.AccountFilter{Query: "Global Media"})
	d, err := s.Account(ctx, accounts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.CreateQuote(ctx, rep, sales.NewQuote{AccountID: d.Account.ID, Name: "Stores", TermMonths: 24,
		SiteIDs: []string{d.Sites[0].ID}, Lang: cpq.LangEN})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := s.Catalog(ctx)
	line := cpq.QuoteLine{ID: cpq.NewID("ql"), SiteGroupID: q.SiteGroups[0].ID, ProductID: cat.ProductByCode("FIBRE-BIZ").ID,
		Quantity: 2, Attributes: map[string]string{"bandwidth": "1G-BE", "static_ip": "none"}}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddLines(ctx, rep, q.ID, []cpq.QuoteLine{line}); err != nil {
		t.Fatal(err)
	}
	must(s.PresentQuote(ctx, rep, q.ID))
	must(s.AcceptQuote(ctx, rep, q.ID))
	c, err := s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	must(s.MoveContract(ctx, manager, c.ID, cpq.ContractApproved))
	must(s.MoveContract(ctx, rep, c.ID, cpq.ContractOutForSignature))
	must(s.SignContract(ctx, rep, c.ID, cpq.Signature{Party: cpq.PartyCustomer, Name: "Jane Carter", Title: "CFO", Method: cpq.SignTyped}))
	must(s.SignContract(ctx, rep, c.ID, cpq.Signature{Party: cpq.PartyProvider, Name: "Ken Sato", Method: cpq.SignTyped, SignedAt: time.Now()}))
	return q.Number, c.Number
}

func TestPDFCommand(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdfsig", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run scripts/setup.sh test", tool)
		}
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, errs := runCLI(t, "demo", "--reset", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	quote, contract := signedContract(t, db)

	qpdf := filepath.Join(dir, "quote.pdf")
	if code, _, errs := runCLI(t, "pdf", "quote", quote, "-o", qpdf, "--db", db); code != 0 {
		t.Fatalf("pdf quote: %d %s", code, errs)
	}
	out, err := exec.Command("pdftotext", qpdf, "-").CombinedOutput()
	if err != nil {
		t.Fatal(err, string(out))
	}
	for _, want := range []string{"QUOTATION", quote, "Business fibre", "Page 1 of 1"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the quote PDF lacks %q:\n%s", want, out)
		}
	}
	if out, err := exec.Command("qpdf", "--check", qpdf).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}

	cpdf := filepath.Join(dir, "contract.pdf")
	if code, _, errs := runCLI(t, "pdf", "contract", contract, "-o", cpdf, "--db", db); code != 0 {
		t.Fatalf("pdf contract: %d %s", code, errs)
	}
	sig, _ := exec.Command("pdfsig", cpdf).CombinedOutput()
	if !strings.Contains(string(sig), "Signature is Valid.") {
		t.Errorf("pdfsig on the signed contract:\n%s", sig)
	}
	data, _ := os.ReadFile(cpdf)
	data[len(data)/3] ^= 0x01
	altered := filepath.Join(dir, "altered.pdf")
	os.WriteFile(altered, data, 0o600)
	if sig, _ := exec.Command("pdfsig", altered).CombinedOutput(); !strings.Contains(string(sig), "Digest Mismatch.") {
		t.Errorf("pdfsig on the altered contract:\n%s", sig)
	}

	if code, _, errs := runCLI(t, "pdf", "contract", "C-999999", "-o", cpdf, "--db", db); code != 1 || !strings.Contains(errs, "does not exist") {
		t.Errorf("an unknown contract: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "pdf", "invoice", "X", "-o", cpdf, "--db", db); code != 2 || !strings.Contains(errs, "quote|contract") {
		t.Errorf("an unknown kind: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "pdf", "quote", quote, "--db", filepath.Join(dir, "none.db"), "-o", qpdf); code != 1 || !strings.Contains(errs, "no database at") {
		t.Errorf("a missing database: %d %q", code, errs)
	}
}

package sales_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/keystore"
	"quotewright/backend/redline"
	"quotewright/backend/sales"
	"quotewright/backend/signing"
)

// acceptedQuote is a quote with one business fibre line at pct discount, presented and accepted.
func (p *pipeline) acceptedQuote(t *testing.T, pct string) *cpq.Quote {
	t.Helper()
	ctx := context.Background()
	rep := p.users[repName]
	q, _ := p.discountedQuote(t, pct)
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.AcceptQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	return q
}

// signaturePNG is a drawn signature: a dark stroke on a transparent background.
func signaturePNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	for x := 20; x < 280; x++ {
		img.Set(x, 50+(x%40)-20, color.NRGBA{R: 20, G: 30, B: 90, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

func TestAContractIsMadeOnlyFromAnAcceptedQuoteAtItsPrices(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]

	draft, _ := p.discountedQuote(t, "5")
	if _, err := p.s.CreateContract(ctx, rep, draft.ID); errKey(err) != "contract.quote.notAccepted" {
		t.Fatalf("contract from a draft quote: %v", err)
	}
	q := p.acceptedQuote(t, "5")
	c, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 1 || c.Status != cpq.ContractDraft || c.QuoteID != q.ID || c.TermMonths != 24 {
		t.Errorf("contract = %+v", c)
	}
	if got, want := len(c.Clauses), 7; got != want {
		t.Fatalf("%d clauses, want the library's %d", got, want)
	}
	if got := c.Clauses[1].Body; !strings.Contains(got, "2026年12月1日 から 24 か月") {
		t.Errorf("term clause = %q, want the quote's term and the start date filled in", got)
	}
	sc := c.Schedule
	if len(sc.Groups) != 1 || len(sc.Groups[0].Lines) != 1 || sc.Groups[0].Lines[0].Product != "ビジネス光" {
		t.Fatalf("schedule = %+v", sc)
	}
	qa, err := p.s.QuoteApproval(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sc.TCV, qa.Priced.Result.Totals.TCV; !got.Equal(want) {
		t.Errorf("schedule TCV = %s, want the quote's %s", got, want)
	}
	if got, want := sc.Groups[0].Lines[0].Monthly, qa.Priced.Result.Lines[0].Charge("monthly").Net; !got.Equal(want) {
		t.Errorf("schedule monthly = %s, want %s", got, want)
	}
	if _, err := p.s.CreateContract(ctx, rep, q.ID); errKey(err) != "contract.exists" {
		t.Errorf("a second contract from the same quote: %v", err)
	}
	// A catalog change after the contract leaves its schedule alone.
	p.movePrice(t, "12800", "15800")
	v, err := p.s.Contract(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Contract.Schedule.TCV.Equal(sc.TCV) {
		t.Errorf("the schedule moved with the catalog: %s, was %s", v.Contract.Schedule.TCV, sc.TCV)
	}
}

func TestNegotiationApprovalAndSignatures(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	p.s.SetSigner(keystore.New(t.TempDir()).Signer)
	q := p.acceptedQuote(t, "5")
	v1, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The customer asks for 60 days' notice and a clause of their own.
	clauses := append([]cpq.ContractClause{}, v1.Clauses...)
	clauses[2].Body = strings.Replace(clauses[2].Body, "30 日前", "60 日前", 1)
	clauses = append(clauses, cpq.ContractClause{Title: "番号移行の支援", Body: "提供者は既存の電話番号を無償で移行します。"})
	if _, err := p.s.ReviseContract(ctx, rep, v1.ID, v1.Clauses, "nothing"); errKey(err) != "contract.revise.unchanged" {
		t.Errorf("a revision that changes nothing: %v", err)
	}
	v2, err := p.s.ReviseContract(ctx, rep, v1.ID, clauses, "Customer's mark-up of 2 December")
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 2 || v2.Number != v1.Number || v2.Status != cpq.ContractInNegotiation || v2.Clauses[7].Code != "CUSTOM1" {
		t.Errorf("v2 = %+v", v2)
	}
	if _, err := p.s.ReviseContract(ctx, rep, v1.ID, clauses, ""); errKey(err) != "contract.superseded" {
		t.Errorf("revising the superseded version: %v", err)
	}
	a, b, diff, err := p.s.CompareContracts(ctx, v2.ID, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 1 || b.Version != 2 {
		t.Errorf("compared v%d with v%d, want the older first", a.Version, b.Version)
	}
	var kinds []string
	for _, c := range diff {
		kinds = append(kinds, string(c.Kind))
	}
	if got, want := strings.Join(kinds, " "), "same same changed same same same same added"; got != want {
		t.Errorf("redline kinds = %s, want %s", got, want)
	}
	var del, ins string
	for _, s := range diff[2].Body {
		switch s.Op {
		case redline.Delete:
			del += s.Text
		case redline.Insert:
			ins += s.Text
		}
	}
	if del != "30" || ins != "60" {
		t.Errorf("notice clause: deleted %q, inserted %q", del, ins)
	}
	red, err := p.s.RedlinePDF(ctx, rep, v1.ID, v2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if txt := pdfText(t, red.Data); !strings.Contains(txt, "番号移行の支援") || !strings.Contains(txt, "60") {
		t.Errorf("the redline PDF lacks the changes:\n%s", txt)
	}

	// Changed clauses need a manager other than the owner.
	if _, err := p.s.MoveContract(ctx, rep, v2.ID, cpq.ContractApproved); errKey(err) != "contract.approve.nonStandard" {
		t.Fatalf("the rep approving non-standard clauses: %v", err)
	}
	if _, err := p.s.MoveContract(ctx, manager, v2.ID, cpq.ContractApproved); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.SignContract(ctx, rep, v2.ID, cpq.Signature{Party: cpq.PartyProvider, Name: "佐藤 健", Method: cpq.SignTyped}); errKey(err) != "contract.sign.status" {
		t.Errorf("signing before it is out for signature: %v", err)
	}
	if _, err := p.s.MoveContract(ctx, rep, v2.ID, cpq.ContractOutForSignature); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.SignContract(ctx, rep, v2.ID, cpq.Signature{Party: cpq.PartyCustomer, Name: "", Method: cpq.SignTyped}); err == nil {
		t.Error("a signature without a name was recorded")
	}
	c, err := p.s.SignContract(ctx, rep, v2.ID, cpq.Signature{Party: cpq.PartyCustomer, Name: "Jane Carter", Title: "CFO",
		Method: cpq.SignDrawn, Image: signaturePNG(t)})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != cpq.ContractOutForSignature {
		t.Errorf("status after one signature = %q", c.Status)
	}
	c, err = p.s.SignContract(ctx, rep, v2.ID, cpq.Signature{Party: cpq.PartyProvider, Name: "佐藤 健", Title: "Account executive",
		Method: cpq.SignTyped})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != cpq.ContractSigned || c.SignedAt.IsZero() {
		t.Fatalf("after both signatures: %q at %v", c.Status, c.SignedAt)
	}
	if _, err := p.s.ReviseContract(ctx, rep, v2.ID, clauses[:3], ""); errKey(err) != "contract.revise.status" {
		t.Errorf("changing a signed contract: %v", err)
	}
	if _, err := p.s.MoveContract(ctx, rep, v2.ID, cpq.ContractTerminated); errKey(err) != "contract.terminate.role" {
		t.Errorf("a rep terminating a signed contract: %v", err)
	}

	// The signed file is kept, recorded in the audit chain, and recognised; any change is seen.
	doc, err := p.s.ContractPDF(ctx, rep, v2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Record.Signed || !strings.HasSuffix(doc.FileName, "-v2-signed.pdf") {
		t.Errorf("document = %+v", doc.Record)
	}
	again, _ := p.s.ContractPDF(ctx, rep, v2.ID)
	if !bytes.Equal(again.Data, doc.Data) {
		t.Error("exporting the signed contract twice gave two different files")
	}
	txt := pdfText(t, doc.Data)
	for _, want := range []string{"Jane Carter", "CFO", "佐藤 健", "番号移行の支援", "ビジネス光"} {
		if !strings.Contains(txt, want) {
			t.Errorf("signed contract PDF lacks %q", want)
		}
	}
	events, err := p.s.History(ctx, "contract", v2.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range events {
		if e.Action == "contract.signed" && strings.Contains(string(e.Data), doc.Record.SHA256) {
			found = true
		}
	}
	if !found {
		t.Errorf("the audit chain has no contract.signed entry with the document's SHA-256 %s", doc.Record.SHA256)
	}
	ver, err := p.s.VerifyPDF(ctx, doc.Data)
	if err != nil {
		t.Fatal(err)
	}
	if ver.Verdict != sales.VerdictIssued || ver.Document == nil || ver.Document.ID != doc.Record.ID || !ver.Report.Intact() {
		t.Errorf("verifying the issued file: %+v", ver)
	}
	altered := bytes.Clone(doc.Data)
	i := bytes.Index(altered, []byte("Jane Carter"))
	if i < 0 {
		i = len(altered) / 3
	}
	altered[i+1] ^= 0x01
	if ver, _ = p.s.VerifyPDF(ctx, altered); ver == nil || ver.Verdict != sales.VerdictAltered {
		t.Errorf("verifying an altered file: %+v", ver)
	}
	appended := append(bytes.Clone(doc.Data), []byte("\n% a later update\n%%EOF\n")...)
	if ver, _ = p.s.VerifyPDF(ctx, appended); ver == nil || ver.Verdict != sales.VerdictAltered {
		t.Errorf("verifying a file with something appended: %+v", ver)
	}
	// Cut short, or with another revision signed by someone else after ours: still ours, altered.
	if ver, _ = p.s.VerifyPDF(ctx, doc.Data[:len(doc.Data)-100]); ver == nil || ver.Verdict != sales.VerdictAltered {
		t.Errorf("verifying a truncated copy: %+v", ver)
	}
	quote, err := p.s.QuotePDF(ctx, rep, c.QuoteID)
	if err != nil {
		t.Fatal(err)
	}
	p12, pw, err := signing.DemoCertificate("Mallory Ltd", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	mallory, err := signing.Load(p12, pw)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := mallory.Sign(quote.Data, signing.Info{Name: "Mallory"})
	if err != nil {
		t.Fatal(err)
	}
	resigned := append(bytes.Clone(doc.Data), theirs[len(quote.Data):]...)
	if ver, _ = p.s.VerifyPDF(ctx, resigned); ver == nil || ver.Verdict != sales.VerdictAltered {
		t.Errorf("verifying our contract with another company's signed revision after it: %+v", ver)
	}
	other := openPipeline(t)
	other.s.SetSigner(keystore.New(t.TempDir()).Signer)
	if ver, _ = other.s.VerifyPDF(ctx, doc.Data); ver == nil || ver.Verdict != sales.VerdictNotOurs {
		t.Errorf("another company verifying our file: %+v", ver)
	}
	if _, err := p.s.VerifyPDF(ctx, []byte("hello")); errKey(err) != "verify.notPDF" {
		t.Errorf("verifying a text file: %v", err)
	}
	signed, err := p.s.SignedContracts(ctx, c.AccountID)
	if err != nil || len(signed) != 1 || signed[0].ID != doc.Record.ID {
		t.Errorf("signed contracts of the account = %v, %v", signed, err)
	}
}

func TestQuotePDFIsRecordedAndReadsBack(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	q, _ := p.discountedQuote(t, "5")
	qc, err := p.s.Quote(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.s.QuotePDF(ctx, p.users[repName], q.ID)
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, doc.Data)
	for _, want := range []string{q.Number, qc.Account.Name, "御中", "ビジネス光", "御見積書", "登録番号 T", "10%対象"} {
		if !strings.Contains(txt, want) {
			t.Errorf("quote PDF lacks %q:\n%s", want, txt)
		}
	}
	ver, err := p.s.VerifyPDF(ctx, doc.Data)
	if err != nil {
		t.Fatal(err)
	}
	if ver.Verdict != sales.VerdictIssued || ver.Document.Kind != cpq.DocQuote {
		t.Errorf("verifying the quote PDF: %+v", ver)
	}
}

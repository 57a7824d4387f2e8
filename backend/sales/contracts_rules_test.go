package sales_test

// Second review of the contracts, documents and signing change (issue 5). Tests whose names describe a bug
// fail today; the others check what was found sound.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/shopspring/decimal"
	"software.sslmate.com/src/go-pkcs12"

	"quotewright/backend/cpq"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/signing"
)

// outForSignature makes a contract of standard clauses from an accepted quote and takes it out for
// signature (the rep may approve standard text himself).
func (p *pipeline) outForSignature(t *testing.T) *cpq.Contract {
	t.Helper()
	ctx := context.Background()
	rep := p.users[repName]
	q := p.acceptedQuote(t, "5")
	c, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []cpq.ContractStatus{cpq.ContractApproved, cpq.ContractOutForSignature} {
		if c, err = p.s.MoveContract(ctx, rep, c.ID, to); err != nil {
			t.Fatalf("move to %s: %v", to, err)
		}
	}
	return c
}

func typedSig(party cpq.Party, name string) cpq.Signature {
	return cpq.Signature{Party: party, Name: name, Method: cpq.SignTyped}
}

// signedByBoth signs a contract out for signature by both parties, with the demo certificate.
func (p *pipeline) signedByBoth(t *testing.T) *cpq.Contract {
	t.Helper()
	ctx := context.Background()
	rep := p.users[repName]
	p.s.SetSigner(keystore.New(t.TempDir()).Signer)
	c := p.outForSignature(t)
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Jane Carter")); err != nil {
		t.Fatal(err)
	}
	c, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyProvider, "佐藤 健"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != cpq.ContractSigned {
		t.Fatalf("status %s after both signatures", c.Status)
	}
	return c
}

// ---- Creating a contract ----

func TestContractIsRefusedForSupersededAndExpiredQuotes(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]

	presented, _ := p.discountedQuote(t, "5")
	if _, err := p.s.PresentQuote(ctx, rep, presented.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.ReviseQuote(ctx, rep, presented.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.CreateContract(ctx, rep, presented.ID); errKey(err) != "contract.quote.notAccepted" {
		t.Errorf("contract from a superseded quote: %v", err)
	}
	lapsed, _ := p.discountedQuote(t, "5")
	p.now = p.now.AddDate(0, 3, 0)
	if _, err := p.s.ExpireQuotes(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.CreateContract(ctx, rep, lapsed.ID); errKey(err) != "contract.quote.notAccepted" {
		t.Errorf("contract from an expired quote: %v", err)
	}
}

// A catalog price change after the customer said yes does not strand the deal: the contract is made at the
// prices accepted.
func TestAPriceChangeAfterAcceptanceStillMakesTheContractAtTheAcceptedPrices(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q := p.acceptedQuote(t, "5")
	before, err := p.s.QuoteApproval(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.movePrice(t, "12800", "13800") // a catalog import after the customer said yes
	c, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatalf("CreateContract: %v", err)
	}
	if got, want := c.Schedule.TCV, before.Priced.Result.Totals.TCV; !got.Equal(want) {
		t.Errorf("contract TCV = %s, want the accepted %s", got, want)
	}
}

// The director tightens the approval policy after the customer accepted a 20% quote that a manager
// approved: the contract is made from what was accepted, and the accepted quote's approval is left alone.
func TestAPolicyChangeAfterAcceptanceNeitherBlocksTheContractNorVoidsTheApproval(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager, director := p.users[repName], p.users[managerName], p.users[directorName]
	q, _ := p.discountedQuote(t, "20")
	a, err := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.DecideApproval(ctx, manager, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.AcceptQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	pol, _ := p.s.ApprovalPolicy(ctx)
	for _, x := range pol.Authorities {
		if x.Role == cpq.RoleManager {
			x.MaxDiscountPct = decimal.RequireFromString("15")
		}
	}
	if err := p.s.SetApprovalPolicy(ctx, director, pol); err != nil {
		t.Fatal(err)
	}
	if _, err = p.s.CreateContract(ctx, rep, q.ID); err != nil {
		t.Errorf("a contract from the accepted quote after a policy change: %v", err)
	}
	st, _ := p.s.QuoteApproval(ctx, q.ID)
	if st.Approvals[0].Status != cpq.ApprovalApproved {
		t.Errorf("making the contract voided the accepted quote's approval: %s", st.Approvals[0].Status)
	}
}

// ---- Negotiation and approval ----

// Deleting a standard clause (here the last one, whatever it is: limitation of liability, governing law …)
// shows on the contract page and needs a manager: the owner-rep cannot approve it himself.
func TestRemovingAStandardClauseNeedsAManager(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q := p.acceptedQuote(t, "5")
	v1, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	removed := v1.Clauses[len(v1.Clauses)-1]
	v2, err := p.s.ReviseContract(ctx, rep, v1.ID, v1.Clauses[:len(v1.Clauses)-1], "customer struck "+removed.Code)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := p.s.Contract(ctx, v2.ID); len(v.Missing) != 1 || v.Missing[0] != removed.Title {
		t.Errorf("the contract page does not show that %s (%s) was deleted: %v", removed.Code, removed.Title, v.Missing)
	}
	if _, err := p.s.MoveContract(ctx, rep, v2.ID, cpq.ContractApproved); errKey(err) != "contract.approve.missing" {
		t.Errorf("the owner-rep approved a contract without its %s clause (%q): %v", removed.Code, removed.Title, err)
	}
}

// Nobody approves text they wrote: a manager who writes a non-standard clause into a rep's contract needs
// another manager to approve it.
func TestAManagerCannotApproveNonStandardTextHeWroteHimself(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	q := p.acceptedQuote(t, "5")
	v1, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	clauses := append([]cpq.ContractClause{}, v1.Clauses...)
	clauses[2].Body = strings.Replace(clauses[2].Body, "30", "180", 1)
	v2, err := p.s.ReviseContract(ctx, manager, v1.ID, clauses, "manager's concession")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.MoveContract(ctx, manager, v2.ID, cpq.ContractApproved); errKey(err) != "contract.approve.nonStandard" {
		t.Errorf("the manager approved the non-standard clause he wrote: %v", err)
	}
}

// any revision after an approval is a new version in negotiation and needs approval again; restoring
// the standard text and changing it again does not carry an approval over.
func TestEveryRevisionNeedsApprovalAgain(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	q := p.acceptedQuote(t, "5")
	v1, _ := p.s.CreateContract(ctx, rep, q.ID)
	changed := append([]cpq.ContractClause{}, v1.Clauses...)
	changed[2].Body += " (amended)"
	v2, err := p.s.ReviseContract(ctx, rep, v1.ID, changed, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.MoveContract(ctx, manager, v2.ID, cpq.ContractApproved); err != nil {
		t.Fatal(err)
	}
	v3, err := p.s.ReviseContract(ctx, rep, v2.ID, v1.Clauses, "back to standard")
	if err != nil {
		t.Fatal(err)
	}
	if v3.Status != cpq.ContractInNegotiation {
		t.Errorf("a revision of an approved version is %s", v3.Status)
	}
	if _, err := p.s.MoveContract(ctx, rep, v3.ID, cpq.ContractApproved); err != nil {
		t.Fatalf("the rep approving standard text: %v", err)
	}
	changed[2].Body += " again"
	v4, err := p.s.ReviseContract(ctx, rep, v3.ID, changed, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.MoveContract(ctx, rep, v4.ID, cpq.ContractOutForSignature); err == nil {
		t.Error("a revised version went out for signature without approval")
	}
	if _, err := p.s.MoveContract(ctx, rep, v4.ID, cpq.ContractApproved); errKey(err) != "contract.approve.nonStandard" {
		t.Errorf("the rep approving his own change after an earlier approval: %v", err)
	}
}

// Moving clauses around changes every clause number after them (and the references "Article 5" in other
// clauses): it is a change, saved as a new version.
func TestReorderingClausesIsAChange(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q := p.acceptedQuote(t, "5")
	v1, _ := p.s.CreateContract(ctx, rep, q.ID)
	swapped := append([]cpq.ContractClause{}, v1.Clauses...)
	swapped[1], swapped[5] = swapped[5], swapped[1]
	if _, err := p.s.ReviseContract(ctx, rep, v1.ID, swapped, "customer's order"); err != nil {
		t.Errorf("reordering clauses: %v", err)
	}
}

// A custom clause removed in one version and a new one added in the next get different codes, so the redline
// shows a removal and an addition, not one "changed" clause.
func TestANewCustomClauseNeverReusesTheCodeOfARemovedOne(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q := p.acceptedQuote(t, "5")
	v1, _ := p.s.CreateContract(ctx, rep, q.ID)
	withA := append(append([]cpq.ContractClause{}, v1.Clauses...), cpq.ContractClause{Title: "Number porting", Body: "Free porting."})
	v2, err := p.s.ReviseContract(ctx, rep, v1.ID, withA, "")
	if err != nil {
		t.Fatal(err)
	}
	withB := append(append([]cpq.ContractClause{}, v1.Clauses...), cpq.ContractClause{Title: "Router", Body: "A router on loan."})
	v3, err := p.s.ReviseContract(ctx, rep, v2.ID, withB, "")
	if err != nil {
		t.Fatal(err)
	}
	_, _, diff, err := p.s.CompareContracts(ctx, v2.ID, v3.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range diff[len(v1.Clauses):] {
		kinds = append(kinds, c.Code+":"+string(c.Kind))
	}
	if got := strings.Join(kinds, " "); strings.Contains(got, "changed") {
		t.Errorf("redline of a removed clause and an unrelated new one: %s (want one removed, one added)", got)
	}
}

// ---- After signing ----

// a signed, then activated, contract changes by no route, and superseded versions take nothing.
func TestASignedContractCannotChange(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	c := p.signedByBoth(t)
	before, _ := p.s.Contract(ctx, c.ID)
	tries := func(stage string) {
		if _, err := p.s.ReviseContract(ctx, manager, c.ID, before.Contract.Clauses[:2], ""); err == nil {
			t.Errorf("%s: revised", stage)
		}
		if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Mallory")); err == nil {
			t.Errorf("%s: signed again", stage)
		}
		for _, to := range []cpq.ContractStatus{cpq.ContractInNegotiation, cpq.ContractApproved, cpq.ContractOutForSignature,
			cpq.ContractSigned, cpq.ContractSuperseded, cpq.ContractDraft} {
			if _, err := p.s.MoveContract(ctx, manager, c.ID, to); err == nil {
				t.Errorf("%s: moved to %s", stage, to)
			}
		}
		after, _ := p.s.Contract(ctx, c.ID)
		if len(after.Contract.Clauses) != len(before.Contract.Clauses) || len(after.Contract.Signatures) != 2 ||
			after.Contract.Signature(cpq.PartyCustomer).Name != "Jane Carter" || !after.Contract.Schedule.TCV.Equal(before.Contract.Schedule.TCV) {
			t.Errorf("%s: the signed contract changed: %+v", stage, after.Contract)
		}
	}
	tries("signed")
	if _, err := p.s.MoveContract(ctx, rep, c.ID, cpq.ContractActivated); err != nil {
		t.Fatal(err)
	}
	tries("activated")
}

// a version with one signature that goes back to negotiation loses it; one that is revised keeps it
// on the superseded version, which takes no further signature.
func TestOneSignatureThenBackToNegotiation(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	p.s.SetSigner(keystore.New(t.TempDir()).Signer)
	c := p.outForSignature(t)
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Jane Carter")); err != nil {
		t.Fatal(err)
	}
	back, err := p.s.MoveContract(ctx, rep, c.ID, cpq.ContractInNegotiation)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := p.s.Contract(ctx, c.ID); len(back.Signatures) != 0 || len(v.Contract.Signatures) != 0 {
		t.Errorf("signatures after going back to negotiation: %+v", v.Contract.Signatures)
	}
	for _, to := range []cpq.ContractStatus{cpq.ContractApproved, cpq.ContractOutForSignature} {
		if _, err := p.s.MoveContract(ctx, rep, c.ID, to); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Jane Carter")); err != nil {
		t.Fatal(err)
	}
	clauses := append([]cpq.ContractClause{}, c.Clauses...)
	clauses[0].Body += " (amended)"
	next, err := p.s.ReviseContract(ctx, rep, c.ID, clauses, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Signatures) != 0 {
		t.Errorf("the new version carries signatures: %+v", next.Signatures)
	}
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyProvider, "佐藤 健")); errKey(err) != "contract.superseded" {
		t.Errorf("signing the superseded version: %v", err)
	}
	if _, err := p.s.MoveContract(ctx, rep, c.ID, cpq.ContractTerminated); errKey(err) != "contract.superseded" {
		t.Errorf("moving the superseded version: %v", err)
	}
}

// The PDF of a superseded version that the customer had signed carries the DRAFT (草案) mark: it is never
// mistaken for the agreement.
func TestASupersededVersionsPDFIsMarkedAsADraft(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	c := p.outForSignature(t)
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Jane Carter")); err != nil {
		t.Fatal(err)
	}
	clauses := append([]cpq.ContractClause{}, c.Clauses...)
	clauses[0].Body += " (amended)"
	if _, err := p.s.ReviseContract(ctx, rep, c.ID, clauses, ""); err != nil {
		t.Fatal(err)
	}
	doc, err := p.s.ContractPDF(ctx, rep, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, doc.Data)
	if strings.Contains(txt, "Jane Carter") && !strings.Contains(txt, "草案") {
		t.Error("the superseded version's PDF shows the customer's signature and no DRAFT (草案) mark")
	}
}

// ---- Signing ----

// when the certificate cannot be had, the second signature is not recorded, the status stays out for
// signature and no document is kept.
func TestASigningFailureLeavesNothingHalfWritten(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	c := p.outForSignature(t)
	p.s.SetSigner(func(string) (*signing.Signer, error) { return nil, fmt.Errorf("the key file is locked") })
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Jane Carter")); err != nil {
		t.Fatal(err)
	}
	_, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyProvider, "佐藤 健"))
	if errKey(err) != "signing.certificate" {
		t.Errorf("signing without a certificate: %v", err)
	}
	v, _ := p.s.Contract(ctx, c.ID)
	if v.Contract.Status != cpq.ContractOutForSignature || !v.Contract.SignedAt.IsZero() || len(v.Contract.Signatures) != 1 || len(v.Documents) != 0 {
		t.Errorf("after a failed signing: %s, signed at %v, %d signatures, %d documents", v.Contract.Status,
			v.Contract.SignedAt, len(v.Contract.Signatures), len(v.Documents))
	}
	events, _ := p.s.History(ctx, "contract", c.ID)
	for _, e := range events {
		if e.Action == "contract.signed" || (e.Action == "contract.signature" && strings.Contains(string(e.Data), "provider")) {
			t.Errorf("the audit chain kept %s %s", e.Action, e.Data)
		}
	}
}

// A drawn signature must decode as a whole PNG: a broken image is refused with a message, and never blocks the
// other party's signature or the version's export later.
func TestABrokenDrawnSignatureIsRefused(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	p.s.SetSigner(keystore.New(t.TempDir()).Signer)
	c := p.outForSignature(t)
	broken := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0x42}, 64)...)
	_, err := p.s.SignContract(ctx, rep, c.ID, cpq.Signature{Party: cpq.PartyCustomer, Name: "Jane Carter", Method: cpq.SignDrawn, Image: broken})
	if errKey(err) != "signature.invalid" {
		t.Errorf("a broken drawn signature: %v, want it refused as signature.invalid", err)
	}
	_, err = p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyProvider, "佐藤 健"))
	if errKey(err) == "internal" {
		t.Errorf("the second signature fails with an internal error: %v", err)
	}
}

// certificateP12 is a document-signing certificate (not a demo one) that expires at notAfter, as a PKCS#12
// file with its password, with its key.
func certificateP12(t *testing.T, org string, notAfter time.Time) (p12 []byte, pw string, cert *x509.Certificate, key *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: org, Organization: []string{org}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: notAfter, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ = x509.ParseCertificate(der)
	pw = "0123456789abcdef0123456789abcdef"
	if p12, err = pkcs12.Modern.Encode(key, cert, nil, pw); err != nil {
		t.Fatal(err)
	}
	return p12, pw, cert, key
}

// demoLikeSigner is a signer over certificateP12.
func demoLikeSigner(t *testing.T, org string, notAfter time.Time) (*signing.Signer, *x509.Certificate, *rsa.PrivateKey) {
	t.Helper()
	p12, pw, cert, key := certificateP12(t, org, notAfter)
	sig, err := signing.Load(p12, pw)
	if err != nil {
		t.Fatal(err)
	}
	return sig, cert, key
}

// The company signs with its CA-issued certificate. The key file goes missing (the database copied to a new
// laptop without the keys folder beside it, a profile restored from backup): the next contract is not signed
// with a fresh DEMO certificate; signing is refused, saying to choose the certificate again.
func TestALostKeyFileIsNotReplacedByADemoCertificate(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	p12, pw, _, _ := certificateP12(t, "Sakura Telecom K.K.", time.Now().AddDate(2, 0, 0))
	dir := t.TempDir()
	ks := keystore.New(dir)
	real, err := ks.Import(p12, pw)
	if err != nil {
		t.Fatal(err)
	}
	// As Settings does when a director chooses the certificate.
	if err := p.s.RecordCertificate(ctx, p.users[directorName], real.Fingerprint(), real.Certificate().Subject.String()); err != nil {
		t.Fatal(err)
	}
	p.s.SetSigner(ks.Signer)
	first := p.outForSignature(t)
	p.s.SignContract(ctx, rep, first.ID, typedSig(cpq.PartyCustomer, "Jane Carter"))
	if _, err := p.s.SignContract(ctx, rep, first.ID, typedSig(cpq.PartyProvider, "佐藤 健")); err != nil {
		t.Fatal(err)
	}
	p.s.SetSigner(keystore.New(t.TempDir()).Signer) // the same database, the key file not there
	second := p.outForSignature(t)
	p.s.SignContract(ctx, rep, second.ID, typedSig(cpq.PartyCustomer, "Jane Carter"))
	_, err = p.s.SignContract(ctx, rep, second.ID, typedSig(cpq.PartyProvider, "佐藤 健"))
	if errKey(err) == "signing.certificateChanged" {
		return // refusing, and saying to choose the certificate again, is the answer wanted
	}
	doc, _ := p.s.ContractPDF(ctx, rep, second.ID)
	if v, _ := p.s.VerifyPDF(ctx, doc.Data); v != nil && v.Report.Demo {
		t.Errorf("after signing with %s, the next contract was signed with a demo certificate (%s)",
			real.Certificate().Subject.CommonName, v.Report.Signer.Subject.CommonName)
	}
}

// A certificate that expires while the app runs (the keystore keeps the loaded signer) makes signing fail with
// certificate.expired's "renew it with your CA", not an internal error.
func TestACertificateExpiredAtSigningTimeSaysToRenewIt(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	sig, _, _ := demoLikeSigner(t, "Sakura Telecom", time.Now().Add(1500*time.Millisecond))
	p.s.SetSigner(func(string) (*signing.Signer, error) { return sig, nil })
	c := p.outForSignature(t)
	if _, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyCustomer, "Jane Carter")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	_, err := p.s.SignContract(ctx, rep, c.ID, typedSig(cpq.PartyProvider, "佐藤 健"))
	if k := errKey(err); k == "internal" || k == "" {
		t.Errorf("signing with an expired certificate: %q (%v), want a message that says to renew it", k, err)
	}
}

// ---- Verification ----

// appendSignature appends an incremental update to file holding a detached CMS signature over the whole new
// file, made with key and cert: what a third party's PDF tool does when it signs our contract again.
func appendSignature(t *testing.T, file []byte, cert *x509.Certificate, key *rsa.PrivateKey) []byte {
	t.Helper()
	const hexLen = 16384
	head := func(a, b, c int) string {
		return fmt.Sprintf("\n99 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 %010d %010d %010d] /Contents ", a, b, c)
	}
	tail := " >>\nendobj\n%%EOF\n"
	a := len(file) + len(head(0, 0, 0))
	b := a + hexLen + 2
	out := append(bytes.Clone(file), head(a, b, len(tail))...)
	out = append(out, '<')
	out = append(out, bytes.Repeat([]byte("0"), hexLen)...)
	out = append(out, '>')
	out = append(out, tail...)
	content := append(bytes.Clone(out[:a]), out[b:]...)
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		t.Fatal(err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.AddSigner(cert, key, pkcs7.SignerInfoConfig{}); err != nil {
		t.Fatal(err)
	}
	sd.Detach()
	der, err := sd.Finish()
	if err != nil {
		t.Fatal(err)
	}
	copy(out[a+1:], hex.EncodeToString(der))
	return out
}

// a PDF signed by another company is not ours here, and an edited quote PDF (unsigned) is not
// recognised as issued.
func TestOtherCompaniesFilesAndEditedQuotesAreNotOurs(t *testing.T) {
	other := openPipeline(t)
	ctx := context.Background()
	theirs := other.signedByBoth(t)
	doc, err := other.s.ContractPDF(ctx, other.users[repName], theirs.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := openPipeline(t)
	p.signedByBoth(t) // we have a certificate and signed documents of our own
	if v, err := p.s.VerifyPDF(ctx, doc.Data); err != nil || v.Verdict != sales.VerdictNotOurs {
		t.Errorf("another company's signed contract: %+v %v", v, err)
	}
	q, _ := p.discountedQuote(t, "5")
	qd, err := p.s.QuotePDF(ctx, p.users[repName], q.ID)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Clone(qd.Data)
	edited[len(edited)/2] ^= 1
	if v, err := p.s.VerifyPDF(ctx, edited); err != nil || v.Verdict == sales.VerdictIssued || v.Verdict == sales.VerdictIntact {
		t.Errorf("an edited quote PDF: %+v %v", v, err)
	}
}

// ---- Documents ----

// A presented (or accepted) version re-exported after a catalog change shows the prices the customer was
// shown, not today's, under the same number and version.
func TestQuotePDFOfAPresentedVersionShowsThePricesItWasPresentedAt(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q, _ := p.discountedQuote(t, "5")
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	shown, err := p.s.QuoteDocument(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.movePrice(t, "12800", "13800")
	again, err := p.s.QuotePDF(ctx, rep, q.ID)
	if err != nil {
		return // refusing is a fine answer
	}
	now, _ := p.s.QuoteDocument(ctx, q.ID)
	if now.Totals.MonthlyNet != shown.Totals.MonthlyNet {
		t.Errorf("%s v%d presented at %s a month is issued again (%s) at %s", q.Number, q.Version, shown.Totals.MonthlyNet,
			again.FileName, now.Totals.MonthlyNet)
	}
}

// A recurring price billed yearly (period "year", which the catalog format allows) is never left out of a
// quote PDF: the documents have no yearly column yet, so the PDF is refused with a message.
func TestAYearlyChargeIsNeverLeftOutOfTheQuotePDF(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	p.editEntries(t, func(e *cpq.PriceEntry) {
		if e.Amount.Equal(decimal.RequireFromString("12800")) {
			e.Period, e.Amount = cpq.PeriodYear, decimal.RequireFromString("140000")
		}
	})
	q, _ := p.discountedQuote(t, "0")
	qa, err := p.s.QuoteApproval(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	yearly := qa.Priced.Result.Totals.Yearly
	if !yearly.IsPositive() {
		t.Fatalf("the quote has no yearly charge: %+v", qa.Priced.Result.Totals)
	}
	cur, _ := cpq.LookupCurrency(q.Currency)
	want := cpq.FormatMoney(yearly, cur)
	// The documents have no yearly column yet: the PDF is refused, never printed without the charge.
	doc, err := p.s.QuotePDF(ctx, p.users[repName], q.ID)
	if err == nil && !strings.Contains(pdfText(t, doc.Data), want) {
		t.Errorf("the quote PDF does not show the yearly charge of %s (TCV %s)", want, qa.Priced.Result.Totals.TCV)
	}
	if err != nil && errKey(err) != "schedule.yearly" {
		t.Errorf("a quote PDF with a yearly charge: %v", err)
	}
}

// A logo that starts like a PNG but does not decode is refused in the company settings, so it never makes
// every quote and contract PDF fail later.
func TestABrokenLogoIsRefused(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	c, _ := p.s.Company(ctx)
	c.Logo = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") // the logo company_test saves successfully
	if err := p.s.SetCompany(ctx, p.users[directorName], c); err != nil {
		t.Skipf("the broken logo is refused now: %v", err)
	}
	q, _ := p.discountedQuote(t, "5")
	if _, err := p.s.QuotePDF(ctx, p.users[repName], q.ID); errKey(err) == "internal" {
		t.Errorf("a quote PDF with a broken logo in Settings: %v (the user is told to send the log to support)", err)
	}
}

// ---- Messages ----

// Every error a user can hit says what to do, in both languages; these once did not.
func TestErrorsSayWhatToDo(t *testing.T) {
	for _, key := range []string{"signing.unavailable", "verify.unreadable"} {
		ja := cpq.Message(cpq.LangJA, key, map[string]string{"reason": "x"})
		en := cpq.Message(cpq.LangEN, key, map[string]string{"reason": "x"})
		if !strings.Contains(ja, "ください") {
			t.Errorf("%s says what went wrong but not what to do:\n  %s\n  %s", key, en, ja)
		}
	}
}

// A discount on the whole quote (the quote header's discount %) is stated on the quote PDF, so the line's
// amount, which includes it, can be followed from its unit price and its own discount.
func TestAQuoteWideDiscountIsStatedOnTheDocuments(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q, _ := p.discountedQuote(t, "5")
	ten := decimal.RequireFromString("10")
	if _, err := p.s.UpdateQuote(ctx, rep, q.ID, sales.QuoteChange{DiscountPct: &ten}); err != nil {
		t.Fatal(err)
	}
	view, err := p.s.QuoteDocument(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	l := view.Groups[0].Lines[0]
	shown := fmt.Sprintf("%s × %s %s = %s / month", l.Quantity, l.UnitPrice, l.Discount, l.Monthly)
	doc, _ := p.s.QuotePDF(ctx, rep, q.ID)
	if txt := pdfText(t, doc.Data); l.Discount == "-5%" && !strings.Contains(strings.ReplaceAll(txt, "10%対象", ""), "10%") {
		t.Errorf("the quote's 10%% discount is shown nowhere; the line reads %s", shown)
	}
}

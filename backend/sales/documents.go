package sales

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/document"
	"quotewright/backend/signing"
)

// SignerSource gives the company's signing certificate; the app keeps it on this computer (backend/keystore).
// org names the company, for a demo certificate made on first use.
type SignerSource func(org string) (*signing.Signer, error)

// SetSigner chooses where signed contracts get their digital signature.
func (s *Service) SetSigner(src SignerSource) { s.signer = src }

// Issued is a document made for the user: its bytes, a file name to save it under, and its record.
type Issued struct {
	Data     []byte
	FileName string
	Record   *cpq.Document
}

// QuotePDF renders a quote version as the customer receives it, in the quote's language, and records its
// SHA-256 so that the file can be recognised later.
func (s *Service) QuotePDF(ctx context.Context, actor Actor, id string) (*Issued, error) {
	var out *Issued
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		q, view, err := s.quoteDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		data, err := document.QuotePDF(view)
		if err != nil {
			return cpq.Internal(err)
		}
		out, err = s.recordDocument(ctx, tx, actor, &cpq.Document{Kind: cpq.DocQuote, EntityID: q.ID, Number: q.Number,
			Version: q.Version, Lang: q.Lang}, data)
		return err
	})
	return out, err
}

// QuoteDocument is a quote version as its PDF prints it: every figure priced now and formatted in the quote's
// language. The benchmarks print the same quote through a browser from it.
func (s *Service) QuoteDocument(ctx context.Context, id string) (view *document.Quote, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		_, view, err = s.quoteDocument(ctx, tx, id)
		return err
	})
	return view, err
}

func (s *Service) quoteDocument(ctx context.Context, tx cpq.Tx, id string) (*cpq.Quote, *document.Quote, error) {
	p, err := s.price(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	q := p.Quote
	// A version the customer was shown prints the prices it was shown at; a draft prints today's.
	sc, err := tx.Quotes().PresentedSchedule(ctx, q.ID)
	if err != nil {
		return nil, nil, err
	}
	if sc == nil {
		now, err := scheduleOf(p)
		if err != nil {
			return nil, nil, err
		}
		sc = &now
	}
	company, err := s.company(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	cust, err := customerOf(ctx, tx, p.Account)
	if err != nil {
		return nil, nil, err
	}
	return q, quoteView(q, *sc, company, cust, cpq.Today(s.now())), nil
}

// ContractPDF is a contract version's PDF: the signed file itself once both parties have signed, else the
// version as it stands, marked as a draft until it is approved.
func (s *Service) ContractPDF(ctx context.Context, actor Actor, id string) (*Issued, error) {
	var out *Issued
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		c, err := tx.Contracts().Get(ctx, id)
		if err != nil {
			return err
		}
		if !c.SignedAt.IsZero() {
			docs, err := tx.Documents().ListByEntity(ctx, c.ID)
			if err != nil {
				return err
			}
			for _, d := range docs {
				if d.Signed {
					full, err := tx.Documents().Get(ctx, d.ID)
					if err != nil {
						return err
					}
					out = &Issued{Data: full.Content, FileName: fileName(full), Record: full}
					return nil
				}
			}
		}
		data, err := s.renderContract(ctx, tx, c)
		if err != nil {
			return err
		}
		out, err = s.recordDocument(ctx, tx, actor, &cpq.Document{Kind: cpq.DocContract, EntityID: c.ID, Number: c.Number,
			Version: c.Version, Lang: c.Lang}, data)
		return err
	})
	return out, err
}

// RedlinePDF renders the comparison of two versions of a contract.
func (s *Service) RedlinePDF(ctx context.Context, actor Actor, aID, bID string) (*Issued, error) {
	a, b, diff, err := s.CompareContracts(ctx, aID, bID)
	if err != nil {
		return nil, err
	}
	data, err := document.RedlinePDF(redlineView(a, b, diff, cpq.Today(s.now())))
	if err != nil {
		return nil, cpq.Internal(err)
	}
	var out *Issued
	err = s.store.Update(ctx, func(tx cpq.Tx) error {
		out, err = s.recordDocument(ctx, tx, actor, &cpq.Document{Kind: cpq.DocRedline, EntityID: b.ID, Number: b.Number,
			Version: b.Version, Lang: b.Lang}, data)
		if out != nil {
			out.FileName = b.Number + "-redline-v" + strconv.Itoa(a.Version) + "-v" + strconv.Itoa(b.Version) + ".pdf"
		}
		return err
	})
	return out, err
}

// issueSignedContract renders a contract version that both parties signed, signs it with the company's
// certificate and keeps the file.
func (s *Service) issueSignedContract(ctx context.Context, tx cpq.Tx, actor Actor, c *cpq.Contract) (*cpq.Document, error) {
	if s.signer == nil {
		return nil, cpq.Errorf(cpq.EConflict, "signing.unavailable")
	}
	company, err := s.company(ctx, tx)
	if err != nil {
		return nil, err
	}
	sig, err := s.signer(company.Name.In(cpq.LangEN))
	if err != nil {
		return nil, CertificateError(err)
	}
	// The certificate a director chose is remembered by its fingerprint: a lost key file must not quietly
	// become a new demo certificate.
	if want, ok, err := tx.Settings().Get(ctx, SettingCertificate); err != nil {
		return nil, err
	} else if ok && want != sig.Fingerprint() {
		return nil, cpq.Errorf(cpq.EConflict, "signing.certificateChanged")
	}
	data, err := s.renderContract(ctx, tx, c)
	if err != nil {
		return nil, err
	}
	signed, err := sig.Sign(data, signing.Info{Name: asciiOr(company.Name.EN, "Quotewright"),
		Reason:   "Contract " + c.Number + " version " + strconv.Itoa(c.Version) + ", signed by both parties",
		Location: "Quotewright", Time: c.SignedAt})
	if err != nil {
		return nil, CertificateError(err)
	}
	d := &cpq.Document{Kind: cpq.DocContract, EntityID: c.ID, Number: c.Number, Version: c.Version, Lang: c.Lang,
		Signed: true, CertFingerprint: sig.Fingerprint(), Content: signed}
	if _, err := s.recordDocument(ctx, tx, actor, d, signed); err != nil {
		return nil, err
	}
	return d, nil
}

// asciiOr is s when it is plain ASCII (what a signature dictionary's name holds safely), else alt.
func asciiOr(s, alt string) string {
	for _, r := range s {
		if r > 126 || r < 32 || r == '\\' || r == '(' || r == ')' {
			return alt
		}
	}
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

// recordDocument records an issued file by its SHA-256, in the audit chain too.
func (s *Service) recordDocument(ctx context.Context, tx cpq.Tx, actor Actor, d *cpq.Document, data []byte) (*Issued, error) {
	sum := sha256.Sum256(data)
	d.SHA256, d.Size, d.CreatedBy = hex.EncodeToString(sum[:]), len(data), actor.UserID
	if err := tx.Documents().Create(ctx, d); err != nil {
		return nil, err
	}
	if err := record(ctx, tx, actor, "document.issued", string(d.Kind), d.EntityID, map[string]any{"document": d.ID,
		"sha256": d.SHA256, "size": d.Size, "signed": d.Signed, "certificate": d.CertFingerprint}); err != nil {
		return nil, err
	}
	return &Issued{Data: data, FileName: fileName(d), Record: d}, nil
}

func fileName(d *cpq.Document) string {
	name := d.Number + "-v" + strconv.Itoa(d.Version)
	if d.Signed {
		name += "-signed"
	}
	return name + ".pdf"
}

func (s *Service) company(ctx context.Context, tx cpq.Tx) (cpq.Company, error) {
	v, ok, err := tx.Settings().Get(ctx, SettingCompany)
	if err != nil || !ok {
		return cpq.Company{}, err
	}
	return parseCompany(v)
}

// customer is who a document is addressed to.
type customer struct {
	account *cpq.Account
	address string
	contact string
}

func customerOf(ctx context.Context, tx cpq.Tx, a *cpq.Account) (customer, error) {
	c := customer{account: a}
	sites, err := tx.Sites().ListByAccount(ctx, a.ID)
	if err != nil {
		return c, err
	}
	if len(sites) > 0 {
		x := sites[0]
		postal := x.PostalCode
		if postal != "" && (x.Country == "JP" || x.Country == "") {
			postal = "〒" + postal
		}
		c.address = strings.Join(nonEmpty(postal, x.City+x.Address), " ")
	}
	contacts, err := tx.Contacts().ListByAccount(ctx, a.ID)
	if err != nil {
		return c, err
	}
	for _, x := range contacts {
		if x.Primary || c.contact == "" {
			c.contact = strings.TrimSpace(x.LastName + " " + x.FirstName)
		}
	}
	return c, nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func (s *Service) renderContract(ctx context.Context, tx cpq.Tx, c *cpq.Contract) ([]byte, error) {
	company, err := s.company(ctx, tx)
	if err != nil {
		return nil, err
	}
	a, err := tx.Accounts().Get(ctx, c.AccountID)
	if err != nil {
		return nil, err
	}
	cust, err := customerOf(ctx, tx, a)
	if err != nil {
		return nil, err
	}
	data, err := document.ContractPDF(contractView(c, company, cust, cpq.Today(s.now())))
	if err != nil {
		return nil, cpq.Internal(err)
	}
	return data, nil
}

// Verdict is what the app can say about a PDF brought to it.
type Verdict string

const (
	// VerdictIssued: the very file this app issued, byte for byte.
	VerdictIssued Verdict = "issued"
	// VerdictIntact: signed with our certificate and unchanged since, though this database has no record of
	// it (it was issued from another copy of the data).
	VerdictIntact Verdict = "intact"
	// VerdictAltered: signed with our certificate, then changed.
	VerdictAltered Verdict = "altered"
	// VerdictNotOurs: neither a file we issued nor one signed with our certificate.
	VerdictNotOurs Verdict = "not_ours"
)

// Verification is the result of checking a PDF.
type Verification struct {
	Verdict  Verdict
	Document *cpq.Document // the issued document it is, when known
	Report   *signing.Report
	SHA256   string
}

// VerifyPDF tells whether a PDF is one this app issued and unchanged, one of ours altered since, or not ours.
func (s *Service) VerifyPDF(ctx context.Context, data []byte) (*Verification, error) {
	sum := sha256.Sum256(data)
	v := &Verification{SHA256: hex.EncodeToString(sum[:])}
	rep, err := signing.Inspect(data)
	switch {
	case errors.Is(err, signing.ErrNotPDF):
		return nil, cpq.Errorf(cpq.EInvalid, "verify.notPDF")
	case err != nil && !errors.Is(err, signing.ErrTruncated):
		return nil, cpq.Errorf(cpq.EInvalid, "verify.unreadable", "reason", err.Error())
	}
	v.Report = rep
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		d, err := tx.Documents().FindBySHA256(ctx, v.SHA256)
		if err == nil {
			v.Verdict, v.Document = VerdictIssued, d
			return nil
		}
		if cpq.ErrorCode(err) != cpq.ENotFound {
			return err
		}
		v.Verdict = VerdictNotOurs
		isOurs := func(fp string) (bool, error) {
			if fp == "" {
				return false, nil
			}
			if ok, err := tx.Documents().SignedCertificate(ctx, fp); ok || err != nil {
				return ok, err
			}
			if s.signer != nil {
				if sig, err := s.signer(""); err == nil && sig.Fingerprint() == fp {
					return true, nil
				}
			}
			return false, nil
		}
		if rep != nil && rep.Signed {
			ours, err := isOurs(rep.Fingerprint)
			if err != nil {
				return err
			}
			if ours && rep.Intact() {
				v.Verdict = VerdictIntact
				return nil
			}
			if ours {
				v.Verdict = VerdictAltered
				return nil
			}
		}
		// A file cut short, or with another revision signed by someone else after ours, still holds our
		// signature: it is ours, altered.
		for _, fp := range signing.Signers(data) {
			ours, err := isOurs(fp)
			if err != nil {
				return err
			}
			if ours {
				v.Verdict = VerdictAltered
				return nil
			}
		}
		return nil
	})
	return v, err
}

// money writes an amount in the schedule's currency.
func money(d decimal.Decimal, currency string) string {
	c, err := cpq.LookupCurrency(currency)
	if err != nil {
		return d.String() + " " + currency
	}
	return cpq.FormatMoney(d, c)
}

// SignedContracts lists the signed contract documents of an account (without their content), one per
// contract version that was signed, oldest first.
func (s *Service) SignedContracts(ctx context.Context, accountID string) (out []*cpq.Document, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		list, err := tx.Contracts().ListByAccount(ctx, accountID)
		if err != nil {
			return err
		}
		for _, c := range list {
			if c.SignedAt.IsZero() {
				continue
			}
			docs, err := tx.Documents().ListByEntity(ctx, c.ID)
			if err != nil {
				return err
			}
			for _, d := range docs {
				if d.Signed {
					out = append(out, d)
					break
				}
			}
		}
		return nil
	})
	return out, err
}

// Document reads an issued document with its content.
func (s *Service) Document(ctx context.Context, id string) (d *cpq.Document, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		d, err = tx.Documents().Get(ctx, id)
		return err
	})
	return d, err
}

// FileName is the name an issued document is saved under.
func FileName(d *cpq.Document) string { return fileName(d) }

// SettingCertificate remembers the fingerprint of the signing certificate a director chose.
const SettingCertificate = "signing.certificate"

// RecordCertificate remembers the company's new signing certificate by its fingerprint, and notes the change
// in the audit chain.
func (s *Service) RecordCertificate(ctx context.Context, actor Actor, fingerprint, subject string) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Settings().Set(ctx, SettingCertificate, fingerprint); err != nil {
			return err
		}
		return record(ctx, tx, actor, "certificate.replaced", "setting", "signing.certificate",
			map[string]any{"fingerprint": fingerprint, "subject": subject})
	})
}

// ResolveQuote finds a quote version by id, or by number (its latest version).
func (s *Service) ResolveQuote(ctx context.Context, ref string) (id string, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		if q, err := tx.Quotes().Header(ctx, ref); err == nil {
			id = q.ID
			return nil
		}
		vs, err := tx.Quotes().Versions(ctx, strings.ToUpper(strings.TrimSpace(ref)))
		if err != nil {
			return err
		}
		if len(vs) == 0 {
			return cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity.quote", "id", ref)
		}
		id = vs[len(vs)-1].ID
		return nil
	})
	return id, err
}

// ResolveContract finds a contract version by id, or by number (its latest version).
func (s *Service) ResolveContract(ctx context.Context, ref string) (id string, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		if c, err := tx.Contracts().Get(ctx, ref); err == nil {
			id = c.ID
			return nil
		}
		vs, err := tx.Contracts().Versions(ctx, strings.ToUpper(strings.TrimSpace(ref)))
		if err != nil {
			return err
		}
		if len(vs) == 0 {
			return cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity.contract", "id", ref)
		}
		id = vs[len(vs)-1].ID
		return nil
	})
	return id, err
}

// CertificateError says in the user's words why a certificate cannot be used: a PKCS#12 file refused, or the
// certificate expired since it was chosen.
func CertificateError(err error) error {
	for e, key := range map[error]string{signing.ErrWrongPassword: "certificate.password", signing.ErrNoPrivateKey: "certificate.noKey",
		signing.ErrNotPKCS12: "certificate.notP12", signing.ErrExpired: "certificate.expired",
		signing.ErrNotYetValid: "certificate.notYetValid", signing.ErrKeyNotForSigning: "certificate.usage"} {
		if errors.Is(err, e) {
			return &cpq.Error{Code: cpq.EInvalid, Key: key, Err: err}
		}
	}
	var ce *cpq.Error
	if errors.As(err, &ce) {
		return ce
	}
	// Internal, so that the cause is logged; the message still says what to do.
	return &cpq.Error{Code: cpq.EInternal, Key: "signing.certificate", Err: fmt.Errorf("the signing certificate: %w", err)}
}

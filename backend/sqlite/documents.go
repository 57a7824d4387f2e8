package sqlite

import (
	"context"

	"quotewright/backend/cpq"
)

type documents struct{ t *tx }

const documentCols = `id, kind, entity_id, number, version, lang, sha256, size, signed, cert_fingerprint, created_by, created_at`

func scanDocument(s scanner, content bool) (*cpq.Document, error) {
	rd := &reader{}
	var d cpq.Document
	var signed int
	var created string
	dest := []any{&d.ID, &d.Kind, &d.EntityID, &d.Number, &d.Version, &d.Lang, &d.SHA256, &d.Size, &signed,
		&d.CertFingerprint, &d.CreatedBy, &created}
	if content {
		dest = append(dest, &d.Content)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	d.Signed, d.CreatedAt = signed == 1, rd.time(created)
	return &d, rd.err
}

func scanDocumentHeader(s scanner) (*cpq.Document, error) { return scanDocument(s, false) }

func (r documents) Create(ctx context.Context, d *cpq.Document) error {
	if d.ID == "" {
		d.ID = cpq.NewID("doc")
	}
	d.CreatedAt = r.t.now()
	var content any
	if len(d.Content) > 0 {
		content = d.Content
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO documents (`+documentCols+`, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.Kind, d.EntityID, d.Number, d.Version, d.Lang, d.SHA256, d.Size, boolInt(d.Signed), d.CertFingerprint,
		d.CreatedBy, fmtTime(d.CreatedAt), content), "document")
}

func (r documents) Get(ctx context.Context, id string) (*cpq.Document, error) {
	return getOne(ctx, r.t, "document", id, func(s scanner) (*cpq.Document, error) { return scanDocument(s, true) },
		`SELECT `+documentCols+`, content FROM documents WHERE id = ?`, id)
}

func (r documents) FindBySHA256(ctx context.Context, sum string) (*cpq.Document, error) {
	return getOne(ctx, r.t, "document", sum, scanDocumentHeader,
		`SELECT `+documentCols+` FROM documents WHERE sha256 = ? ORDER BY created_at LIMIT 1`, sum)
}

func (r documents) ListByEntity(ctx context.Context, entityID string) ([]*cpq.Document, error) {
	return getAll(ctx, r.t, scanDocumentHeader, `SELECT `+documentCols+` FROM documents WHERE entity_id = ?
		ORDER BY created_at DESC, id DESC`, entityID)
}

func (r documents) SignedCertificate(ctx context.Context, fingerprint string) (bool, error) {
	n, err := r.t.count(ctx, `SELECT count(*) FROM documents WHERE signed = 1 AND cert_fingerprint = ?`, fingerprint)
	return n > 0, err
}

-- Quotewright schema 6: contracts negotiated in versions, each carrying the commercial schedule it was made
-- with and the parties' signatures; and the documents the app issued, recorded by their SHA-256.

-- A quote version's lines and prices as presented to the customer, JSON (cpq.Schedule): its PDF and the
-- contract made from it show exactly these, whatever the catalog says later.
ALTER TABLE quotes ADD COLUMN presented_schedule TEXT NOT NULL DEFAULT '';

ALTER TABLE contracts ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN previous_id TEXT NOT NULL DEFAULT '';
-- Who made the version: nobody approves text they wrote.
ALTER TABLE contracts ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN note TEXT NOT NULL DEFAULT '';
-- The schedule as accepted, JSON (cpq.Schedule): a later catalog change never alters a contract.
ALTER TABLE contracts ADD COLUMN schedule TEXT NOT NULL DEFAULT '{}';
CREATE INDEX contracts_by_quote ON contracts (quote_id);

CREATE TABLE contract_signatures (
    contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    party       TEXT NOT NULL CHECK (party IN ('provider', 'customer')),
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL CHECK (method IN ('drawn', 'typed')),
    image       BLOB,
    signed_at   TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (contract_id, party)
) WITHOUT ROWID;

CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('quote', 'contract', 'redline')),
    entity_id        TEXT NOT NULL,
    number           TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 0,
    lang             TEXT NOT NULL DEFAULT 'en',
    sha256           TEXT NOT NULL,
    size             INTEGER NOT NULL,
    signed           INTEGER NOT NULL DEFAULT 0,
    cert_fingerprint TEXT NOT NULL DEFAULT '',
    content          BLOB,
    created_by       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
);
CREATE INDEX documents_by_sha256 ON documents (sha256);
CREATE INDEX documents_by_entity ON documents (entity_id);
CREATE INDEX documents_by_cert ON documents (cert_fingerprint) WHERE signed = 1;

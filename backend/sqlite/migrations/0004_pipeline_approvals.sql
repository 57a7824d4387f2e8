-- Quotewright schema 4: the pipeline around the quote. Leads are routed by assignment rules and announced in
-- an inbox; accounts keep why a credit check is still pending; discount authority belongs to roles and the
-- approval policy is data; approval reasons are message keys, so they read in either language.

-- Authority is the role's, held as data an administrator edits: what a role may give without asking.
CREATE TABLE role_authorities (
    role             TEXT PRIMARY KEY CHECK (role IN ('rep', 'manager', 'director', 'admin')),
    max_discount_pct TEXT NOT NULL,
    min_margin_pct   TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO role_authorities (role, max_discount_pct, min_margin_pct) VALUES
    ('rep', '10', '20'), ('manager', '30', '10'), ('director', '50', '0'), ('admin', '100', '-100');

ALTER TABLE users DROP COLUMN max_discount_pct;
ALTER TABLE users DROP COLUMN min_margin_pct;

-- The approval policy: which figures of a priced quote need someone with more authority. "discount" and
-- "margin" compare each line's discount and the quote's margin with the role authorities; "tcv" sends any
-- quote whose total contract value reaches amount (in currency) to level.
CREATE TABLE approval_rules (
    code     TEXT PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('discount', 'margin', 'tcv')),
    amount   TEXT NOT NULL DEFAULT '0',
    currency TEXT NOT NULL DEFAULT '',
    level    TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'rep', 'manager', 'director', 'admin')),
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
INSERT INTO approval_rules (code, kind, amount, currency, level, position) VALUES
    ('DISCOUNT', 'discount', '0', '', '', 1),
    ('MARGIN', 'margin', '0', '', '', 2),
    ('TCV-JPY', 'tcv', '100000000', 'JPY', 'director', 3),
    ('TCV-USD', 'tcv', '750000', 'USD', 'director', 4);

-- Reasons were plain English sentences; they become {key, args, line} so they render in the reader's language.
UPDATE approvals SET reasons = (
    SELECT json_group_array(json_object('key', 'approval.reason.text', 'args', json_object('text', value)))
    FROM json_each(approvals.reasons)
) WHERE json_array_length(reasons) > 0 AND json_type(reasons, '$[0]') = 'text';

-- Lead routing: the first active rule (by position) matching the lead's region and segment gives it to the
-- next member of its team; assignment_cursors remembers whose turn it was.
CREATE TABLE assignment_rules (
    id       TEXT PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    region   TEXT NOT NULL DEFAULT '',
    segment  TEXT NOT NULL DEFAULT '' CHECK (segment IN ('', 'business', 'consumer')),
    team     TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE assignment_cursors (
    rule_code TEXT PRIMARY KEY,
    last      INTEGER NOT NULL
) WITHOUT ROWID;

ALTER TABLE leads ADD COLUMN assigned_by TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN converted_contact_id TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN converted_opportunity_id TEXT NOT NULL DEFAULT '';
CREATE INDEX leads_by_status ON leads (status, created_at);

-- The in-app inbox: what a user is told (a lead assigned to them, a decision on their approval request).
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    args       TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    read_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);

-- A credit check that could not reach its provider stays pending with the error and when to try again.
ALTER TABLE accounts ADD COLUMN credit_error TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN credit_retry_at TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN credit_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN credit_reference TEXT NOT NULL DEFAULT '';

-- What the customer was shown: the fingerprint of the priced content when the version was presented, so that
-- accepting it at other prices is refused.
ALTER TABLE quotes ADD COLUMN presented_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX quotes_by_number ON quotes (number, version);
CREATE INDEX approvals_by_status ON approvals (status, requested_at);

-- Quotewright schema 1: every object of the order-capture flow.
-- Money is TEXT holding a decimal string, never REAL. Times are TEXT in UTC (RFC 3339); calendar dates are
-- TEXT YYYY-MM-DD. '' stands for "not set" in optional text, date and time columns.

PRAGMA application_id = 1364674900; -- 0x51574954, "QWIT": marks the file as a Quotewright database

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE number_series (
    series TEXT PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    email            TEXT NOT NULL DEFAULT '',
    role             TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'director', 'admin')),
    manager_id       TEXT REFERENCES users (id),
    region           TEXT NOT NULL DEFAULT '',
    max_discount_pct TEXT NOT NULL DEFAULT '0',
    min_margin_pct   TEXT NOT NULL DEFAULT '0',
    active           INTEGER NOT NULL DEFAULT 1,
    lang             TEXT NOT NULL DEFAULT ''
);

CREATE TABLE accounts (
    id                  TEXT PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    segment             TEXT NOT NULL CHECK (segment IN ('business', 'consumer')),
    name                TEXT NOT NULL,
    name_kana           TEXT NOT NULL DEFAULT '',
    alt_name            TEXT NOT NULL DEFAULT '',
    industry            TEXT NOT NULL DEFAULT '',
    employees           INTEGER NOT NULL DEFAULT 0,
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    region              TEXT NOT NULL DEFAULT '',
    registration_number TEXT NOT NULL DEFAULT '',
    owner_id            TEXT REFERENCES users (id),
    credit_status       TEXT NOT NULL,
    credit_rating       TEXT NOT NULL DEFAULT '',
    credit_limit        TEXT NOT NULL DEFAULT '0',
    credit_currency     TEXT NOT NULL DEFAULT '',
    credit_checked_at   TEXT NOT NULL DEFAULT '',
    credit_provider     TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX accounts_by_name ON accounts (name COLLATE NOCASE);
CREATE INDEX accounts_by_owner ON accounts (owner_id);

CREATE TABLE leads (
    id                   TEXT PRIMARY KEY,
    segment              TEXT NOT NULL CHECK (segment IN ('business', 'consumer')),
    company              TEXT NOT NULL DEFAULT '',
    first_name           TEXT NOT NULL DEFAULT '',
    last_name            TEXT NOT NULL,
    email                TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    region               TEXT NOT NULL DEFAULT '',
    source               TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL,
    owner_id             TEXT REFERENCES users (id),
    converted_account_id TEXT REFERENCES accounts (id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX leads_by_owner ON leads (owner_id, status);

CREATE TABLE contacts (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name  TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_by_account ON contacts (account_id);

CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL,
    region      TEXT NOT NULL,
    country     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX sites_by_account ON sites (account_id);

CREATE TABLE opportunities (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL REFERENCES accounts (id),
    name             TEXT NOT NULL,
    stage            TEXT NOT NULL,
    close_date       TEXT NOT NULL,
    probability      INTEGER NOT NULL,
    amount           TEXT NOT NULL DEFAULT '0',
    currency         TEXT NOT NULL DEFAULT '',
    primary_quote_id TEXT NOT NULL DEFAULT '',
    owner_id         TEXT REFERENCES users (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX opportunities_by_account ON opportunities (account_id);

CREATE TABLE products (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('simple', 'bundle')),
    family         TEXT NOT NULL DEFAULT '',
    name_en        TEXT NOT NULL DEFAULT '',
    name_ja        TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    description_ja TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    effective_from TEXT NOT NULL DEFAULT '',
    effective_to   TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL
);

CREATE TABLE product_attributes (
    product_id    TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name_en       TEXT NOT NULL DEFAULT '',
    name_ja       TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL CHECK (type IN ('choice', 'text', 'number', 'boolean')),
    required      INTEGER NOT NULL DEFAULT 0,
    default_value TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (product_id, code)
) WITHOUT ROWID;

CREATE TABLE product_attribute_values (
    product_id     TEXT NOT NULL,
    attribute_code TEXT NOT NULL,
    code           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    name_en        TEXT NOT NULL DEFAULT '',
    name_ja        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (product_id, attribute_code, code),
    FOREIGN KEY (product_id, attribute_code) REFERENCES product_attributes (product_id, code) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE bundle_components (
    bundle_id   TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id),
    position    INTEGER NOT NULL,
    min_qty     INTEGER NOT NULL,
    max_qty     INTEGER NOT NULL,
    default_qty INTEGER NOT NULL,
    PRIMARY KEY (bundle_id, product_id),
    CHECK (bundle_id <> product_id)
) WITHOUT ROWID;

CREATE TABLE technical_attributes (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    name_ja    TEXT NOT NULL DEFAULT '',
    pattern    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (product_id, code)
) WITHOUT ROWID;

CREATE TABLE price_lists (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name_en    TEXT NOT NULL DEFAULT '',
    name_ja    TEXT NOT NULL DEFAULT '',
    currency   TEXT NOT NULL,
    valid_from TEXT NOT NULL DEFAULT '',
    valid_to   TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE price_entries (
    id              TEXT PRIMARY KEY,
    price_list_id   TEXT NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
    product_id      TEXT NOT NULL REFERENCES products (id),
    charge          TEXT NOT NULL CHECK (charge IN ('one_time', 'recurring')),
    period          TEXT NOT NULL DEFAULT '',
    amount          TEXT NOT NULL,
    cost            TEXT NOT NULL DEFAULT '0',
    term_months     INTEGER NOT NULL DEFAULT 0,
    attribute       TEXT NOT NULL DEFAULT '',
    attribute_value TEXT NOT NULL DEFAULT '',
    min_quantity    INTEGER NOT NULL DEFAULT 1,
    position        INTEGER NOT NULL
);
CREATE INDEX price_entries_by_list ON price_entries (price_list_id, product_id);
CREATE INDEX price_entries_by_product ON price_entries (product_id);

CREATE TABLE promotions (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name_en         TEXT NOT NULL DEFAULT '',
    name_ja         TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    description_ja  TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('percent', 'amount')),
    value           TEXT NOT NULL,
    currency        TEXT NOT NULL DEFAULT '',
    charge          TEXT NOT NULL CHECK (charge IN ('one_time', 'recurring')),
    duration_months INTEGER NOT NULL DEFAULT 0,
    valid_from      TEXT NOT NULL DEFAULT '',
    valid_to        TEXT NOT NULL DEFAULT '',
    segment         TEXT NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE promotion_products (
    promotion_id TEXT NOT NULL REFERENCES promotions (id) ON DELETE CASCADE,
    product_id   TEXT NOT NULL REFERENCES products (id),
    PRIMARY KEY (promotion_id, product_id)
) WITHOUT ROWID;
CREATE INDEX promotion_products_by_product ON promotion_products (product_id);

CREATE TABLE quotes (
    id             TEXT PRIMARY KEY,
    number         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    account_id     TEXT NOT NULL REFERENCES accounts (id),
    opportunity_id TEXT REFERENCES opportunities (id),
    name           TEXT NOT NULL,
    status         TEXT NOT NULL,
    is_primary     INTEGER NOT NULL DEFAULT 0,
    price_list_id  TEXT REFERENCES price_lists (id),
    currency       TEXT NOT NULL,
    term_months    INTEGER NOT NULL DEFAULT 0,
    valid_until    TEXT NOT NULL DEFAULT '',
    lang           TEXT NOT NULL DEFAULT 'en',
    discount_pct   TEXT NOT NULL DEFAULT '0',
    owner_id       TEXT REFERENCES users (id),
    previous_id    TEXT REFERENCES quotes (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (number, version)
);
CREATE INDEX quotes_by_account ON quotes (account_id);
CREATE INDEX quotes_by_opportunity ON quotes (opportunity_id);

CREATE TABLE quote_site_groups (
    id       TEXT PRIMARY KEY,
    quote_id TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    site_id  TEXT REFERENCES sites (id),
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX quote_site_groups_by_quote ON quote_site_groups (quote_id);

CREATE TABLE quote_lines (
    id              TEXT PRIMARY KEY,
    quote_id        TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    site_group_id   TEXT REFERENCES quote_site_groups (id) ON DELETE CASCADE,
    parent_id       TEXT REFERENCES quote_lines (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    product_id      TEXT NOT NULL REFERENCES products (id),
    quantity        INTEGER NOT NULL CHECK (quantity >= 1),
    attributes      TEXT NOT NULL DEFAULT '{}',
    discount_pct    TEXT NOT NULL DEFAULT '0',
    discount_amount TEXT NOT NULL DEFAULT '0',
    position        INTEGER NOT NULL
);
CREATE INDEX quote_lines_by_quote ON quote_lines (quote_id, position);

CREATE TABLE approvals (
    id           TEXT PRIMARY KEY,
    quote_id     TEXT NOT NULL REFERENCES quotes (id),
    content_hash TEXT NOT NULL,
    level        TEXT NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '[]',
    requested_by TEXT NOT NULL REFERENCES users (id),
    approver_id  TEXT REFERENCES users (id),
    status       TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    requested_at TEXT NOT NULL,
    decided_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX approvals_by_quote ON approvals (quote_id);
CREATE INDEX approvals_pending ON approvals (status, level);

CREATE TABLE contracts (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    quote_id    TEXT NOT NULL REFERENCES quotes (id),
    status      TEXT NOT NULL,
    lang        TEXT NOT NULL DEFAULT 'en',
    start_date  TEXT NOT NULL DEFAULT '',
    term_months INTEGER NOT NULL DEFAULT 0,
    signed_at   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (number, version)
);
CREATE INDEX contracts_by_account ON contracts (account_id);

CREATE TABLE contract_clauses (
    contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (contract_id, position)
) WITHOUT ROWID;

CREATE TABLE orders (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    segment         TEXT NOT NULL,
    quote_id        TEXT REFERENCES quotes (id),
    contract_id     TEXT REFERENCES contracts (id),
    status          TEXT NOT NULL,
    sync_state      TEXT NOT NULL,
    remote_id       TEXT NOT NULL DEFAULT '',
    remote_href     TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    billing_account TEXT NOT NULL DEFAULT '',
    currency        TEXT NOT NULL DEFAULT '',
    requested_start TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX orders_by_account ON orders (account_id);
CREATE INDEX orders_by_sync ON orders (sync_state);

CREATE TABLE order_items (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    parent_id   TEXT REFERENCES order_items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    site_id     TEXT REFERENCES sites (id),
    product_id  TEXT NOT NULL REFERENCES products (id),
    action      TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    attributes  TEXT NOT NULL DEFAULT '{}',
    technical   TEXT NOT NULL DEFAULT '{}',
    asset_id    TEXT NOT NULL DEFAULT '',
    one_time    TEXT NOT NULL DEFAULT '0',
    recurring   TEXT NOT NULL DEFAULT '0',
    appointment TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
);
CREATE INDEX order_items_by_order ON order_items (order_id, position);

CREATE TABLE assets (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    site_id    TEXT REFERENCES sites (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    parent_id  TEXT REFERENCES assets (id) DEFERRABLE INITIALLY DEFERRED,
    order_id   TEXT REFERENCES orders (id),
    status     TEXT NOT NULL,
    quantity   INTEGER NOT NULL DEFAULT 1,
    attributes TEXT NOT NULL DEFAULT '{}',
    remote_id  TEXT NOT NULL DEFAULT '',
    one_time   TEXT NOT NULL DEFAULT '0',
    recurring  TEXT NOT NULL DEFAULT '0',
    currency   TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL DEFAULT '',
    end_date   TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX assets_by_account ON assets (account_id);

-- The audit log is append-only: the triggers refuse any change to an entry once written, and each entry's
-- hash covers the previous entry's hash, so a change made around the triggers is found by verification.
CREATE TABLE audit_events (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  TEXT NOT NULL DEFAULT '',
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    data      TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events (entity, entity_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

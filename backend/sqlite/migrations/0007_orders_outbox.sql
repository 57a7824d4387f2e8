-- Quotewright schema 7: orders submitted to the order-management system through an outbox, with the dates
-- and installation appointments each site asks for.

ALTER TABLE orders ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
-- Why the order-management system holds or failed the order, in its words: shown as fallout.
ALTER TABLE orders ADD COLUMN fallout TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN submitted_at TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN language TEXT NOT NULL DEFAULT 'ja';
-- When the sync last asked the endpoint about the order: it polls the least recently checked first.
ALTER TABLE orders ADD COLUMN checked_at TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_by_quote ON orders (quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX orders_by_contract ON orders (contract_id) WHERE contract_id IS NOT NULL;
CREATE INDEX orders_by_status ON orders (status, checked_at);

-- Each site of an order: when service should start there, and the installation visit booked.
CREATE TABLE order_sites (
    order_id          TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    site_id           TEXT NOT NULL REFERENCES sites (id),
    requested_start   TEXT NOT NULL DEFAULT '',
    appointment_start TEXT NOT NULL DEFAULT '',
    appointment_end   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, site_id)
) WITHOUT ROWID;
CREATE INDEX order_sites_by_site ON order_sites (site_id);

-- What is still to be sent to the order-management system. Submitting writes the order and its entry in one
-- transaction; the sync removes the entry in the transaction that records the answer. maybe_sent marks an
-- entry whose earlier attempt may have reached the endpoint (a timeout, a reset, a crash mid-send): the next
-- attempt looks the order up by externalId before sending it again.
CREATE TABLE order_outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id        TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('create', 'cancel')),
    payload         TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    maybe_sent      INTEGER NOT NULL DEFAULT 0,
    next_at         TEXT NOT NULL,
    first_failed_at TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    UNIQUE (order_id, kind)
);
CREATE INDEX order_outbox_due ON order_outbox (next_at, seq);
CREATE INDEX assets_by_order ON assets (order_id) WHERE order_id IS NOT NULL;
-- Change orders refer to the asset they change: one open change per asset at a time.
CREATE INDEX order_items_by_asset ON order_items (asset_id) WHERE asset_id <> '';

-- A technical user fills the resource values orders need (SIM ICCIDs, IP blocks, port numbers).
ALTER TABLE users ADD COLUMN technical INTEGER NOT NULL DEFAULT 0;

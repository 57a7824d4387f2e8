-- Quotewright schema 2: catalog rules held as data, products' tax codes, how volume tiers combine.

ALTER TABLE products ADD COLUMN tax_code TEXT NOT NULL DEFAULT 'standard';

ALTER TABLE price_entries ADD COLUMN tier_mode TEXT NOT NULL DEFAULT 'tiered'
    CHECK (tier_mode IN ('tiered', 'slab'));
ALTER TABLE price_entries ADD COLUMN tier_scope TEXT NOT NULL DEFAULT 'quote'
    CHECK (tier_scope IN ('site', 'quote'));

-- A rule names its products and targets by product code, so that rules read (and export) as the catalog's
-- own words. conditions holds the kind's conditions as JSON.
CREATE TABLE catalog_rules (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('eligibility', 'availability', 'requires', 'excludes')),
    products   TEXT NOT NULL,
    conditions TEXT NOT NULL DEFAULT '{}',
    message_en TEXT NOT NULL DEFAULT '',
    message_ja TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    position   INTEGER NOT NULL
);

-- Quotewright schema 3: indexes on the child keys that rows are deleted through.
--
-- Deleting a row makes SQLite look for the rows that refer to it (to cascade or refuse). Without an index on
-- the referring column that is a scan of the whole table for every row deleted: replacing the lines of a
-- 10,000-line quote took seconds, removing a site group a fifth of a second.

CREATE INDEX quote_lines_by_parent ON quote_lines (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX quote_lines_by_site_group ON quote_lines (site_group_id) WHERE site_group_id IS NOT NULL;
CREATE INDEX order_items_by_parent ON order_items (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX assets_by_parent ON assets (parent_id) WHERE parent_id IS NOT NULL;

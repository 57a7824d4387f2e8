-- Quotewright schema 5: the clause library. Standard contract clauses held as data, in English and Japanese,
-- with {variables} (the term, the notice period …) that each contract fills in.

CREATE TABLE clause_templates (
    code     TEXT PRIMARY KEY,
    title_en TEXT NOT NULL,
    title_ja TEXT NOT NULL,
    body_en  TEXT NOT NULL,
    body_ja  TEXT NOT NULL,
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

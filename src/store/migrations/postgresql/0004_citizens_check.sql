-- 0004 citizens check: card_type's check written as comparisons, as in SQLite's 0004 (where an
-- IN list of three constants costs every insert an ephemeral table). The same rule; PostgreSQL
-- gains nothing by it, but the two schemas keep saying the same thing.
ALTER TABLE citizens DROP CONSTRAINT citizens_card_type_check;
ALTER TABLE citizens ADD CONSTRAINT citizens_card_type_check
    CHECK (card_type = '' OR card_type = 'chip' OR card_type = 'barcode');

-- Changes made here to a citizen's record (a supervisor's approved correction, a card handed
-- over or revoked) that a later extract of the population database may not carry yet: each
-- with the value the extract had when it was made, so an import keeps the local value while
-- the extract still carries that old one, and takes the extract's once it changes
-- (docs/registry.md, "Local changes and re-imports").
ALTER TABLE citizens ADD COLUMN local_changes INTEGER NOT NULL DEFAULT 0;
CREATE TABLE citizen_local (
    personal_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    extract_value TEXT NOT NULL,
    local_value TEXT NOT NULL,
    local_key TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    PRIMARY KEY (personal_id, field)
);

-- A personal ID corrected here is noted in citizen_local like any other field (field
-- 'personal_id', the extract's ID as extract_value, under the person's new ID). An import
-- asks, for a row whose ID is not stored, whether that ID was corrected away: the row is then
-- the person's under the new ID, not a second person (docs/registry.md, "Local changes and
-- re-imports"). This index answers that question without reading the other notes.
CREATE INDEX citizen_local_old_id ON citizen_local (extract_value) WHERE field = 'personal_id';

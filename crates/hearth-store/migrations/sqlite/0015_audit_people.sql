-- Issue 13: the people a read showed (a search's results, a contact's children), so a child's
-- access log lists every search and contact view that touched them. Append-only, like the log.
CREATE TABLE audit_people (
    audit_id INTEGER NOT NULL REFERENCES audit_log(id),
    person_id BLOB NOT NULL REFERENCES persons(id),
    PRIMARY KEY (person_id, audit_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER audit_people_no_update BEFORE UPDATE ON audit_people
BEGIN SELECT RAISE(ABORT, 'audit_people is append-only'); END;
CREATE TRIGGER audit_people_no_delete BEFORE DELETE ON audit_people
BEGIN SELECT RAISE(ABORT, 'audit_people is append-only'); END;

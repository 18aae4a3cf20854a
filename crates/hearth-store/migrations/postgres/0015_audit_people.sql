-- Issue 13: the people a read showed (a search's results, a contact's children), so a child's
-- access log lists every search and contact view that touched them. Append-only, like the log.
CREATE TABLE audit_people (
    audit_id bigint NOT NULL REFERENCES audit_log(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    PRIMARY KEY (person_id, audit_id)
);
CREATE FUNCTION audit_people_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_people is append-only';
END;
$$;
CREATE TRIGGER audit_people_no_change BEFORE UPDATE OR DELETE ON audit_people
FOR EACH ROW EXECUTE FUNCTION audit_people_append_only();
CREATE TRIGGER audit_people_no_truncate BEFORE TRUNCATE ON audit_people
FOR EACH STATEMENT EXECUTE FUNCTION audit_people_append_only();

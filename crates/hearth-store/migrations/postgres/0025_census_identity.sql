-- Issue 16, item 1: the child's census identity beyond the person record: the council's own
-- LA child ID (allocated once, unique, never the internal id), a former UPN, the reason a UPN is
-- not held (UN1-UN7) and the date of death. Every person recorded so far gets an LA child ID in
-- the order they were recorded; the counter carries on from there.
CREATE TABLE census_counters (
    name text PRIMARY KEY,
    value bigint NOT NULL
);
CREATE TABLE census_identity (
    person_id uuid PRIMARY KEY REFERENCES persons(id),
    la_child_id text NOT NULL,
    former_upn text,
    upn_unknown text CONSTRAINT census_identity_upn_unknown CHECK (upn_unknown IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7')),
    death_date date,
    version bigint NOT NULL
);
CREATE UNIQUE INDEX census_identity_la_child_id ON census_identity(la_child_id);
INSERT INTO census_identity (person_id, la_child_id, version)
SELECT id, 'HC' || CASE WHEN n < 10000000 THEN lpad(n::text, 7, '0') ELSE n::text END, 1
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM persons) numbered;
INSERT INTO census_counters (name, value) SELECT 'la_child_id', COUNT(*) FROM persons;

-- A worker's reason for a DfE census query on a child's record ("queries must be fixed or
-- explained"): kept, never changed; a later reason for the same query is a new row.
CREATE TABLE census_query_reasons (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    rule_code TEXT NOT NULL CHECK (length(rule_code) BETWEEN 3 AND 6),
    spot TEXT NOT NULL CHECK (length(spot) BETWEEN 1 AND 200),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    given_by BLOB NOT NULL REFERENCES users(id),
    given_at TEXT NOT NULL
) STRICT;
CREATE INDEX census_query_reasons_person ON census_query_reasons(person_id);

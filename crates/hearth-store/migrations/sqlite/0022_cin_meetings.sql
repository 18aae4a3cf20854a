-- Issue 15: the child in need planning meeting (seed 003 §1-2) and the regular child in need
-- meetings (seed 001: every 4 to 8 weeks), each recorded with its attendees and their agreement
-- (a JSON document).
CREATE TABLE cin_meetings (
    id BLOB PRIMARY KEY,
    plan_id BLOB NOT NULL REFERENCES cin_plans(id),
    person_id BLOB NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL CONSTRAINT cin_meetings_kind CHECK (kind IN ('planning', 'progress')),
    held_on TEXT NOT NULL,
    record TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX cin_meetings_plan ON cin_meetings(plan_id, held_on);

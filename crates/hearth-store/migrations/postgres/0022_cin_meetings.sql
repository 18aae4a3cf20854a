-- Issue 15: the child in need planning meeting (seed 003 §1-2) and the regular child in need
-- meetings (seed 001: every 4 to 8 weeks), each recorded with its attendees and their agreement
-- (a JSON document).
CREATE TABLE cin_meetings (
    id uuid PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES cin_plans(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    kind text NOT NULL CONSTRAINT cin_meetings_kind CHECK (kind IN ('planning', 'progress')),
    held_on date NOT NULL,
    record text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX cin_meetings_plan ON cin_meetings(plan_id, held_on);

-- Issue 13: a visit records its time, whether it was announced, and where the child was seen.
ALTER TABLE assessment_visits ADD COLUMN visit_time time;
ALTER TABLE assessment_visits ADD COLUMN visit_kind text
    CONSTRAINT assessment_visits_kind CHECK (visit_kind IN ('announced', 'unannounced'));
ALTER TABLE assessment_visits ADD COLUMN place text
    CONSTRAINT assessment_visits_place CHECK (place IN ('home', 'school', 'office', 'other-place'));

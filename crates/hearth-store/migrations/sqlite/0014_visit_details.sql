-- Issue 13: a visit records its time, whether it was announced, and where the child was seen.
ALTER TABLE assessment_visits ADD COLUMN visit_time TEXT;
ALTER TABLE assessment_visits ADD COLUMN visit_kind TEXT
    CONSTRAINT assessment_visits_kind CHECK (visit_kind IN ('announced', 'unannounced'));
ALTER TABLE assessment_visits ADD COLUMN place TEXT
    CONSTRAINT assessment_visits_place CHECK (place IN ('home', 'school', 'office', 'other-place'));

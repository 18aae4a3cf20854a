-- Issue 13: what the worker leaves out of the family's copy of an assessment, and why; a part put
-- back keeps its row with who put it back and when.
CREATE TABLE family_copy_withholdings (
    id uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    -- The order in which parts were left out on this assessment (1, 2, …; two left out at the
    -- same moment may share a number, ordered then by id).
    n bigint NOT NULL,
    part_kind text NOT NULL CONSTRAINT family_copy_part_kind CHECK (part_kind IN (
        'agency-reply', 'view', 'visit', 'domain', 'analysis')),
    part_ref text,
    reason text NOT NULL CONSTRAINT family_copy_withhold_reason CHECK (reason IN (
        'third-party', 'domestic-abuse', 'serious-harm')),
    explanation text NOT NULL,
    withheld_by uuid NOT NULL REFERENCES users(id),
    withheld_at timestamptz NOT NULL,
    restored_by uuid REFERENCES users(id),
    restored_at timestamptz,
    restored_why text,
    CHECK ((restored_by IS NULL) = (restored_at IS NULL)),
    CHECK ((restored_by IS NULL) = (restored_why IS NULL))
);
CREATE INDEX family_copy_withholdings_assessment ON family_copy_withholdings(assessment_id, n);
-- A part is left out once at a time: two people leaving the same part out together record it once.
CREATE UNIQUE INDEX family_copy_withholdings_one_in_force
    ON family_copy_withholdings(assessment_id, part_kind, COALESCE(part_ref, ''))
    WHERE restored_at IS NULL;

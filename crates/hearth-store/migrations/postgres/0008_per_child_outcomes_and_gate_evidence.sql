-- Issue 12 items 15 and 16: each child a contact names has their own screening outcomes; the
-- people seen at an assessment visit (the completion gate's evidence that each parent was seen);
-- and the interpreter decisions of an assessment (appended; not using one when needed is a team
-- manager's decision).

CREATE TABLE contact_child_outcomes (
    contact_id uuid NOT NULL REFERENCES contacts(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    code text NOT NULL CONSTRAINT contact_child_outcomes_code CHECK (code IN (
        'advice-or-signposting', 'early-help', 'no-further-action', 'existing-open-case',
        'becomes-referral', 'cp-enquiry')),
    PRIMARY KEY (contact_id, person_id, code)
);
CREATE INDEX contact_child_outcomes_person ON contact_child_outcomes(person_id);

CREATE TABLE assessment_visit_people (
    visit_id uuid NOT NULL REFERENCES assessment_visits(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    PRIMARY KEY (visit_id, person_id)
);

CREATE TABLE assessment_interpreter_decisions (
    id uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    -- The decision's place in the assessment's sequence (1, 2, …): the latest stands.
    n bigint NOT NULL,
    choice text NOT NULL CONSTRAINT assessment_interpreter_choice CHECK (choice IN (
        'not-needed', 'used', 'not-used')),
    reasons text NOT NULL,
    decided_by uuid NOT NULL REFERENCES users(id),
    approved_by uuid REFERENCES users(id),
    decided_at timestamptz NOT NULL,
    CHECK (choice <> 'not-used' OR approved_by IS NOT NULL),
    UNIQUE (assessment_id, n)
);

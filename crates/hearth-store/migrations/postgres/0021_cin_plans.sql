-- Issue 15: the child in need plan's own dates (census CINPlanStartDate and CINPlanEndDate), what
-- it says beyond its outcomes and actions (a JSON document: purpose, needs and services, what the
-- family agree to, the lead professional, visit frequency, contingency, review points,
-- circulation, long-term support), why it ended and how (a JSON document), whether it is a
-- minimum plan (after a child protection plan), and its reviews. Visits belong to the child, and
-- the plan in force (child protection or child in need) is recorded with them.
ALTER TABLE cin_plans ADD COLUMN started_on date;
ALTER TABLE cin_plans ADD COLUMN ended_on date;
ALTER TABLE cin_plans ADD COLUMN end_reason text CONSTRAINT cin_plans_end_reason CHECK (end_reason IN (
    'needs-met', 'step-down-to-early-help', 'consent-withdrawn', 'moved-to-another-council',
    'transferred-to-adult-services', 'died', 'cp-plan-started', 'came-into-care'));
ALTER TABLE cin_plans ADD COLUMN details text;
ALTER TABLE cin_plans ADD COLUMN ending text;
ALTER TABLE cin_plans ADD COLUMN minimum_plan boolean NOT NULL DEFAULT FALSE;
ALTER TABLE cin_plans ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE TABLE cin_reviews (
    id uuid PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES cin_plans(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    reviewed_on date NOT NULL,
    outcome text NOT NULL CONSTRAINT cin_reviews_outcome CHECK (outcome IN (
        'plan-ends', 'continue', 'continue-with-amendments', 'further-assessment', 'strategy-discussion')),
    record text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX cin_reviews_plan ON cin_reviews(plan_id, reviewed_on);
ALTER TABLE child_visits ADD COLUMN cin_plan_id uuid REFERENCES cin_plans(id);

-- Issue 14: a held strategy discussion records who took part by agency (and why anyone required
-- did not), further discussions, immediate safety, and what the family is told and what is
-- withheld and why (a JSON document); and the actions agreed, each with its owner, due date and
-- clock (a task until it is done).
ALTER TABLE strategy_discussions ADD COLUMN held_details text;
CREATE TABLE strategy_actions (
    id uuid PRIMARY KEY,
    discussion_id uuid NOT NULL REFERENCES strategy_discussions(id),
    person_id uuid NOT NULL REFERENCES persons(id),
    what text NOT NULL,
    owner text NOT NULL,
    due_on date NOT NULL,
    clock_id uuid REFERENCES clocks(id),
    done_on date,
    done_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL,
    CHECK ((done_on IS NULL) = (done_by IS NULL))
);
CREATE INDEX strategy_actions_discussion ON strategy_actions(discussion_id, due_on);
-- A review conference brought forward records why (seed 000 §7.3) and what happened.
ALTER TABLE cp_conferences ADD COLUMN early_reason text CONSTRAINT cp_conferences_early_reason CHECK (early_reason IN (
    'further-incident', 'change-of-circumstance', 'child-missing'));
ALTER TABLE cp_conferences ADD COLUMN early_detail text;

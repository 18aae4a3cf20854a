-- Issue 14: a held strategy discussion records who took part by agency (and why anyone required
-- did not), further discussions, immediate safety, and what the family is told and what is
-- withheld and why (a JSON document); and the actions agreed, each with its owner, due date and
-- clock (a task until it is done).
ALTER TABLE strategy_discussions ADD COLUMN held_details TEXT;
CREATE TABLE strategy_actions (
    id BLOB PRIMARY KEY,
    discussion_id BLOB NOT NULL REFERENCES strategy_discussions(id),
    person_id BLOB NOT NULL REFERENCES persons(id),
    what TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    clock_id BLOB REFERENCES clocks(id),
    done_on TEXT,
    done_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL,
    CHECK ((done_on IS NULL) = (done_by IS NULL))
) STRICT;
CREATE INDEX strategy_actions_discussion ON strategy_actions(discussion_id, due_on);
-- A review conference brought forward records why (seed 000 §7.3) and what happened.
ALTER TABLE cp_conferences ADD COLUMN early_reason TEXT CONSTRAINT cp_conferences_early_reason CHECK (early_reason IN (
    'further-incident', 'change-of-circumstance', 'child-missing'));
ALTER TABLE cp_conferences ADD COLUMN early_detail TEXT;

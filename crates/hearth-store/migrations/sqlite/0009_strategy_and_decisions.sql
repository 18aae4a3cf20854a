-- Issue 12: decision outcomes that create work, the strategy discussion as a dated event,
-- immediate protection, the referrer's acknowledgement clock and informing the family.

-- New referral outcomes: accommodation (s20), legal action, refer to another agency.
CREATE TABLE referral_outcomes_new (
    referral_id BLOB NOT NULL REFERENCES referrals(id),
    code TEXT NOT NULL CONSTRAINT referral_outcomes_code CHECK (code IN (
        'immediate-protection', 'assessment', 'strategy-discussion', 'services',
        'specialist-assessment', 'accommodation-s20', 'legal-action', 'refer-to-other-agency',
        'no-further-action')),
    PRIMARY KEY (referral_id, code)
) STRICT;
INSERT INTO referral_outcomes_new (referral_id, code) SELECT referral_id, code FROM referral_outcomes;
DROP TABLE referral_outcomes;
ALTER TABLE referral_outcomes_new RENAME TO referral_outcomes;
CREATE INDEX referral_outcomes_by_code ON referral_outcomes(code, referral_id);

-- The agency a referral was passed to; the acknowledgement clock; the family told (or why not).
ALTER TABLE referrals ADD COLUMN referred_to TEXT;
ALTER TABLE referrals ADD COLUMN ack_clock_id BLOB REFERENCES clocks(id);
ALTER TABLE referrals ADD COLUMN family_informed TEXT
    CONSTRAINT referrals_family_informed CHECK (family_informed IN ('told', 'withheld'));
ALTER TABLE referrals ADD COLUMN family_note TEXT;
ALTER TABLE referrals ADD COLUMN family_on TEXT;
ALTER TABLE referrals ADD COLUMN family_by BLOB REFERENCES users(id);

-- Immediate protective action (Children Act 1989 ss44, 46).
CREATE TABLE protective_actions (
    id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES persons(id),
    referral_id BLOB REFERENCES referrals(id),
    kind TEXT NOT NULL CONSTRAINT protective_actions_kind CHECK (kind IN (
        'police-protection', 'emergency-protection-order', 'accommodated-by-agreement',
        'safety-plan')),
    taken_on TEXT NOT NULL,
    detail TEXT NOT NULL,
    recorded_by BLOB NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX protective_actions_person ON protective_actions(person_id);

-- The strategy discussion: where it was asked for, its clock, and when and how it was held.
ALTER TABLE strategy_discussions ADD COLUMN requested_from TEXT NOT NULL DEFAULT 'assessment-outcome'
    CONSTRAINT strategy_discussions_requested_from CHECK (requested_from IN (
        'referral-decision', 'during-assessment', 'assessment-outcome', 'immediate-protection',
        'open-case'));
ALTER TABLE strategy_discussions ADD COLUMN referral_id BLOB REFERENCES referrals(id);
ALTER TABLE strategy_discussions ADD COLUMN requested_on TEXT;
UPDATE strategy_discussions SET requested_on = substr(requested_at, 1, 10);
ALTER TABLE strategy_discussions ADD COLUMN clock_id BLOB REFERENCES clocks(id);
ALTER TABLE strategy_discussions ADD COLUMN held_on TEXT;
ALTER TABLE strategy_discussions ADD COLUMN form TEXT
    CONSTRAINT strategy_discussions_form CHECK (form IN ('meeting', 'call'));
ALTER TABLE strategy_discussions ADD COLUMN attendees TEXT;
ALTER TABLE strategy_discussions ADD COLUMN start_section_47 INTEGER;
ALTER TABLE strategy_discussions ADD COLUMN joint_investigation INTEGER;
ALTER TABLE strategy_discussions ADD COLUMN summary TEXT;
ALTER TABLE strategy_discussions ADD COLUMN held_by BLOB REFERENCES users(id);
ALTER TABLE strategy_discussions ADD COLUMN held_at TEXT;
ALTER TABLE strategy_discussions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- An assessment started by a strategy discussion names it (its date is the anchor).
ALTER TABLE assessments ADD COLUMN strategy_discussion_id BLOB REFERENCES strategy_discussions(id);

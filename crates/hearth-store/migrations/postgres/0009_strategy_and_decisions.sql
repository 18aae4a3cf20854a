-- Issue 12: decision outcomes that create work, the strategy discussion as a dated event,
-- immediate protection, the referrer's acknowledgement clock and informing the family.

-- New referral outcomes: accommodation (s20), legal action, refer to another agency.
ALTER TABLE referral_outcomes DROP CONSTRAINT referral_outcomes_code;
ALTER TABLE referral_outcomes ADD CONSTRAINT referral_outcomes_code CHECK (code IN (
        'immediate-protection', 'assessment', 'strategy-discussion', 'services',
        'specialist-assessment', 'accommodation-s20', 'legal-action', 'refer-to-other-agency',
        'no-further-action'));

-- The agency a referral was passed to; the acknowledgement clock; the family told (or why not).
ALTER TABLE referrals ADD COLUMN referred_to text;
ALTER TABLE referrals ADD COLUMN ack_clock_id uuid REFERENCES clocks(id);
ALTER TABLE referrals ADD COLUMN family_informed text
    CONSTRAINT referrals_family_informed CHECK (family_informed IN ('told', 'withheld'));
ALTER TABLE referrals ADD COLUMN family_note text;
ALTER TABLE referrals ADD COLUMN family_on date;
ALTER TABLE referrals ADD COLUMN family_by uuid REFERENCES users(id);

-- Immediate protective action (Children Act 1989 ss44, 46).
CREATE TABLE protective_actions (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons(id),
    referral_id uuid REFERENCES referrals(id),
    kind text NOT NULL CONSTRAINT protective_actions_kind CHECK (kind IN (
        'police-protection', 'emergency-protection-order', 'accommodated-by-agreement',
        'safety-plan')),
    taken_on date NOT NULL,
    detail text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users(id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX protective_actions_person ON protective_actions(person_id);

-- The strategy discussion: where it was asked for, its clock, and when and how it was held.
ALTER TABLE strategy_discussions ADD COLUMN requested_from text NOT NULL DEFAULT 'assessment-outcome'
    CONSTRAINT strategy_discussions_requested_from CHECK (requested_from IN (
        'referral-decision', 'during-assessment', 'assessment-outcome', 'immediate-protection',
        'open-case'));
ALTER TABLE strategy_discussions ADD COLUMN referral_id uuid REFERENCES referrals(id);
ALTER TABLE strategy_discussions ADD COLUMN requested_on date;
UPDATE strategy_discussions SET requested_on = (requested_at AT TIME ZONE 'Europe/London')::date;
ALTER TABLE strategy_discussions ADD COLUMN clock_id uuid REFERENCES clocks(id);
ALTER TABLE strategy_discussions ADD COLUMN held_on date;
ALTER TABLE strategy_discussions ADD COLUMN form text
    CONSTRAINT strategy_discussions_form CHECK (form IN ('meeting', 'call'));
ALTER TABLE strategy_discussions ADD COLUMN attendees text;
ALTER TABLE strategy_discussions ADD COLUMN start_section_47 boolean;
ALTER TABLE strategy_discussions ADD COLUMN joint_investigation boolean;
ALTER TABLE strategy_discussions ADD COLUMN summary text;
ALTER TABLE strategy_discussions ADD COLUMN held_by uuid REFERENCES users(id);
ALTER TABLE strategy_discussions ADD COLUMN held_at timestamptz;
ALTER TABLE strategy_discussions ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- An assessment started by a strategy discussion names it (its date is the anchor).
ALTER TABLE assessments ADD COLUMN strategy_discussion_id uuid REFERENCES strategy_discussions(id);

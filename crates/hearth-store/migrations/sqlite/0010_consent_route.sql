-- Issue 12: when the parents refused consent and the route moved to section 47 (seed 001), why,
-- and what the parents were told.
ALTER TABLE referrals ADD COLUMN consent_override_reasons TEXT;
ALTER TABLE referrals ADD COLUMN parents_told TEXT;
-- A young person's own consent (seed 001: "particularly those aged 16 or over"), as JSON like
-- the family's.
ALTER TABLE contacts ADD COLUMN young_person_consent TEXT;

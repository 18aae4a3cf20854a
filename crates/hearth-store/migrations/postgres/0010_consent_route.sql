-- Issue 12: when the parents refused consent and the route moved to section 47 (seed 001), why,
-- and what the parents were told.
ALTER TABLE referrals ADD COLUMN consent_override_reasons text;
ALTER TABLE referrals ADD COLUMN parents_told text;

-- The child an audited action was about, when the record acted on is not the person itself (an
-- assessment, a referral), so "who has viewed this record" lists every look at the child's work.
ALTER TABLE audit_log ADD COLUMN person_id text;
CREATE INDEX audit_log_person ON audit_log(person_id, id) WHERE person_id IS NOT NULL;

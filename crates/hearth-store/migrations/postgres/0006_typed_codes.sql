-- Census characteristics and multi-valued codes as typed columns and child tables, each checked
-- against its code set, so the census, Annex A and KPI counts read columns rather than JSON.
-- Every CHECK list equals the domain's code set in census order (a hearth-store unit test parses
-- this file and compares them). Existing data moves out of the JSON: the characteristics leave
-- persons.details (held once; person_versions keeps its JSON as history) and the JSON outcome
-- and factor columns are dropped. Gender identity has no census code set: it stays free text,
-- typed and length-checked to the domain's 100 characters.

-- A person's census characteristics.
ALTER TABLE persons ADD COLUMN sex text
    CONSTRAINT persons_sex_code CHECK (sex IN ('1', '2', '0', '9'));
ALTER TABLE persons ADD COLUMN gender_identity text
    CONSTRAINT persons_gender_identity_length CHECK (length(gender_identity) BETWEEN 1 AND 100);
ALTER TABLE persons ADD COLUMN ethnicity text
    CONSTRAINT persons_ethnicity_code CHECK (ethnicity IN (
        'WBRI', 'WIRI', 'WIRT', 'WROM', 'WOTH', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN',
        'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'));
UPDATE persons SET
    sex = details::jsonb ->> 'sex',
    gender_identity = details::jsonb ->> 'gender_identity',
    ethnicity = details::jsonb ->> 'ethnicity';

-- A person's census disabilities; NONE stands alone (checked by the domain).
CREATE TABLE person_disabilities (
    person_id uuid NOT NULL REFERENCES persons(id),
    code text NOT NULL CONSTRAINT person_disabilities_code CHECK (code IN (
        'NONE', 'MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT',
        'DDA')),
    PRIMARY KEY (person_id, code)
);
CREATE INDEX person_disabilities_by_code ON person_disabilities(code, person_id);
INSERT INTO person_disabilities (person_id, code)
    SELECT DISTINCT p.id, j.code FROM persons p CROSS JOIN LATERAL jsonb_array_elements_text(p.details::jsonb -> 'disabilities') AS j(code);

-- The characteristics are held once, in the columns above.
UPDATE persons SET details = (details::jsonb - 'sex' - 'gender_identity' - 'ethnicity' - 'disabilities')::text;

-- What screening a contact decided (several may apply).
CREATE TABLE contact_outcomes (
    contact_id uuid NOT NULL REFERENCES contacts(id),
    code text NOT NULL CONSTRAINT contact_outcomes_code CHECK (code IN (
        'advice-or-signposting', 'early-help', 'no-further-action', 'existing-open-case',
        'becomes-referral', 'cp-enquiry')),
    PRIMARY KEY (contact_id, code)
);
CREATE INDEX contact_outcomes_by_code ON contact_outcomes(code, contact_id);
INSERT INTO contact_outcomes (contact_id, code)
    SELECT DISTINCT c.id, j.code FROM contacts c CROSS JOIN LATERAL jsonb_array_elements_text(c.outcomes::jsonb) AS j(code);
ALTER TABLE contacts DROP COLUMN outcomes;

-- The outcomes of a referral decision.
CREATE TABLE referral_outcomes (
    referral_id uuid NOT NULL REFERENCES referrals(id),
    code text NOT NULL CONSTRAINT referral_outcomes_code CHECK (code IN (
        'immediate-protection', 'assessment', 'strategy-discussion', 'services',
        'specialist-assessment', 'no-further-action')),
    PRIMARY KEY (referral_id, code)
);
CREATE INDEX referral_outcomes_by_code ON referral_outcomes(code, referral_id);
INSERT INTO referral_outcomes (referral_id, code)
    SELECT DISTINCT r.id, j.code FROM referrals r CROSS JOIN LATERAL jsonb_array_elements_text(r.outcomes::jsonb) AS j(code);
ALTER TABLE referrals DROP COLUMN outcomes;

-- Factors identified at assessment (census AssessmentFactors; 18A and 19A are retired).
CREATE TABLE assessment_factors (
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    code text NOT NULL CONSTRAINT assessment_factors_code CHECK (code IN (
        '1A', '1B', '1C', '2A', '2B', '2C', '3A', '3B', '3C', '4A', '4B', '4C', '5A', '5B', '5C',
        '6A', '6B', '6C', '7A', '8B', '8C', '8D', '8E', '8F', '9A', '10A', '11A', '12A', '13A',
        '14A', '15A', '16A', '17A', '18B', '18C', '19B', '19C', '20', '21', '22A', '23A', '24A')),
    PRIMARY KEY (assessment_id, code)
);
CREATE INDEX assessment_factors_by_code ON assessment_factors(code, assessment_id);
INSERT INTO assessment_factors (assessment_id, code)
    SELECT DISTINCT a.id, j.code FROM assessments a CROSS JOIN LATERAL jsonb_array_elements_text(a.factors::jsonb) AS j(code);
ALTER TABLE assessments DROP COLUMN factors;

-- What an assessment concluded (several may apply).
CREATE TABLE assessment_outcomes (
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    code text NOT NULL CONSTRAINT assessment_outcomes_code CHECK (code IN (
        'no-further-action', 'early-help', 'cin-plan', 'specialist-assessment',
        'strategy-discussion', 'emergency-action')),
    PRIMARY KEY (assessment_id, code)
);
CREATE INDEX assessment_outcomes_by_code ON assessment_outcomes(code, assessment_id);
INSERT INTO assessment_outcomes (assessment_id, code)
    SELECT DISTINCT a.id, j.code FROM assessments a CROSS JOIN LATERAL jsonb_array_elements_text(a.outcomes::jsonb) AS j(code);
ALTER TABLE assessments DROP COLUMN outcomes;

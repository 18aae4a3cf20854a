-- Issue 13: an agency asked for information during an assessment has a reply-due clock, a task in
-- the worker's My work until the reply is recorded.
ALTER TABLE assessment_agency_requests ADD COLUMN clock_id uuid REFERENCES clocks(id);

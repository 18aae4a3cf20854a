-- Issue 16, item 1: census AssessmentInternalReviewDate, where the assessment records one.
ALTER TABLE assessments ADD COLUMN internal_review_date date;

-- The census InitialCPCtarget of a section 47 enquiry brought in from a previous system's return
-- (Hearth's own enquiries take it from their initial conference).
ALTER TABLE s47_enquiries ADD COLUMN icpc_target TEXT;

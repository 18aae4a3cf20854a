-- Reading a council's census year a page of children at a time (and a child's episodes on every
-- record page): each episode's person, and each record's episode, by index rather than by scan.
CREATE INDEX episodes_person ON episodes(person_id, referral_date);
CREATE INDEX assessments_episode ON assessments(episode_id);
CREATE INDEX cin_plans_episode ON cin_plans(episode_id);
CREATE INDEX s47_enquiries_episode ON s47_enquiries(episode_id);
CREATE INDEX cp_plans_episode ON cp_plans(episode_id);
CREATE INDEX cp_conferences_episode ON cp_conferences(episode_id);
CREATE INDEX cp_conferences_plan ON cp_conferences(plan_id, held_on);

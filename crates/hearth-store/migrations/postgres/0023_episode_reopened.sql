-- Issue 15: "Reopening links to the previous episode": a new episode for a child whose earlier
-- episode closed names that episode.
ALTER TABLE episodes ADD COLUMN previous_episode_id uuid REFERENCES episodes(id);

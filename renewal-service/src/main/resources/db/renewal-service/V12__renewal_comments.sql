-- The coordinator's comments on a returned renewal, which the endorsee reads until they submit it again.
ALTER TABLE endorsement_view ADD COLUMN renewal_comments TEXT;

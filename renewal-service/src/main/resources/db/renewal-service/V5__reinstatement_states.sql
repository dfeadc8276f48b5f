-- The pending request column also names reinstatement states (REINSTATEMENT_FEE_DUE, REINSTATEMENT_REQUESTED).
ALTER TABLE endorsement_view ALTER COLUMN renewal TYPE VARCHAR(32);

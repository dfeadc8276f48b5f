-- The late renewal fee of the current cycle, where one was charged: its invoice, and DUE until paid, then PAID.
ALTER TABLE endorsement_view ADD COLUMN late_fee_invoice_id VARCHAR(64);
ALTER TABLE endorsement_view ADD COLUMN late_fee VARCHAR(8);

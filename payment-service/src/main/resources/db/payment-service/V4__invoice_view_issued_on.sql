-- The day an invoice was issued: its fee schedule version, and so its refund rules, are the ones in force then.
-- Invoices issued before this column have none; their refunds follow the schedule in force at the refund.
ALTER TABLE invoice_view ADD COLUMN issued_on DATE;

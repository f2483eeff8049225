-- Modify "audit_events" table
ALTER TABLE "audit_events" ADD COLUMN "client_addr" character varying NULL;

-- Add column "client_addr" to table: "audit_events"
ALTER TABLE `audit_events` ADD COLUMN `client_addr` text NULL;

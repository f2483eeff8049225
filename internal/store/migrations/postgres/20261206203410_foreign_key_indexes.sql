-- Create index "award_recipient_person_id_year" to table: "awards"
CREATE INDEX "award_recipient_person_id_year" ON "awards" ("recipient_person_id", "year");
-- Create index "dossierdocument_nomination_id_kind" to table: "dossier_documents"
CREATE INDEX "dossierdocument_nomination_id_kind" ON "dossier_documents" ("nomination_id", "kind");
-- Create index "nomination_recipient_person_id_year" to table: "nominations"
CREATE INDEX "nomination_recipient_person_id_year" ON "nominations" ("recipient_person_id", "year");
-- Create index "nomination_recipient_unit_id_year" to table: "nominations"
CREATE INDEX "nomination_recipient_unit_id_year" ON "nominations" ("recipient_unit_id", "year");
-- Create index "unitreport_call_id" to table: "unit_reports"
CREATE INDEX "unitreport_call_id" ON "unit_reports" ("call_id");
-- Create index "unit_parent_id" to table: "units"
CREATE INDEX "unit_parent_id" ON "units" ("parent_id");

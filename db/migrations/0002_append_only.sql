-- Versions, label moves and audit events are history: never updated, never deleted.
CREATE OR REPLACE FUNCTION promptyard_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION promptyard_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION promptyard_reject_change();
--> statement-breakpoint
CREATE TRIGGER prompt_version_immutable BEFORE UPDATE OR DELETE ON "prompt_version" FOR EACH ROW EXECUTE FUNCTION promptyard_reject_change();
--> statement-breakpoint
CREATE TRIGGER label_event_append_only BEFORE UPDATE OR DELETE ON "label_event" FOR EACH ROW EXECUTE FUNCTION promptyard_reject_change();

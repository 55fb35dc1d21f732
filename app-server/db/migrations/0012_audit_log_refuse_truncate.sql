-- TRUNCATE bypasses row-level triggers, so the append-only rule needs a statement-level trigger of its own.
CREATE TRIGGER audit_log_refuse_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

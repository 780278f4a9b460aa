-- Re-drives: a dead letter sent through again after its cause was fixed (a machine added to the bridge's registry,
-- an order released late). The dead letter stays as it was; each re-drive is a row here, append-only like the
-- ledger. The job's idempotency keys make a second re-drive of the same letter post nothing twice.
CREATE TABLE dead_letter_redrive (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dead_letter_id  bigint NOT NULL REFERENCES dead_letter (id),
    target          text   NOT NULL,
    requested_by    text   NOT NULL,
    redriven_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX dead_letter_redrive_letter ON dead_letter_redrive (dead_letter_id);

CREATE TRIGGER dead_letter_redrive_append_only BEFORE UPDATE OR DELETE ON dead_letter_redrive FOR EACH ROW
    EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER dead_letter_redrive_append_only_statement BEFORE UPDATE OR DELETE ON dead_letter_redrive
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER dead_letter_redrive_no_truncate BEFORE TRUNCATE ON dead_letter_redrive FOR EACH STATEMENT
    EXECUTE FUNCTION refuse_ledger_change();
REVOKE ALL ON dead_letter_redrive FROM PUBLIC;
GRANT SELECT, INSERT ON dead_letter_redrive TO "${writer_role}";

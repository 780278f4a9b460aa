-- A value entry's references to its item and capacity entry are checked once per statement instead of by foreign
-- keys. A foreign key checked each row by a query of its own and locked the named entry (FOR KEY SHARE: a change
-- of that entry's page and a WAL record): about a sixth of PostgreSQL's CPU per ledger row. The lock guards
-- against a concurrent DELETE or key change of the named entry, which the append-only triggers refuse to everyone
-- but the owner; the triggers below refuse them to the owner too while a value entry names the entry.
-- The writer resolves references when it appends (ledger_reference_missing); these checks hold for any insert.

ALTER TABLE value_entry
    DROP CONSTRAINT value_entry_item_ledger_entry_no_fkey,
    DROP CONSTRAINT value_entry_capacity_ledger_entry_no_fkey;

-- Every value entry the statement inserted names entries that exist (one join over the inserted rows).
CREATE FUNCTION value_entry_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing record;
BEGIN
    SELECT n.idempotency_key, n.item_ledger_entry_no, n.capacity_ledger_entry_no INTO missing
    FROM new_value_entries n
        LEFT JOIN item_ledger_entry i ON i.entry_no = n.item_ledger_entry_no
        LEFT JOIN capacity_ledger_entry c ON c.entry_no = n.capacity_ledger_entry_no
    WHERE (n.item_ledger_entry_no IS NOT NULL AND i.entry_no IS NULL)
       OR (n.capacity_ledger_entry_no IS NOT NULL AND c.entry_no IS NULL)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'value entry % names item entry % / capacity entry %, which the store does not have',
            missing.idempotency_key, missing.item_ledger_entry_no, missing.capacity_ledger_entry_no
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER value_entry_references AFTER INSERT ON value_entry
    REFERENCING NEW TABLE AS new_value_entries
    FOR EACH STATEMENT EXECUTE FUNCTION value_entry_references_exist();

-- An item or capacity entry that a value entry names stays (what the foreign keys' NO ACTION did). Only the owner
-- gets this far (the append-only triggers refuse everyone else first); value_entry has no index on its references,
-- so this scans it: fine for what is never done in operation.
CREATE FUNCTION ledger_entry_still_named() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named bigint;
    -- A deleted entry, or one whose number an update changed.
    gone text := CASE WHEN TG_OP = 'DELETE' THEN 'TRUE'
                      ELSE 'NOT EXISTS (SELECT FROM new_entries n WHERE n.entry_no = o.entry_no)' END;
BEGIN
    EXECUTE format('SELECT o.entry_no FROM old_entries o WHERE %s AND EXISTS (SELECT FROM value_entry v '
                   'WHERE v.%I = o.entry_no) LIMIT 1', gone, TG_ARGV[0])
        INTO named;
    IF named IS NOT NULL THEN
        RAISE EXCEPTION '% % is named by a value entry: it stays', TG_TABLE_NAME, named
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

-- Per named table: <table>_still_named (a renumbering update) and <table>_still_named_on_delete; the value entry's
-- column naming it is <table>_no.
DO $$
DECLARE
    named_table text;
BEGIN
    FOREACH named_table IN ARRAY ARRAY['item_ledger_entry', 'capacity_ledger_entry']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_entries '
                       'NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_still_named(%L)',
                       named_table || '_still_named', named_table, named_table || '_no');
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_entries '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_still_named(%L)',
                       named_table || '_still_named_on_delete', named_table, named_table || '_no');
    END LOOP;
END
$$;

-- The row triggers of V2 fire only for rows a change touches: an UPDATE or DELETE that matches nothing passed
-- silently, so a role without the right learnt nothing until it hit a row. Statement triggers refuse every UPDATE
-- and DELETE by any role but the owner, whatever it matches.
DO $$
DECLARE
    ledger_table text;
BEGIN
    FOR ledger_table IN SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                        WHERE t.tgname = c.relname || '_append_only'
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH STATEMENT '
                       'EXECUTE FUNCTION refuse_ledger_change()', ledger_table || '_append_only_statement',
                       ledger_table);
    END LOOP;
END
$$;

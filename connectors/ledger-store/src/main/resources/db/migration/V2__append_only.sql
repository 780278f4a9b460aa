-- The ledger is append-only. Two roles besides the owner (who runs these migrations):
--   ${writer_role}: the pipeline; may read and insert, nothing else;
--   ${reporting_role}: cost controllers and dashboards; may read the views, nothing else.
-- Privileges refuse UPDATE, DELETE and TRUNCATE to them; a trigger refuses them to every role but the owner, so
-- even a role that was granted more by mistake cannot change a posted entry.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${writer_role}') THEN
        CREATE ROLE "${writer_role}" LOGIN PASSWORD '${writer_password}';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${reporting_role}') THEN
        CREATE ROLE "${reporting_role}" LOGIN PASSWORD '${reporting_password}';
    END IF;
END
$$;

CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner_role name := (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID);
BEGIN
    IF current_user <> owner_role THEN
        RAISE EXCEPTION 'the ledger is append-only: % on % is refused for role %', TG_OP, TG_TABLE_NAME, current_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'post a correcting entry instead';
    END IF;
    IF TG_LEVEL = 'STATEMENT' THEN
        RETURN NULL;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

DO $$
DECLARE
    ledger_table text;
BEGIN
    FOREACH ledger_table IN ARRAY ARRAY['item_ledger_entry', 'capacity_ledger_entry', 'value_entry',
            'warehouse_entry', 'warehouse_request', 'production_order_status_history', 'production_order_cost_plan',
            'dead_letter', 'posting_conflict', 'machine_kpi']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW '
                       'EXECUTE FUNCTION refuse_ledger_change()', ledger_table || '_append_only', ledger_table);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                       'EXECUTE FUNCTION refuse_ledger_change()', ledger_table || '_no_truncate', ledger_table);
        EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', ledger_table);
        EXECUTE format('GRANT SELECT, INSERT ON %I TO %I', ledger_table, '${writer_role}');
    END LOOP;
END
$$;

GRANT SELECT ON work_shift TO "${writer_role}", "${reporting_role}";
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO "${writer_role}", "${reporting_role}";

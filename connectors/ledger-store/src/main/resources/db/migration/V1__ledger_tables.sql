-- The ledger as the posting job writes it. Columns are named as the spec names the fields (snake_case).
-- Every entry table carries:
--   entry_no         the store's entry number, from the table's own sequence (never max + 1);
--   idempotency_key  derived by the posting rules from the source event: unique, a replay is a no-op;
--   source_key       the job key whose numbering the entry used (production order no., or 'capacity');
--   source_entry_no  the entry number within that key: references between entries are resolved through it;
--   content_hash     SHA-256 of the entry's content as the writer encodes it (binary COPY fields): a replay with the
--                    same key and other content is a conflict;
--   event_time       event time of the input that posted it; committed_at: when the store committed it.
-- Keys and order numbers compare bytewise (COLLATE "C"): they are identifiers, and a locale's collation made every
-- index comparison on them several times dearer.
-- Indexes cost the writer on every row, so each one here is read by something: the idempotency key by the writer's
-- ON CONFLICT, (source_key, source_entry_no) of item and capacity entries by the writer's reference mapping, the
-- order columns by the cost controllers' views, and posting dates by the export and day-range reports through BRIN
-- indexes (tiny, nearly free to maintain, since entries arrive roughly in date order).

CREATE TABLE item_ledger_entry (
    entry_no                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key          text    COLLATE "C" NOT NULL UNIQUE,
    source_key               text    COLLATE "C" NOT NULL,
    source_entry_no          bigint  NOT NULL,
    item_no                  text   ,
    variant_code             text   ,
    posting_date             date    NOT NULL,
    entry_type               text   ,
    source_no                text   ,
    document_no              text   ,
    description              text   ,
    location_code            text   ,
    quantity                 numeric(38, 5) NOT NULL,
    remaining_quantity       numeric(38, 5) NOT NULL,
    invoiced_quantity        numeric(38, 5) NOT NULL,
    open                     boolean NOT NULL,
    positive                 boolean NOT NULL,
    applies_to_entry         bigint REFERENCES item_ledger_entry (entry_no),
    order_type               text   ,
    order_no                 text COLLATE "C",
    order_line_no            integer NOT NULL,
    prod_order_comp_line_no  integer NOT NULL,
    unit_of_measure_code     text   ,
    qty_per_unit_of_measure  numeric(38, 5) NOT NULL,
    completely_invoiced      boolean NOT NULL,
    source_code              text   ,
    -- BC's FlowFields as of the posting: the sums of the entry's value entries in the same posting.
    cost_amount_expected     numeric(38, 2) NOT NULL,
    cost_amount_actual       numeric(38, 2) NOT NULL,
    event_time               timestamptz NOT NULL,
    content_hash             bytea   NOT NULL,
    committed_at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (source_key, source_entry_no)
);
CREATE INDEX item_ledger_entry_order ON item_ledger_entry (order_no, order_line_no);
CREATE INDEX item_ledger_entry_posting_date ON item_ledger_entry USING brin (posting_date);

CREATE TABLE capacity_ledger_entry (
    entry_no                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key           text    COLLATE "C" NOT NULL UNIQUE,
    source_key                text    COLLATE "C" NOT NULL,
    source_entry_no           bigint  NOT NULL,
    operation_no              text   ,
    type                      text,
    no                        text   ,
    description               text   ,
    work_center_no            text   ,
    work_center_group_code    text   ,
    subcontracting            boolean NOT NULL,
    quantity                  numeric(38, 5) NOT NULL,
    invoiced_quantity         numeric(38, 5),
    completely_invoiced       boolean NOT NULL,
    setup_time                numeric(38, 5),
    run_time                  numeric(38, 5),
    stop_time                 numeric(38, 5),
    cap_unit_of_measure_code  text   ,
    qty_per_cap_unit_of_measure numeric(38, 5),
    item_no                   text   ,
    variant_code              text   ,
    output_quantity           numeric(38, 5),
    scrap_quantity            numeric(38, 5),
    unit_of_measure_code      text   ,
    qty_per_unit_of_measure   numeric(38, 5),
    order_type                text   ,
    order_no                  text COLLATE "C",
    order_line_no             integer NOT NULL,
    routing_no                text   ,
    routing_reference_no      integer NOT NULL,
    posting_date              date    NOT NULL,
    document_date             date,
    document_no               text   ,
    external_document_no      text   ,
    starting_time             timestamptz,
    ending_time               timestamptz,
    concurrent_capacity       numeric(38, 5),
    work_shift_code           text   ,
    stop_code                 text   ,
    scrap_code                text   ,
    last_output_line          boolean NOT NULL,
    event_time                timestamptz NOT NULL,
    content_hash              bytea   NOT NULL,
    committed_at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (source_key, source_entry_no)
);
CREATE INDEX capacity_ledger_entry_order ON capacity_ledger_entry (order_no, order_line_no);
CREATE INDEX capacity_ledger_entry_posting_date ON capacity_ledger_entry USING brin (posting_date);

-- Nothing names a value entry by the job's numbering, so its (source_key, source_entry_no) has no unique index.
CREATE TABLE value_entry (
    entry_no                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key            text    COLLATE "C" NOT NULL UNIQUE,
    source_key                 text    COLLATE "C" NOT NULL,
    source_entry_no            bigint  NOT NULL,
    item_ledger_entry_no       bigint REFERENCES item_ledger_entry (entry_no),
    capacity_ledger_entry_no   bigint REFERENCES capacity_ledger_entry (entry_no),
    entry_type                 text   ,
    variance_type              text,
    item_ledger_entry_type     text,
    type                       text,
    no                         text   ,
    item_no                    text   ,
    order_type                 text   ,
    order_no                   text COLLATE "C",
    order_line_no              integer NOT NULL,
    source_no                  text   ,
    location_code              text   ,
    valued_quantity            numeric(38, 5) NOT NULL,
    invoiced_quantity          numeric(38, 5) NOT NULL,
    item_ledger_entry_quantity numeric(38, 5) NOT NULL,
    cost_amount_actual         numeric(38, 2) NOT NULL,
    cost_amount_expected       numeric(38, 2) NOT NULL,
    cost_per_unit              numeric(38, 5) NOT NULL,
    expected_cost              boolean NOT NULL,
    inventoriable              boolean NOT NULL,
    posting_date               date    NOT NULL,
    valuation_date             date    NOT NULL,
    document_no                text   ,
    source_code                text   ,
    adjustment                 boolean NOT NULL,
    event_time                 timestamptz NOT NULL,
    content_hash               bytea   NOT NULL,
    committed_at               timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX value_entry_order ON value_entry (order_no, order_line_no);
-- No index on the item and capacity entry references: views join from the value entry to the entry's primary key,
-- and the referenced entries are never deleted (append-only), the one case such an index would serve.
CREATE INDEX value_entry_posting_date ON value_entry USING brin (posting_date);

CREATE TABLE warehouse_entry (
    entry_no              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key       text    COLLATE "C" NOT NULL UNIQUE,
    source_key            text    COLLATE "C" NOT NULL,
    source_entry_no       bigint  NOT NULL,
    location_code         text   ,
    bin_code              text   ,
    item_no               text   ,
    variant_code          text   ,
    quantity              numeric(38, 5) NOT NULL,
    qty_base              numeric(38, 5) NOT NULL,
    unit_of_measure_code  text   ,
    entry_type            text   ,
    source_no             text   ,
    source_line_no        integer NOT NULL,
    source_subline_no     integer NOT NULL,
    reference_no          text   ,
    registering_date      date    NOT NULL,
    event_time            timestamptz NOT NULL,
    content_hash          bytea   NOT NULL,
    committed_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (source_key, source_entry_no)
);
CREATE INDEX warehouse_entry_registering_date ON warehouse_entry USING brin (registering_date);

-- Requests to the warehouse (inbound put-away at release, put-away after output): no entry numbers of their own.
CREATE TABLE warehouse_request (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key   text    COLLATE "C" NOT NULL UNIQUE,
    source_key        text    COLLATE "C" NOT NULL,
    request_type      text   ,
    location_code     text   ,
    bin_code          text   ,
    item_no           text   ,
    variant_code      text   ,
    order_no          text COLLATE "C",
    order_line_no     integer NOT NULL,
    quantity_base     numeric(38, 5) NOT NULL,
    date              date    NOT NULL,
    event_time        timestamptz NOT NULL,
    content_hash      bytea   NOT NULL,
    committed_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE production_order_status_history (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key   text    COLLATE "C" NOT NULL UNIQUE,
    source_key        text    COLLATE "C" NOT NULL,
    order_no          text COLLATE "C",
    from_status       text   ,
    to_status         text   ,
    posting_date      date    NOT NULL,
    event_time        timestamptz NOT NULL,
    content_hash      bytea   NOT NULL,
    committed_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX production_order_status_history_order ON production_order_status_history (order_no);

-- What an order was planned to cost and consume (standard and expected columns of the statistics; component
-- expectations), as the job saw it at release and after the cost adjustment. The latest plan of an order counts.
-- A snapshot in one row; the views unfold its JSON arrays:
--   cost_rows  [{"cost_bucket", "standard_cost", "expected_cost"}]
--   lines      [{"order_line_no", "item_no", "routing_reference_no", "quantity_base", "indirect_cost_pct",
--                "overhead_rate"}]
--   components [{"order_line_no", "line_no", "item_no", "expected_qty_base", "cost_amount"}]
CREATE TABLE production_order_cost_plan (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key         text    COLLATE "C" NOT NULL UNIQUE,
    source_key              text    COLLATE "C" NOT NULL,
    order_no                text COLLATE "C",
    status                  text    NOT NULL,
    posting_date            date    NOT NULL,
    expected_capacity_need  numeric(38, 5) NOT NULL,
    cost_rows               jsonb   NOT NULL,
    lines                   jsonb   NOT NULL,
    components              jsonb   NOT NULL,
    event_time              timestamptz NOT NULL,
    content_hash            bytea   NOT NULL,
    committed_at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX production_order_cost_plan_order ON production_order_cost_plan (order_no, event_time);

-- Input the pipeline could not process, with the reason; kept for diagnosis and replay.
CREATE TABLE dead_letter (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key             text    COLLATE "C" NOT NULL UNIQUE,
    source_topic                text    NOT NULL,
    source_partition            integer,
    source_offset               bigint,
    key                         bytea,
    payload                     bytea   NOT NULL,
    payload_schema_fingerprint  bigint,
    reason_code                 text    NOT NULL,
    reason_detail               text    NOT NULL,
    failed_at                   timestamptz NOT NULL,
    stage                       text    NOT NULL,
    attempt                     integer NOT NULL,
    content_hash                bytea   NOT NULL,
    committed_at                timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX dead_letter_reason ON dead_letter (reason_code);

-- The writer maps the job's entry numbers to the store's in its INSERT ... SELECT; a number that does not resolve
-- fails the batch through this function (called only then).
CREATE FUNCTION ledger_reference_missing(ledger_table text, idempotency_key text, referenced_table text,
                                         source_entry_no bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% % names % % of its order, which the store does not have', ledger_table, idempotency_key,
        referenced_table, source_entry_no USING ERRCODE = 'foreign_key_violation';
END
$$;

-- A replay that brought an idempotency key already stored with different content: recorded, never applied.
CREATE TABLE posting_conflict (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ledger_table       text    NOT NULL,
    idempotency_key    text    NOT NULL,
    stored_hash        bytea   NOT NULL,
    replayed_hash      bytea   NOT NULL,
    replayed_content   text    NOT NULL,
    detected_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (ledger_table, idempotency_key, replayed_hash)
);

-- Live KPIs per machine and posting window (the job's KPI output), for OEE per machine and shift.
CREATE TABLE machine_kpi (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key          text    COLLATE "C" NOT NULL UNIQUE,
    machine_id               text    NOT NULL,
    window_start             timestamptz NOT NULL,
    window_end               timestamptz NOT NULL,
    order_no                 text COLLATE "C",
    order_line_no            integer,
    operation_no             text,
    good_parts               bigint  NOT NULL,
    scrap_parts              bigint  NOT NULL,
    setup_millis             bigint  NOT NULL,
    run_millis               bigint  NOT NULL,
    stop_millis              bigint  NOT NULL,
    idle_millis              bigint  NOT NULL,
    no_signal_millis         bigint  NOT NULL,
    ideal_cycle_time_millis  bigint,
    content_hash             bytea   NOT NULL,
    committed_at             timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX machine_kpi_machine_window ON machine_kpi (machine_id, window_start);

-- The plant's shifts (the job cuts posting windows at these boundaries): BC's work shifts on one shop calendar.
CREATE TABLE work_shift (
    code           text PRIMARY KEY,
    starting_time  time NOT NULL UNIQUE,
    time_zone      text NOT NULL
);
INSERT INTO work_shift (code, starting_time, time_zone) VALUES
    ('EARLY', '06:00', 'UTC'), ('LATE', '14:00', 'UTC'), ('NIGHT', '22:00', 'UTC');

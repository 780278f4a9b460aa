-- Reference ERP schema: the Business Central manufacturing tables Shopfloor Ledger reads, one table per Avro
-- master-data record (schemas/src/main/avro/masterdata), one column per record field in the record's order,
-- snake_case (qtyPerUnitOfMeasure -> qty_per_unit_of_measure). The record doc names the primary key.
--
-- Types: BC codes and texts are text (blank = ''), decimals numeric(38,5) (quantities, times, unit costs) or
-- numeric(38,2) (amounts) like the contract's scales, options are text holding the Avro enum symbol
-- ('FIRM_PLANNED'), dates date, date-times timestamptz. Defaults are BC's initial values.
--
-- Change data capture (connectors/erp-cdc) needs wal_level = logical and REPLICA IDENTITY FULL on every table, so
-- that a delete carries the whole last row. A status change (Change Status) updates the order header's status
-- and the foreign keys cascade it to the lines, routing lines and components in the same transaction; as the
-- status is part of every key, CDC sees each row move from the old key to the new one.
-- Master-data references (item no., work center no., ...) have no foreign keys, as in BC (table relations).

CREATE SCHEMA IF NOT EXISTS erp;

-- Location (table 14). Key: code.
CREATE TABLE erp.location (
    code text NOT NULL,
    name text NOT NULL DEFAULT '',
    bin_mandatory boolean NOT NULL DEFAULT false,
    directed_put_away_and_pick boolean NOT NULL DEFAULT false,
    prod_consump_whse_handling text NOT NULL DEFAULT 'NO_WAREHOUSE_HANDLING',
    prod_output_whse_handling text NOT NULL DEFAULT 'NO_WAREHOUSE_HANDLING',
    open_shop_floor_bin_code text NOT NULL DEFAULT '',
    to_production_bin_code text NOT NULL DEFAULT '',
    from_production_bin_code text NOT NULL DEFAULT '',
    PRIMARY KEY (code)
);

-- Item (table 27). Key: no.
CREATE TABLE erp.item (
    no text NOT NULL,
    description text NOT NULL DEFAULT '',
    base_unit_of_measure text NOT NULL DEFAULT '',
    costing_method text NOT NULL DEFAULT 'FIFO',
    unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    standard_cost numeric(38,5) NOT NULL DEFAULT 0,
    rounding_precision numeric(38,5) NOT NULL DEFAULT 1,
    indirect_cost_pct numeric(38,5) NOT NULL DEFAULT 0,
    overhead_rate numeric(38,5) NOT NULL DEFAULT 0,
    single_level_material_cost numeric(38,5) NOT NULL DEFAULT 0,
    single_level_capacity_cost numeric(38,5) NOT NULL DEFAULT 0,
    single_level_subcontracted_cost numeric(38,5) NOT NULL DEFAULT 0,
    single_level_capacity_overhead_cost numeric(38,5) NOT NULL DEFAULT 0,
    single_level_mfg_overhead_cost numeric(38,5) NOT NULL DEFAULT 0,
    flushing_method text NOT NULL DEFAULT 'MANUAL',
    variant_mandatory boolean NOT NULL DEFAULT false,
    default_bin_code text NOT NULL DEFAULT '',
    inventory_posting_group text NOT NULL DEFAULT '',
    gen_prod_posting_group text NOT NULL DEFAULT '',
    blocked boolean NOT NULL DEFAULT false,
    PRIMARY KEY (no)
);

-- Work Center (table 99000754). Key: no.
CREATE TABLE erp.work_center (
    no text NOT NULL,
    name text NOT NULL DEFAULT '',
    work_center_group_code text NOT NULL DEFAULT '',
    unit_of_measure_code text NOT NULL DEFAULT 'MINUTES',
    direct_unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    indirect_cost_pct numeric(38,5) NOT NULL DEFAULT 0,
    overhead_rate numeric(38,5) NOT NULL DEFAULT 0,
    unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    unit_cost_calculation text NOT NULL DEFAULT 'TIME',
    specific_unit_cost boolean NOT NULL DEFAULT false,
    subcontractor_no text NOT NULL DEFAULT '',
    flushing_method text NOT NULL DEFAULT 'MANUAL',
    calendar_rounding_precision numeric(38,5) NOT NULL DEFAULT 0,
    location_code text NOT NULL DEFAULT '',
    open_shop_floor_bin_code text NOT NULL DEFAULT '',
    to_production_bin_code text NOT NULL DEFAULT '',
    from_production_bin_code text NOT NULL DEFAULT '',
    blocked boolean NOT NULL DEFAULT false,
    gen_prod_posting_group text NOT NULL DEFAULT '',
    shop_calendar_code text NOT NULL DEFAULT '',
    PRIMARY KEY (no)
);

-- Machine Center (table 99000758). Key: no.
CREATE TABLE erp.machine_center (
    no text NOT NULL,
    name text NOT NULL DEFAULT '',
    work_center_no text NOT NULL DEFAULT '',
    direct_unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    indirect_cost_pct numeric(38,5) NOT NULL DEFAULT 0,
    overhead_rate numeric(38,5) NOT NULL DEFAULT 0,
    unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    flushing_method text NOT NULL DEFAULT 'MANUAL',
    location_code text NOT NULL DEFAULT '',
    open_shop_floor_bin_code text NOT NULL DEFAULT '',
    to_production_bin_code text NOT NULL DEFAULT '',
    from_production_bin_code text NOT NULL DEFAULT '',
    blocked boolean NOT NULL DEFAULT false,
    gen_prod_posting_group text NOT NULL DEFAULT '',
    PRIMARY KEY (no)
);

-- Manufacturing Setup (table 99000765), a singleton: its key is always ''.
CREATE TABLE erp.manufacturing_setup (
    primary_key text NOT NULL DEFAULT '' CHECK (primary_key = ''),
    cost_incl_setup boolean NOT NULL DEFAULT false,
    doc_no_is_prod_order_no boolean NOT NULL DEFAULT true,
    finish_order_without_output boolean NOT NULL DEFAULT false,
    preset_output_quantity text NOT NULL DEFAULT 'EXPECTED_QUANTITY',
    PRIMARY KEY (primary_key)
);

-- The posting setup the G/L entries are derived from (docs/general-ledger.md#setup).
-- Inventory Posting Group (table 94). Key: code.
CREATE TABLE erp.inventory_posting_group (
    code text NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (code)
);

-- Inventory Posting Setup (table 5813). Key: location_code, invt_posting_group_code.
CREATE TABLE erp.inventory_posting_setup (
    location_code text NOT NULL,
    invt_posting_group_code text NOT NULL,
    inventory_account text NOT NULL DEFAULT '',
    inventory_account_interim text NOT NULL DEFAULT '',
    wip_account text NOT NULL DEFAULT '',
    material_variance_account text NOT NULL DEFAULT '',
    capacity_variance_account text NOT NULL DEFAULT '',
    subcontracted_variance_account text NOT NULL DEFAULT '',
    cap_overhead_variance_account text NOT NULL DEFAULT '',
    mfg_overhead_variance_account text NOT NULL DEFAULT '',
    PRIMARY KEY (location_code, invt_posting_group_code)
);

-- Gen. Business Posting Group (table 250). Key: code.
CREATE TABLE erp.gen_business_posting_group (
    code text NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (code)
);

-- Gen. Product Posting Group (table 251). Key: code.
CREATE TABLE erp.gen_product_posting_group (
    code text NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (code)
);

-- General Posting Setup (table 252), its manufacturing accounts. Key: gen_bus_posting_group, gen_prod_posting_group.
CREATE TABLE erp.general_posting_setup (
    gen_bus_posting_group text NOT NULL,
    gen_prod_posting_group text NOT NULL,
    inventory_adjmt_account text NOT NULL DEFAULT '',
    direct_cost_applied_account text NOT NULL DEFAULT '',
    overhead_applied_account text NOT NULL DEFAULT '',
    PRIMARY KEY (gen_bus_posting_group, gen_prod_posting_group)
);

-- General Ledger Setup (table 98), a singleton: global dimensions; with Inventory Setup's Expected Cost Posting to
-- G/L (table 313), the one inventory setting the G/L derivation reads.
CREATE TABLE erp.general_ledger_setup (
    primary_key text NOT NULL DEFAULT '' CHECK (primary_key = ''),
    global_dimension1_code text NOT NULL DEFAULT '',
    global_dimension2_code text NOT NULL DEFAULT '',
    expected_cost_posting_to_gl boolean NOT NULL DEFAULT false,
    PRIMARY KEY (primary_key)
);

-- Default Dimension (table 352) of items (27), work centers (99000754) and machine centers (99000758).
-- Key: table_id, no, dimension_code.
CREATE TABLE erp.default_dimension (
    table_id integer NOT NULL CHECK (table_id IN (27, 99000754, 99000758)),
    no text NOT NULL,
    dimension_code text NOT NULL,
    dimension_value_code text NOT NULL DEFAULT '',
    value_posting text NOT NULL DEFAULT 'BLANK',
    PRIMARY KEY (table_id, no, dimension_code)
);

-- Production Order header (table 5405). Key: status, no.
CREATE TABLE erp.production_order (
    status text NOT NULL,
    no text NOT NULL,
    description text NOT NULL DEFAULT '',
    source_type text NOT NULL DEFAULT 'ITEM',
    source_no text NOT NULL DEFAULT '',
    quantity numeric(38,5) NOT NULL DEFAULT 0,
    due_date date NOT NULL,
    location_code text NOT NULL DEFAULT '',
    bin_code text NOT NULL DEFAULT '',
    gen_bus_posting_group text NOT NULL DEFAULT '',
    inventory_posting_group text NOT NULL DEFAULT '',
    blocked boolean NOT NULL DEFAULT false,
    reopened boolean NOT NULL DEFAULT false,
    dimension_set_id integer NOT NULL DEFAULT 0,
    PRIMARY KEY (status, no)
);

-- Prod. Order Line (table 5406). Key: status, prodOrderNo, lineNo.
CREATE TABLE erp.prod_order_line (
    status text NOT NULL,
    prod_order_no text NOT NULL,
    line_no integer NOT NULL,
    item_no text NOT NULL DEFAULT '',
    variant_code text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    location_code text NOT NULL DEFAULT '',
    bin_code text NOT NULL DEFAULT '',
    quantity numeric(38,5) NOT NULL DEFAULT 0,
    quantity_base numeric(38,5) NOT NULL DEFAULT 0,
    unit_of_measure_code text NOT NULL DEFAULT '',
    qty_per_unit_of_measure numeric(38,5) NOT NULL DEFAULT 1,
    finished_quantity numeric(38,5) NOT NULL DEFAULT 0,
    finished_qty_base numeric(38,5) NOT NULL DEFAULT 0,
    remaining_quantity numeric(38,5) NOT NULL DEFAULT 0,
    remaining_qty_base numeric(38,5) NOT NULL DEFAULT 0,
    scrap_pct numeric(38,5) NOT NULL DEFAULT 0,
    routing_no text NOT NULL DEFAULT '',
    routing_reference_no integer NOT NULL DEFAULT 0,
    unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    cost_amount numeric(38,2) NOT NULL DEFAULT 0,
    indirect_cost_pct numeric(38,5) NOT NULL DEFAULT 0,
    overhead_rate numeric(38,5) NOT NULL DEFAULT 0,
    expected_operation_cost_amt numeric(38,2) NOT NULL DEFAULT 0,
    expected_component_cost_amt numeric(38,2) NOT NULL DEFAULT 0,
    inventory_posting_group text NOT NULL DEFAULT '',
    dimension_set_id integer NOT NULL DEFAULT 0,
    planning_level_code integer NOT NULL DEFAULT 0,
    PRIMARY KEY (status, prod_order_no, line_no),
    FOREIGN KEY (status, prod_order_no) REFERENCES erp.production_order (status, no)
        ON UPDATE CASCADE ON DELETE CASCADE
);

-- Prod. Order Routing Line (table 5409). Key: status, prodOrderNo, routingReferenceNo, routingNo, operationNo.
-- Routing Reference No. is the line no. of the order line the routing belongs to.
CREATE TABLE erp.prod_order_routing_line (
    status text NOT NULL,
    prod_order_no text NOT NULL,
    routing_reference_no integer NOT NULL,
    routing_no text NOT NULL,
    operation_no text NOT NULL,
    next_operation_no text NOT NULL DEFAULT '',
    previous_operation_no text NOT NULL DEFAULT '',
    type text NOT NULL DEFAULT 'WORK_CENTER',
    no text NOT NULL DEFAULT '',
    work_center_no text NOT NULL DEFAULT '',
    work_center_group_code text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    setup_time numeric(38,5) NOT NULL DEFAULT 0,
    setup_time_unit_of_meas_code text NOT NULL DEFAULT '',
    run_time numeric(38,5) NOT NULL DEFAULT 0,
    run_time_unit_of_meas_code text NOT NULL DEFAULT '',
    wait_time numeric(38,5) NOT NULL DEFAULT 0,
    wait_time_unit_of_meas_code text NOT NULL DEFAULT '',
    move_time numeric(38,5) NOT NULL DEFAULT 0,
    move_time_unit_of_meas_code text NOT NULL DEFAULT '',
    lot_size numeric(38,5) NOT NULL DEFAULT 1,
    minimum_process_time numeric(38,5) NOT NULL DEFAULT 0,
    maximum_process_time numeric(38,5) NOT NULL DEFAULT 0,
    send_ahead_quantity numeric(38,5) NOT NULL DEFAULT 0,
    concurrent_capacities numeric(38,5) NOT NULL DEFAULT 1,
    routing_link_code text NOT NULL DEFAULT '',
    scrap_factor_pct numeric(38,5) NOT NULL DEFAULT 0,
    fixed_scrap_quantity numeric(38,5) NOT NULL DEFAULT 0,
    scrap_factor_pct_accumulated numeric(38,5) NOT NULL DEFAULT 0,
    fixed_scrap_qty_accum numeric(38,5) NOT NULL DEFAULT 0,
    unit_cost_per numeric(38,5) NOT NULL DEFAULT 0,
    direct_unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    indirect_cost_pct numeric(38,5) NOT NULL DEFAULT 0,
    overhead_rate numeric(38,5) NOT NULL DEFAULT 0,
    unit_cost_calculation text NOT NULL DEFAULT 'TIME',
    expected_operation_cost_amt numeric(38,2) NOT NULL DEFAULT 0,
    expected_capacity_ovhd_cost numeric(38,2) NOT NULL DEFAULT 0,
    expected_capacity_need numeric(38,5) NOT NULL DEFAULT 0,
    flushing_method text NOT NULL DEFAULT 'MANUAL',
    routing_status text NOT NULL DEFAULT 'NONE',
    standard_task_code text NOT NULL DEFAULT '',
    starting_date_time timestamptz,
    ending_date_time timestamptz,
    location_code text NOT NULL DEFAULT '',
    open_shop_floor_bin_code text NOT NULL DEFAULT '',
    to_production_bin_code text NOT NULL DEFAULT '',
    from_production_bin_code text NOT NULL DEFAULT '',
    PRIMARY KEY (status, prod_order_no, routing_reference_no, routing_no, operation_no),
    FOREIGN KEY (status, prod_order_no, routing_reference_no)
        REFERENCES erp.prod_order_line (status, prod_order_no, line_no) ON UPDATE CASCADE ON DELETE CASCADE
);

-- Prod. Order Component (table 5407). Key: status, prodOrderNo, prodOrderLineNo, lineNo.
CREATE TABLE erp.prod_order_component (
    status text NOT NULL,
    prod_order_no text NOT NULL,
    prod_order_line_no integer NOT NULL,
    line_no integer NOT NULL,
    item_no text NOT NULL DEFAULT '',
    variant_code text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    unit_of_measure_code text NOT NULL DEFAULT '',
    qty_per_unit_of_measure numeric(38,5) NOT NULL DEFAULT 1,
    qty_rounding_precision_base numeric(38,5) NOT NULL DEFAULT 0,
    quantity_per numeric(38,5) NOT NULL DEFAULT 0,
    calculation_formula text NOT NULL DEFAULT 'BLANK',
    length numeric(38,5) NOT NULL DEFAULT 0,
    width numeric(38,5) NOT NULL DEFAULT 0,
    depth numeric(38,5) NOT NULL DEFAULT 0,
    weight numeric(38,5) NOT NULL DEFAULT 0,
    quantity numeric(38,5) NOT NULL DEFAULT 0,
    scrap_pct numeric(38,5) NOT NULL DEFAULT 0,
    expected_quantity numeric(38,5) NOT NULL DEFAULT 0,
    expected_qty_base numeric(38,5) NOT NULL DEFAULT 0,
    remaining_quantity numeric(38,5) NOT NULL DEFAULT 0,
    remaining_qty_base numeric(38,5) NOT NULL DEFAULT 0,
    flushing_method text NOT NULL DEFAULT 'MANUAL',
    routing_link_code text NOT NULL DEFAULT '',
    location_code text NOT NULL DEFAULT '',
    bin_code text NOT NULL DEFAULT '',
    unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    direct_unit_cost numeric(38,5) NOT NULL DEFAULT 0,
    indirect_cost_pct numeric(38,5) NOT NULL DEFAULT 0,
    overhead_rate numeric(38,5) NOT NULL DEFAULT 0,
    cost_amount numeric(38,2) NOT NULL DEFAULT 0,
    overhead_amount numeric(38,2) NOT NULL DEFAULT 0,
    direct_cost_amount numeric(38,2) NOT NULL DEFAULT 0,
    due_date date NOT NULL,
    lead_time_offset text NOT NULL DEFAULT '',
    supplied_by_line_no integer NOT NULL DEFAULT 0,
    qty_picked numeric(38,5) NOT NULL DEFAULT 0,
    completely_picked boolean NOT NULL DEFAULT false,
    PRIMARY KEY (status, prod_order_no, prod_order_line_no, line_no),
    FOREIGN KEY (status, prod_order_no, prod_order_line_no)
        REFERENCES erp.prod_order_line (status, prod_order_no, line_no) ON UPDATE CASCADE ON DELETE CASCADE
);

-- Shop calendars (the OEE time model's planned production time, ISO 22400-2). Times are the plant's local time;
-- an ending time of 00:00 is midnight at the end of the day.
-- Work Shift (table 99000750). Key: code.
CREATE TABLE erp.work_shift (
    code text NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (code)
);

-- Shop Calendar (table 99000751). Key: code.
CREATE TABLE erp.shop_calendar (
    code text NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (code)
);

-- Shop Calendar Working Days (table 99000752): the worked time ranges of each weekday; the gaps between the ranges
-- of one shift are its breaks. Key: shop_calendar_code, day, starting_time, ending_time, work_shift_code.
CREATE TABLE erp.shop_calendar_working_day (
    shop_calendar_code text NOT NULL REFERENCES erp.shop_calendar (code),
    day text NOT NULL,
    starting_time time NOT NULL,
    ending_time time NOT NULL,
    work_shift_code text NOT NULL REFERENCES erp.work_shift (code),
    PRIMARY KEY (shop_calendar_code, day, starting_time, ending_time, work_shift_code)
);

-- Shop Calendar Holiday (table 99000753). Key: shop_calendar_code, date.
CREATE TABLE erp.shop_calendar_holiday (
    shop_calendar_code text NOT NULL REFERENCES erp.shop_calendar (code),
    date date NOT NULL,
    starting_time time NOT NULL DEFAULT '00:00',
    ending_time time NOT NULL DEFAULT '00:00',
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (shop_calendar_code, date)
);

-- Calendar Absence Entry (table 99000760): a work or machine center planned not to work.
-- Key: capacity_type, no, date, starting_time, ending_time.
CREATE TABLE erp.calendar_absence_entry (
    capacity_type text NOT NULL,
    no text NOT NULL,
    date date NOT NULL,
    starting_time time NOT NULL,
    ending_time time NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (capacity_type, no, date, starting_time, ending_time)
);

-- Stop (BC's stop codes) with planned: time stopped under the code is planned downtime, not a loss. Key: code.
CREATE TABLE erp.stop_code (
    code text NOT NULL,
    description text NOT NULL DEFAULT '',
    planned boolean NOT NULL DEFAULT false,
    PRIMARY KEY (code)
);

ALTER TABLE erp.location REPLICA IDENTITY FULL;
ALTER TABLE erp.item REPLICA IDENTITY FULL;
ALTER TABLE erp.work_center REPLICA IDENTITY FULL;
ALTER TABLE erp.machine_center REPLICA IDENTITY FULL;
ALTER TABLE erp.manufacturing_setup REPLICA IDENTITY FULL;
ALTER TABLE erp.inventory_posting_group REPLICA IDENTITY FULL;
ALTER TABLE erp.inventory_posting_setup REPLICA IDENTITY FULL;
ALTER TABLE erp.gen_business_posting_group REPLICA IDENTITY FULL;
ALTER TABLE erp.gen_product_posting_group REPLICA IDENTITY FULL;
ALTER TABLE erp.general_posting_setup REPLICA IDENTITY FULL;
ALTER TABLE erp.general_ledger_setup REPLICA IDENTITY FULL;
ALTER TABLE erp.default_dimension REPLICA IDENTITY FULL;
ALTER TABLE erp.production_order REPLICA IDENTITY FULL;
ALTER TABLE erp.prod_order_line REPLICA IDENTITY FULL;
ALTER TABLE erp.prod_order_routing_line REPLICA IDENTITY FULL;
ALTER TABLE erp.prod_order_component REPLICA IDENTITY FULL;
ALTER TABLE erp.work_shift REPLICA IDENTITY FULL;
ALTER TABLE erp.shop_calendar REPLICA IDENTITY FULL;
ALTER TABLE erp.shop_calendar_working_day REPLICA IDENTITY FULL;
ALTER TABLE erp.shop_calendar_holiday REPLICA IDENTITY FULL;
ALTER TABLE erp.calendar_absence_entry REPLICA IDENTITY FULL;
ALTER TABLE erp.stop_code REPLICA IDENTITY FULL;

-- Sample data of the reference ERP: the spec's set A (posting-semantics.md §13, "FG-100") exactly as the
-- posting job's fixtures (AvroFixtures) describe it, and a second product a simulated plant can run.
--
--   RPO-1001  FG-100 x 100  FIRM_PLANNED  set A; release it (ReferenceErp.changeStatus) to run example 1
--   RPO-1002  FG-200 x 50   RELEASED      milled on MC-MILL-1 (op 10), packed at WC-PACK (op 20, Units costed);
--                                         PAINT is forward-flushed without a routing link: consumed at release
--   RPO-1003  FG-100 x 20   RELEASED      set A's routing and BOM, ready to run
--
-- Set A's component rows are not refreshed (expected quantities 0, as in the fixtures: the posting job refreshes
-- from Quantity per); the other orders carry the refresh results an ERP would store.

-- Set A master data
INSERT INTO erp.manufacturing_setup (primary_key, cost_incl_setup, doc_no_is_prod_order_no, finish_order_without_output,
                                     preset_output_quantity)
VALUES ('', true, true, false, 'EXPECTED_QUANTITY');

INSERT INTO erp.location (code, name) VALUES ('MAIN', 'MAIN');

-- Set A's posting setup (docs/general-ledger.md#example-1): FINISHED 2120/2121 and RAW MAT 2130/2131 at MAIN, one WIP
-- account 2140, the variance accounts 7890-7894; production without a business group posts Direct Cost Applied 7791,
-- Overhead Applied 7792, Inventory Adjmt. 7270. Global dimensions DEPARTMENT and PROJECT; WC-CUT's department.
INSERT INTO erp.inventory_posting_group (code, description) VALUES
    ('FINISHED', 'Finished items'), ('RAW MAT', 'Raw materials');
INSERT INTO erp.inventory_posting_setup (location_code, invt_posting_group_code, inventory_account,
                                         inventory_account_interim, wip_account, material_variance_account,
                                         capacity_variance_account, subcontracted_variance_account,
                                         cap_overhead_variance_account, mfg_overhead_variance_account) VALUES
    ('MAIN', 'FINISHED', '2120', '2121', '2140', '7890', '7891', '7892', '7893', '7894'),
    ('MAIN', 'RAW MAT', '2130', '2131', '2140', '7890', '7891', '7892', '7893', '7894');
INSERT INTO erp.gen_business_posting_group (code, description) VALUES ('DOMESTIC', 'Domestic customers and vendors');
INSERT INTO erp.gen_product_posting_group (code, description) VALUES
    ('MANUFACT', 'Capacities'), ('RAW MAT', 'Raw materials'), ('RETAIL', 'Retail');
INSERT INTO erp.general_posting_setup (gen_bus_posting_group, gen_prod_posting_group, inventory_adjmt_account,
                                       direct_cost_applied_account, overhead_applied_account) VALUES
    ('', 'MANUFACT', '7270', '7791', '7792'), ('', 'RAW MAT', '7270', '7791', '7792'),
    ('', 'RETAIL', '7270', '7791', '7792');
INSERT INTO erp.general_ledger_setup (primary_key, global_dimension1_code, global_dimension2_code,
                                      expected_cost_posting_to_gl) VALUES ('', 'DEPARTMENT', 'PROJECT', true);
INSERT INTO erp.default_dimension (table_id, no, dimension_code, dimension_value_code, value_posting) VALUES
    (99000754, 'WC-CUT', 'DEPARTMENT', 'PROD', 'SAME_CODE');

INSERT INTO erp.item (no, description, base_unit_of_measure, costing_method, unit_cost, standard_cost,
                      rounding_precision, single_level_material_cost, single_level_capacity_cost,
                      single_level_capacity_overhead_cost)
VALUES ('FG-100', 'FG-100', 'PCS', 'STANDARD', 7.81, 7.81, 1, 4.55, 2.80, 0.46),
       ('STEEL', 'STEEL', 'KG', 'STANDARD', 1.50, 1.50, 0.01, 0, 0, 0),
       ('BOLT', 'BOLT', 'PCS', 'STANDARD', 0.10, 0.10, 1, 0, 0, 0),
       ('PAINT', 'PAINT', 'L', 'STANDARD', 20.00, 20.00, 0.001, 0, 0, 0);

INSERT INTO erp.work_center (no, name, unit_of_measure_code, direct_unit_cost, indirect_cost_pct, overhead_rate,
                             unit_cost, unit_cost_calculation)
VALUES ('WC-CUT', 'WC-CUT', 'MINUTES', 1.00, 10, 0.10, 1.20, 'TIME'),
       ('WC-ASSY', 'WC-ASSY', 'MINUTES', 0.50, 0, 0, 0.50, 'TIME');

INSERT INTO erp.machine_center (no, name, work_center_no, direct_unit_cost, unit_cost)
VALUES ('MC-ASSY', 'MC-ASSY', 'WC-ASSY', 0.50, 0.50);

-- Set A's order RPO-1001, firm planned
INSERT INTO erp.production_order (status, no, description, source_type, source_no, quantity, due_date, location_code)
VALUES ('FIRM_PLANNED', 'RPO-1001', 'FG-100 x 100', 'ITEM', 'FG-100', 100, '2026-03-02', 'MAIN');

INSERT INTO erp.prod_order_line (status, prod_order_no, line_no, item_no, description, location_code, quantity,
                                 quantity_base, unit_of_measure_code, remaining_quantity, remaining_qty_base,
                                 routing_no, routing_reference_no, unit_cost, cost_amount,
                                 expected_operation_cost_amt, expected_component_cost_amt)
VALUES ('FIRM_PLANNED', 'RPO-1001', 10000, 'FG-100', 'FG-100', 'MAIN', 100, 100, 'PCS', 100, 100,
        'R-100', 10000, 7.81, 781.00, 326.00, 455.00);

INSERT INTO erp.prod_order_routing_line (status, prod_order_no, routing_reference_no, routing_no, operation_no,
                                         next_operation_no, previous_operation_no, type, no, work_center_no,
                                         description, setup_time, setup_time_unit_of_meas_code, run_time,
                                         run_time_unit_of_meas_code, routing_link_code, unit_cost_per,
                                         direct_unit_cost, location_code)
VALUES ('FIRM_PLANNED', 'RPO-1001', 10000, 'R-100', '10', '20', '', 'WORK_CENTER', 'WC-CUT', 'WC-CUT',
        'WC-CUT', 30, 'MINUTES', 2, 'MINUTES', 'CUT', 1.20, 1.20, 'MAIN'),
       ('FIRM_PLANNED', 'RPO-1001', 10000, 'R-100', '20', '', '10', 'MACHINE_CENTER', 'MC-ASSY', 'WC-ASSY',
        'MC-ASSY', 0, 'MINUTES', 1, 'MINUTES', 'ASSY', 0.50, 0.50, 'MAIN');

INSERT INTO erp.prod_order_component (status, prod_order_no, prod_order_line_no, line_no, item_no, description,
                                      unit_of_measure_code, quantity_per, quantity, scrap_pct, flushing_method,
                                      routing_link_code, location_code, due_date)
VALUES ('FIRM_PLANNED', 'RPO-1001', 10000, 10000, 'STEEL', 'STEEL', 'KG', 2, 2, 5, 'BACKWARD', 'CUT', 'MAIN',
        '2026-03-01'),
       ('FIRM_PLANNED', 'RPO-1001', 10000, 20000, 'BOLT', 'BOLT', 'PCS', 4, 4, 0, 'FORWARD', 'ASSY', 'MAIN',
        '2026-03-01'),
       ('FIRM_PLANNED', 'RPO-1001', 10000, 30000, 'PAINT', 'PAINT', 'L', 0.05, 0.05, 0, 'BACKWARD', '', 'MAIN',
        '2026-03-01');

-- FG-200, a painted aluminium bracket: milled, then packed (Units-costed work center, spec example 11).
-- Standard cost 3.62 = material 1.62 (ALU 0.255 KG 1.02, BOLT 2 x 0.10, PAINT 0.02 L 0.40) + capacity 1.84
-- (milling 1.8 min x 0.80, packing 0.40) + capacity overhead 0.16 (1.8 min x 0.09).
INSERT INTO erp.item (no, description, base_unit_of_measure, costing_method, unit_cost, standard_cost,
                      rounding_precision, single_level_material_cost, single_level_capacity_cost,
                      single_level_capacity_overhead_cost)
VALUES ('FG-200', 'Bracket, painted', 'PCS', 'STANDARD', 3.62, 3.62, 1, 1.62, 1.84, 0.16),
       ('ALU', 'Aluminium sheet', 'KG', 'STANDARD', 4.00, 4.00, 0.01, 0, 0, 0);

INSERT INTO erp.work_center (no, name, unit_of_measure_code, direct_unit_cost, indirect_cost_pct, overhead_rate,
                             unit_cost, unit_cost_calculation)
VALUES ('WC-MILL', 'Milling', 'MINUTES', 0.80, 5, 0.05, 0.89, 'TIME'),
       ('WC-PACK', 'Packing', 'MINUTES', 0.40, 0, 0, 0.40, 'UNITS');

INSERT INTO erp.machine_center (no, name, work_center_no, direct_unit_cost, indirect_cost_pct, overhead_rate,
                                unit_cost)
VALUES ('MC-MILL-1', 'Milling machine 1', 'WC-MILL', 0.80, 5, 0.05, 0.89);

-- RPO-1002: 50 x FG-200, released. Expected: ALU 0.25 x 50 x 1.02 = 12.75 KG (51.00), BOLT 100 (10.00),
-- PAINT 1.000 L (20.00); op 10 (15 + 75 min) x 0.89 = 80.10, op 20 50 units x 0.40 = 20.00.
INSERT INTO erp.production_order (status, no, description, source_type, source_no, quantity, due_date, location_code)
VALUES ('RELEASED', 'RPO-1002', 'FG-200 x 50', 'ITEM', 'FG-200', 50, '2026-03-03', 'MAIN');

INSERT INTO erp.prod_order_line (status, prod_order_no, line_no, item_no, description, location_code, quantity,
                                 quantity_base, unit_of_measure_code, remaining_quantity, remaining_qty_base,
                                 routing_no, routing_reference_no, unit_cost, cost_amount,
                                 expected_operation_cost_amt, expected_component_cost_amt)
VALUES ('RELEASED', 'RPO-1002', 10000, 'FG-200', 'Bracket, painted', 'MAIN', 50, 50, 'PCS', 50, 50,
        'R-200', 10000, 3.62, 181.00, 100.10, 81.00);

INSERT INTO erp.prod_order_routing_line (status, prod_order_no, routing_reference_no, routing_no, operation_no,
                                         next_operation_no, previous_operation_no, type, no, work_center_no,
                                         description, setup_time, setup_time_unit_of_meas_code, run_time,
                                         run_time_unit_of_meas_code, routing_link_code, unit_cost_per,
                                         direct_unit_cost, indirect_cost_pct, overhead_rate, unit_cost_calculation,
                                         expected_operation_cost_amt, expected_capacity_ovhd_cost,
                                         expected_capacity_need, routing_status, starting_date_time,
                                         ending_date_time, location_code)
VALUES ('RELEASED', 'RPO-1002', 10000, 'R-200', '10', '20', '', 'MACHINE_CENTER', 'MC-MILL-1', 'WC-MILL',
        'Mill bracket', 15, 'MINUTES', 1.5, 'MINUTES', 'MILL', 0.89, 0.80, 5, 0.05, 'TIME', 80.10, 8.10,
        5400000, 'PLANNED', '2026-03-02 06:00:00+00', '2026-03-02 07:30:00+00', 'MAIN'),
       ('RELEASED', 'RPO-1002', 10000, 'R-200', '20', '', '10', 'WORK_CENTER', 'WC-PACK', 'WC-PACK',
        'Pack bracket', 0, 'MINUTES', 0.2, 'MINUTES', 'PACK', 0.40, 0.40, 0, 0, 'UNITS', 20.00, 0,
        600000, 'PLANNED', '2026-03-02 07:30:00+00', '2026-03-02 07:40:00+00', 'MAIN');

INSERT INTO erp.prod_order_component (status, prod_order_no, prod_order_line_no, line_no, item_no, description,
                                      unit_of_measure_code, qty_rounding_precision_base, quantity_per, quantity,
                                      scrap_pct, expected_quantity, expected_qty_base, remaining_quantity,
                                      remaining_qty_base, flushing_method, routing_link_code, location_code,
                                      unit_cost, direct_unit_cost, cost_amount, direct_cost_amount, due_date)
VALUES ('RELEASED', 'RPO-1002', 10000, 10000, 'ALU', 'Aluminium sheet', 'KG', 0.01, 0.25, 0.25, 2, 12.75, 12.75,
        12.75, 12.75, 'BACKWARD', 'MILL', 'MAIN', 4.00, 4.00, 51.00, 51.00, '2026-03-02'),
       ('RELEASED', 'RPO-1002', 10000, 20000, 'BOLT', 'BOLT', 'PCS', 1, 2, 2, 0, 100, 100, 100, 100, 'FORWARD',
        'PACK', 'MAIN', 0.10, 0.10, 10.00, 10.00, '2026-03-02'),
       ('RELEASED', 'RPO-1002', 10000, 30000, 'PAINT', 'PAINT', 'L', 0.001, 0.02, 0.02, 0, 1, 1, 1, 1, 'FORWARD',
        '', 'MAIN', 20.00, 20.00, 20.00, 20.00, '2026-03-02');

-- RPO-1003: 20 x FG-100 on set A's routing and BOM, released
INSERT INTO erp.production_order (status, no, description, source_type, source_no, quantity, due_date, location_code)
VALUES ('RELEASED', 'RPO-1003', 'FG-100 x 20', 'ITEM', 'FG-100', 20, '2026-03-03', 'MAIN');

INSERT INTO erp.prod_order_line (status, prod_order_no, line_no, item_no, description, location_code, quantity,
                                 quantity_base, unit_of_measure_code, remaining_quantity, remaining_qty_base,
                                 routing_no, routing_reference_no, unit_cost, cost_amount,
                                 expected_operation_cost_amt, expected_component_cost_amt)
VALUES ('RELEASED', 'RPO-1003', 10000, 'FG-100', 'FG-100', 'MAIN', 20, 20, 'PCS', 20, 20,
        'R-100', 10000, 7.81, 156.20, 94.00, 91.00);

INSERT INTO erp.prod_order_routing_line (status, prod_order_no, routing_reference_no, routing_no, operation_no,
                                         next_operation_no, previous_operation_no, type, no, work_center_no,
                                         description, setup_time, setup_time_unit_of_meas_code, run_time,
                                         run_time_unit_of_meas_code, routing_link_code, unit_cost_per,
                                         direct_unit_cost, indirect_cost_pct, overhead_rate,
                                         expected_operation_cost_amt, expected_capacity_ovhd_cost,
                                         expected_capacity_need, routing_status, location_code)
VALUES ('RELEASED', 'RPO-1003', 10000, 'R-100', '10', '20', '', 'WORK_CENTER', 'WC-CUT', 'WC-CUT',
        'WC-CUT', 30, 'MINUTES', 2, 'MINUTES', 'CUT', 1.20, 1.00, 10, 0.10, 84.00, 14.00, 4200000, 'PLANNED',
        'MAIN'),
       ('RELEASED', 'RPO-1003', 10000, 'R-100', '20', '', '10', 'MACHINE_CENTER', 'MC-ASSY', 'WC-ASSY',
        'MC-ASSY', 0, 'MINUTES', 1, 'MINUTES', 'ASSY', 0.50, 0.50, 0, 0, 10.00, 0, 1200000, 'PLANNED', 'MAIN');

INSERT INTO erp.prod_order_component (status, prod_order_no, prod_order_line_no, line_no, item_no, description,
                                      unit_of_measure_code, qty_rounding_precision_base, quantity_per, quantity,
                                      scrap_pct, expected_quantity, expected_qty_base, remaining_quantity,
                                      remaining_qty_base, flushing_method, routing_link_code, location_code,
                                      unit_cost, direct_unit_cost, cost_amount, direct_cost_amount, due_date)
VALUES ('RELEASED', 'RPO-1003', 10000, 10000, 'STEEL', 'STEEL', 'KG', 0.01, 2, 2, 5, 42, 42, 42, 42, 'BACKWARD',
        'CUT', 'MAIN', 1.50, 1.50, 63.00, 63.00, '2026-03-02'),
       ('RELEASED', 'RPO-1003', 10000, 20000, 'BOLT', 'BOLT', 'PCS', 1, 4, 4, 0, 80, 80, 80, 80, 'FORWARD', 'ASSY',
        'MAIN', 0.10, 0.10, 8.00, 8.00, '2026-03-02'),
       ('RELEASED', 'RPO-1003', 10000, 30000, 'PAINT', 'PAINT', 'L', 0.001, 0.05, 0.05, 0, 1, 1, 1, 1, 'BACKWARD',
        '', 'MAIN', 20.00, 20.00, 20.00, 20.00, '2026-03-02');

-- Every capacity posts with the MANUFACT gen. product posting group (set A's general posting setup above).
UPDATE erp.work_center SET gen_prod_posting_group = 'MANUFACT';
UPDATE erp.machine_center SET gen_prod_posting_group = 'MANUFACT';
-- Parents are FINISHED/RETAIL, components RAW MAT/RAW MAT (the posting job derives G/L entries with them).
UPDATE erp.item SET inventory_posting_group = 'FINISHED', gen_prod_posting_group = 'RETAIL'
    WHERE no IN ('FG-100', 'FG-200');
UPDATE erp.item SET inventory_posting_group = 'RAW MAT', gen_prod_posting_group = 'RAW MAT'
    WHERE no IN ('STEEL', 'BOLT', 'PAINT', 'ALU');

-- Shop calendars. PLANT: three shifts every day without breaks (every moment planned, as the simulated plant runs);
-- no center uses it yet, so a center without a calendar code is planned all the time either way. EARLY-BREAKS: the
-- early shift on weekdays with a 30-minute break at 10:00 (OeeShiftTest's shift) and 1 May off.
INSERT INTO erp.work_shift (code, description) VALUES
    ('EARLY', 'Early shift 06:00-14:00'), ('LATE', 'Late shift 14:00-22:00'), ('NIGHT', 'Night shift 22:00-06:00');
INSERT INTO erp.shop_calendar (code, description) VALUES
    ('PLANT', 'Three shifts, every day'), ('EARLY-BREAKS', 'Early shift on weekdays, break at 10:00');
INSERT INTO erp.shop_calendar_working_day (shop_calendar_code, day, starting_time, ending_time, work_shift_code)
SELECT 'PLANT', day, s.starting_time, s.ending_time, s.work_shift_code
FROM unnest(ARRAY['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']) AS day,
     (VALUES (time '00:00', time '06:00', 'NIGHT'), (time '06:00', time '14:00', 'EARLY'),
             (time '14:00', time '22:00', 'LATE'), (time '22:00', time '00:00', 'NIGHT'))
         AS s (starting_time, ending_time, work_shift_code);
INSERT INTO erp.shop_calendar_working_day (shop_calendar_code, day, starting_time, ending_time, work_shift_code)
SELECT 'EARLY-BREAKS', day, s.starting_time, s.ending_time, 'EARLY'
FROM unnest(ARRAY['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']) AS day,
     (VALUES (time '06:00', time '10:00'), (time '10:30', time '14:00')) AS s (starting_time, ending_time);
INSERT INTO erp.shop_calendar_holiday (shop_calendar_code, date, description) VALUES
    ('EARLY-BREAKS', '2026-05-01', 'Labour Day');
INSERT INTO erp.calendar_absence_entry (capacity_type, no, date, starting_time, ending_time, description) VALUES
    ('WORK_CENTER', 'WC-ASSY', '2026-03-02', '12:00', '12:45', 'Planned maintenance');
INSERT INTO erp.stop_code (code, description, planned) VALUES
    ('PM', 'Planned maintenance', true), ('CLEANING', 'Cleaning', true), ('JAM', 'Jam', false),
    ('MAT', 'Waiting for material', false), ('TOOL', 'Tool breakage', false);

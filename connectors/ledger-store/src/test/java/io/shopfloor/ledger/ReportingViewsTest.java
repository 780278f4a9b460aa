package io.shopfloor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V5 and V14 views as a cost controller's login reads them (the reporting role): statistics in their own order
 * (latest finished first, then by order no.), OEE per shift and hour in ISO 22400 time elements, minutes and percent,
 * dead letters without their payload.
 */
class ReportingViewsTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    static LedgerDatabase.Ledger ledger;

    @BeforeAll
    static void fill() throws Exception {
        ledger = POSTGRES.newLedger();
        try (Connection owner = ledger.connect(LedgerDatabase.OWNER, "");
             Statement statement = owner.createStatement()) {
            for (String order : List.of("RPO-3", "RPO-1", "RPO-2", "RPO-4")) {
                statement.execute("INSERT INTO production_order_cost_plan (idempotency_key, source_key, order_no, "
                        + "status, posting_date, expected_capacity_need, cost_rows, lines, components, event_time, "
                        + "content_hash) VALUES ('" + order + "/plan', '" + order + "', '" + order + "', 'RELEASED', "
                        + "'2026-03-01', 0, '[{\"cost_bucket\": \"MATERIAL\", \"standard_cost\": 10, "
                        + "\"expected_cost\": 10}]', '[]', '[]', '2026-03-01T06:00Z', '\\x00')");
            }
            // RPO-1 finished last, RPO-3 before it; RPO-2 and RPO-4 are still released.
            statement.execute("INSERT INTO production_order_status_history (idempotency_key, source_key, order_no, "
                    + "from_status, to_status, posting_date, event_time, content_hash) VALUES "
                    + "('RPO-3/F', 'RPO-3', 'RPO-3', 'RELEASED', 'FINISHED', '2026-03-02', '2026-03-02T08:00Z', "
                    + "'\\x00'), ('RPO-1/F', 'RPO-1', 'RPO-1', 'RELEASED', 'FINISHED', '2026-03-02', "
                    + "'2026-03-02T09:00Z', '\\x00')");
            // Two windows of the early shift (06:00-14:00): 45 min run, 10 min setup, 5 min stop, 1.5 min no signal.
            statement.execute("INSERT INTO machine_kpi (idempotency_key, machine_id, window_start, window_end, "
                    + "good_parts, scrap_parts, setup_millis, run_millis, stop_millis, idle_millis, no_signal_millis, "
                    + "ideal_cycle_time_millis, content_hash) VALUES "
                    + "('k1', 'M-2', '2026-03-02T07:00Z', '2026-03-02T07:30Z', 9, 1, 600000, 1200000, 0, 0, 90000, "
                    + "120000, '\\x00'),"
                    + "('k2', 'M-2', '2026-03-02T07:30Z', '2026-03-02T08:00Z', 10, 0, 0, 1500000, 300000, 0, 0, "
                    + "120000, '\\x00'),"
                    + "('k3', 'M-1', '2026-03-02T15:00Z', '2026-03-02T15:30Z', 1, 0, 0, 1800000, 0, 0, 0, NULL, "
                    + "'\\x00')");
            // v2 windows of the night shift of 2 March on M-3 (ISO 22400 elements, in minutes): a 30-minute window
            // with a 10-minute break, 15 run, 3 setup, 2 down; a 30-minute window with 12 planned maintenance,
            // 10 run, 5 delay, 3 no signal. 40 parts at 0.5 min ideal, 2 scrap.
            statement.execute("INSERT INTO machine_kpi (idempotency_key, machine_id, window_start, window_end, "
                    + "good_parts, scrap_parts, setup_millis, run_millis, stop_millis, idle_millis, no_signal_millis, "
                    + "ideal_cycle_time_millis, shift_date, shift_code, break_millis, planned_stop_millis, "
                    + "planned_busy_millis, down_millis, delay_millis, planned_busy_no_signal_millis, "
                    + "ideal_production_millis, run_millis_with_ideal_cycle_time, content_hash) VALUES "
                    + "('k4', 'M-3', '2026-03-03T01:00Z', '2026-03-03T01:30Z', 24, 1, 180000, 900000, 720000, 0, "
                    + "0, 30000, '2026-03-02', 'NIGHT', 600000, 0, 1200000, 120000, 0, 0, 750000, 900000, '\\x00'),"
                    + "('k5', 'M-3', '2026-03-03T01:30Z', '2026-03-03T02:00Z', 16, 1, 0, 600000, 720000, 300000, "
                    + "180000, 30000, '2026-03-02', 'NIGHT', 0, 720000, 1080000, 0, 300000, 180000, 510000, 600000, "
                    + "'\\x00'),"
                    // a too long ideal cycle time: 30 parts x 1 min in 20 min of production
                    + "('k6', 'M-4', '2026-03-03T01:00Z', '2026-03-03T01:30Z', 30, 0, 0, 1200000, 600000, 0, "
                    + "0, 60000, '2026-03-02', 'NIGHT', 0, 0, 1800000, 600000, 0, 0, 1800000, 1200000, '\\x00')");
            statement.execute("INSERT INTO dead_letter (idempotency_key, source_topic, key, payload, reason_code, "
                    + "reason_detail, failed_at, stage, attempt, content_hash) VALUES "
                    + "('bridge/1', 'plant/site1/area1/L1/L1-CUT-1/state', 'L1-CUT-1', '\\x01', 'BAD_PAYLOAD', "
                    + "'not JSON', '2026-03-02T07:00Z', 'bridge', 1, '\\x00'),"
                    + "('order/RPO-9/x', 'order-inputs', NULL, '\\x01', 'ORDER_UNKNOWN', 'no such order', "
                    + "'2026-03-02T07:05Z', 'posting', 1, '\\x00')");
        }
    }

    /**
     * V15: the job card's "By" per operation: the people who posted its capacity entries, and the machines whose KPI
     * windows ran it when a machine posted any of them.
     */
    @Test
    void operationsReportedNameThePeopleAndTheMachinesThatPosted() throws Exception {
        LedgerDatabase.Ledger byLedger = POSTGRES.newLedger();
        try (Connection owner = byLedger.connect(LedgerDatabase.OWNER, "");
             Statement statement = owner.createStatement()) {
            statement.execute("INSERT INTO capacity_ledger_entry (idempotency_key, source_key, source_entry_no, "
                    + "subcontracting, quantity, completely_invoiced, order_no, order_line_no, routing_reference_no, "
                    + "operation_no, posting_date, last_output_line, event_time, content_hash, posted_by) VALUES "
                    + "('m/1', 'RPO-7', 1, false, 5, true, 'RPO-7', 10000, 10000, '10', '2026-03-02', false, "
                    + "'2026-03-02T07:00Z', '\\x00', NULL),"
                    + "('t/1', 'RPO-7', 2, false, 1, true, 'RPO-7', 10000, 10000, '10', '2026-03-02', false, "
                    + "'2026-03-02T07:10Z', '\\x00', 'olga'),"
                    + "('t/2', 'RPO-7', 3, false, 1, true, 'RPO-7', 10000, 10000, '20', '2026-03-02', false, "
                    + "'2026-03-02T07:20Z', '\\x00', 'sam'),"
                    + "('t/3', 'RPO-7', 4, false, 1, true, 'RPO-7', 10000, 10000, '20', '2026-03-02', false, "
                    + "'2026-03-02T07:25Z', '\\x00', 'olga'),"
                    + "('m/2', 'RPO-7', 5, false, 5, true, 'RPO-7', 10000, 10000, '30', '2026-03-02', false, "
                    + "'2026-03-02T07:30Z', '\\x00', NULL)");
            statement.execute("INSERT INTO machine_kpi (idempotency_key, machine_id, window_start, window_end, "
                    + "order_no, operation_no, good_parts, scrap_parts, setup_millis, run_millis, stop_millis, "
                    + "idle_millis, no_signal_millis, content_hash) VALUES "
                    + "('k/1', 'M-1', '2026-03-02T07:00Z', '2026-03-02T07:30Z', 'RPO-7', '10', 5, 0, 0, 1800000, 0, "
                    + "0, 0, '\\x00'),"
                    + "('k/2', 'M-9', '2026-03-02T07:00Z', '2026-03-02T07:30Z', 'RPO-7', '20', 1, 0, 0, 1800000, 0, "
                    + "0, 0, '\\x00'),"
                    + "('k/3', 'M-2', '2026-03-02T07:30Z', '2026-03-02T08:00Z', 'RPO-7', '30', 5, 0, 0, 1800000, 0, "
                    + "0, 0, '\\x00')");
        }
        assertEquals(List.of("10 olga, M-1 M-1", "20 olga, sam M-9", "30 M-2 M-2"), byLedger.query(
                "SELECT operation_no, posted_by, machine_ids FROM production_order_operation_reported "
                        + "WHERE order_no = 'RPO-7' ORDER BY operation_no"));
    }

    @Test
    void statisticsComeLatestFinishedFirstThenByOrderNo() throws Exception {
        assertEquals(List.of("RPO-1 MATERIAL 2026-03-02 09:00", "RPO-1 TOTAL 2026-03-02 09:00",
                        "RPO-3 MATERIAL 2026-03-02 08:00", "RPO-3 TOTAL 2026-03-02 08:00",
                        "RPO-2 MATERIAL null", "RPO-2 TOTAL null", "RPO-4 MATERIAL null", "RPO-4 TOTAL null"),
                asReporting("SELECT order_no, cost_bucket, to_char(finished_at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD HH24:MI') FROM production_order_statistics"));
    }

    @Test
    void oeeByShiftInIsoTimeElementsMinutesAndPercent() throws Exception {
        // v1 rows (no shift, no split): all time planned. M-2: PBT 45 + 10 + 5 + 1.5 = 61.5, availability 73.17 %;
        // performance 20 parts x 2 min / 45 min = 88.89 %; quality 95 %.
        // M-3 (v2): PBT 20 + 18 = 38 min; APT 25: 65.79 %; performance 21 min / 25 min = 84 %; quality 40/42 = 95.24 %.
        // M-4: performance 150 %: a finding, no OEE.
        assertEquals(List.of("M-2 2026-03-02 EARLY 19 1 0.00 0.00 0.00 61.50 45.00 10.00 5.00 0.00 1.50 "
                        + "73.17 88.89 95.00 61.79 null",
                        "M-1 2026-03-02 LATE 1 0 0.00 0.00 0.00 30.00 30.00 0.00 0.00 0.00 0.00 100.00 null 100.00 "
                        + "null null",
                        "M-3 2026-03-02 NIGHT 40 2 22.00 10.00 12.00 38.00 25.00 3.00 2.00 5.00 3.00 65.79 84.00 95.24 "
                        + "52.63 null",
                        "M-4 2026-03-02 NIGHT 30 0 0.00 0.00 0.00 30.00 20.00 0.00 10.00 0.00 0.00 66.67 150.00 100.00 "
                        + "null IDEAL_CYCLE_TIME_SUSPECT"),
                asReporting("SELECT machine_id, shift_date, shift_code, good_parts, scrap_parts, "
                        + "planned_downtime_minutes, break_minutes, planned_stop_minutes, planned_busy_minutes, "
                        + "production_minutes, setup_minutes, down_minutes, delay_minutes, no_signal_minutes, "
                        + "availability_pct, performance_pct, quality_pct, oee_pct, flag FROM machine_oee_by_shift"));
    }

    @Test
    void oeeByHourPerMachine() throws Exception {
        assertEquals(List.of("M-2 2026-03-02 07:00 61.50 73.17 88.89 95.00 61.79 null",
                        "M-1 2026-03-02 15:00 30.00 100.00 null 100.00 null null",
                        "M-3 2026-03-03 01:00 38.00 65.79 84.00 95.24 52.63 null",
                        "M-4 2026-03-03 01:00 30.00 66.67 150.00 100.00 null IDEAL_CYCLE_TIME_SUSPECT"),
                asReporting("SELECT machine_id, to_char(hour_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                        + "planned_busy_minutes, availability_pct, performance_pct, quality_pct, oee_pct, flag "
                        + "FROM machine_oee_by_hour"));
    }

    @Test
    void deadLettersShowReasonDetailSourceAndTimeButNotThePayload() throws Exception {
        assertEquals(List.of("posting ORDER_UNKNOWN no such order order-inputs RPO-9",
                        "bridge BAD_PAYLOAD not JSON plant/site1/area1/L1/L1-CUT-1/state L1-CUT-1"),
                asReporting("SELECT stage, reason_code, reason_detail, source_topic, source FROM dead_letter_report "
                        + "ORDER BY failed_at DESC"));
    }

    private static List<String> asReporting(String sql) throws Exception {
        return ledger.query(LedgerDatabase.ROLES.reporting(), LedgerDatabase.ROLES.reportingPassword(), sql);
    }
}

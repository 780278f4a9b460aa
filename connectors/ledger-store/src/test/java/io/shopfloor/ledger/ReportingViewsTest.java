package io.shopfloor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V5 views as a cost controller's login reads them (the reporting role): statistics in their own order (latest
 * finished first, then by order no.), OEE per shift in minutes and percent, dead letters without their payload.
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
            statement.execute("INSERT INTO dead_letter (idempotency_key, source_topic, key, payload, reason_code, "
                    + "reason_detail, failed_at, stage, attempt, content_hash) VALUES "
                    + "('bridge/1', 'plant/site1/area1/L1/L1-CUT-1/state', 'L1-CUT-1', '\\x01', 'BAD_PAYLOAD', "
                    + "'not JSON', '2026-03-02T07:00Z', 'bridge', 1, '\\x00'),"
                    + "('order/RPO-9/x', 'order-inputs', NULL, '\\x01', 'ORDER_UNKNOWN', 'no such order', "
                    + "'2026-03-02T07:05Z', 'posting', 1, '\\x00')");
        }
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
    void oeeTimesAreMinutesAndRatiosPercent() throws Exception {
        // Availability 45 / (45 + 10 + 5) = 75 %; performance 20 parts x 2 min / 45 min = 88.89 %; quality 95 %.
        assertEquals(List.of("M-2 2026-03-02 EARLY 19 1 10.00 45.00 5.00 0.00 1.50 75.00 88.89 95.00 63.33",
                        "M-1 2026-03-02 LATE 1 0 0.00 30.00 0.00 0.00 0.00 100.00 null 100.00 null"),
                asReporting("SELECT machine_id, shift_date, shift_code, good_parts, scrap_parts, setup_minutes, "
                        + "run_minutes, stop_minutes, idle_minutes, no_signal_minutes, availability_pct, "
                        + "performance_pct, quality_pct, oee_pct FROM machine_oee_by_shift"));
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

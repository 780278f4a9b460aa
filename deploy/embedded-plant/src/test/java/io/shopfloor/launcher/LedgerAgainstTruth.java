package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.simulator.GroundTruth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The ledger of a simulated plant against the simulator's ground truth: every good part, scrapped part and minute of
 * setup, run and stop time of every operation in the capacity ledger once; each machine's KPIs adding up to its true
 * time; consumption as the flushing rules make it of the posted output; every order finished with zero WIP; no
 * posting conflict and no dead letter.
 */
final class LedgerAgainstTruth {

    /** Where the shift OEE rows go for a reader of the test's log. */
    private static final java.util.function.Consumer<List<String>> LOG_SHIFTS = rows ->
            org.slf4j.LoggerFactory.getLogger(LedgerAgainstTruth.class).info("OEE by shift: {}", rows);

    private LedgerAgainstTruth() {
    }

    /** Every comparison, each reported when it fails (not only the first: which ones differ tells why). */
    static void assertMatches(Connection ledger, GroundTruth truth) {
        assertAll(() -> assertOperationsMatchTheTruth(ledger, truth),
                () -> assertMachinesMatchTheTruth(ledger, truth),
                () -> assertShiftOeeMatchesTheTruthAndNoFactorPasses100Percent(ledger, truth),
                () -> assertOutputAndConsumptionFollowTheFlushingRules(ledger, truth),
                () -> assertOrdersFinishedWithoutWip(ledger, truth),
                () -> assertEquals(List.of("0"), query(ledger, "SELECT count(*) FROM posting_conflict")),
                () -> assertEquals(List.of(), query(ledger, "SELECT reason_code, stage, count(*) FROM dead_letter "
                        + "GROUP BY 1, 2 ORDER BY 1, 2"), "dead letters"));
    }

    private static void assertOperationsMatchTheTruth(Connection ledger, GroundTruth truth) throws SQLException {
        Set<String> orders = orderNumbers(truth);
        List<String> expected = truth.operations().stream()
                .sorted(Comparator.comparing(GroundTruth.OperationTruth::orderNo)
                        .thenComparing(GroundTruth.OperationTruth::operationNo))
                .map(o -> String.join(" ", o.orderNo(), o.operationNo(), quantity(o.good()), quantity(o.scrap()),
                        minutes(o.setupMillis()), minutes(o.runMillis())))
                .toList();
        assertEquals(expected, filter(query(ledger, "SELECT order_no, operation_no, sum(output_quantity), "
                + "sum(scrap_quantity), sum(setup_time), sum(run_time) FROM capacity_ledger_entry "
                + "GROUP BY 1, 2 ORDER BY 1, 2"), orders), "parts, setup and run minutes per operation");
        List<String> expectedStops = new ArrayList<>();
        truth.operations().stream().sorted(Comparator.comparing(GroundTruth.OperationTruth::orderNo)
                        .thenComparing(GroundTruth.OperationTruth::operationNo))
                .forEach(o -> new TreeMap<>(o.stopMillisByCode()).forEach((code, millis) -> expectedStops.add(
                        String.join(" ", o.orderNo(), o.operationNo(), code, minutes(millis)))));
        assertEquals(expectedStops, filter(query(ledger, "SELECT order_no, operation_no, stop_code, sum(stop_time) "
                + "FROM capacity_ledger_entry WHERE stop_time <> 0 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"), orders),
                "stop minutes per operation and stop code");
    }

    private static void assertMachinesMatchTheTruth(Connection ledger, GroundTruth truth) throws SQLException {
        List<String> expected = truth.machines().stream()
                .sorted(Comparator.comparing(GroundTruth.MachineTruth::machineId))
                .map(m -> String.join(" ", m.machineId(), String.valueOf(m.good()), String.valueOf(m.scrap()),
                        String.valueOf(m.setupMillis()), String.valueOf(m.runMillis()), String.valueOf(m.stopMillis()),
                        String.valueOf(m.noSignalMillis())))
                .toList();
        assertEquals(expected, query(ledger, "SELECT machine_id, sum(good_parts), sum(scrap_parts), "
                + "sum(setup_millis), sum(run_millis), sum(stop_millis), sum(no_signal_millis) FROM machine_kpi "
                + "GROUP BY 1 ORDER BY 1"), "machine KPIs: parts and times (the dropout as no signal)");
    }

    /**
     * OEE per machine and shift (ISO 22400, `machine_oee_by_shift`): its time elements add up over the shifts to the
     * machine's true production, setup, stop and no-signal time (all time planned: the plant works round the clock),
     * and no shift of any machine shows availability, performance or quality above 100 % or a finding: the simulator
     * never beats the routing's ideal cycle time, and parts counted after the gateway's dropout stay out of
     * performance.
     */
    private static void assertShiftOeeMatchesTheTruthAndNoFactorPasses100Percent(Connection ledger, GroundTruth truth)
            throws SQLException {
        List<String> expected = truth.machines().stream()
                .sorted(Comparator.comparing(GroundTruth.MachineTruth::machineId))
                .map(m -> String.join(" ", m.machineId(), String.valueOf(m.good()), String.valueOf(m.scrap()),
                        hundredths(m.runMillis()), hundredths(m.setupMillis()), hundredths(m.stopMillis()),
                        hundredths(m.noSignalMillis()), "0.00"))
                .toList();
        assertEquals(expected, query(ledger, "SELECT machine_id, sum(good_parts), sum(scrap_parts), "
                + "sum(production_minutes), sum(setup_minutes), sum(down_minutes), sum(no_signal_minutes), "
                + "sum(planned_downtime_minutes) FROM machine_oee_by_shift GROUP BY 1 ORDER BY 1"),
                "ISO 22400 time elements per machine over its shifts");
        assertEquals(List.of(), query(ledger, "SELECT machine_id, shift_date, shift_code, availability_pct, "
                + "performance_pct, quality_pct, flag FROM machine_oee_by_shift WHERE availability_pct > 100 "
                + "OR performance_pct > 100 OR quality_pct > 100 OR flag IS NOT NULL"), "OEE factors above 100 %");
        LOG_SHIFTS.accept(query(ledger, "SELECT machine_id, shift_date, shift_code, planned_busy_minutes, "
                + "availability_pct, performance_pct, quality_pct, oee_pct FROM machine_oee_by_shift"));
    }

    private static String hundredths(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /**
     * Output: the order quantity. Consumption (spec §2.2, §2.4): STEEL backward with link CUT, 2 x 1.05 per piece of
     * op 10's output + scrap; ALU backward with link MILL, per posted op 10 line RoundUp((output + scrap) x 0.25 x
     * 1.02, 0.01); BOLT forward with link, the expected quantity at op 20's first output; FG-100's PAINT backward
     * without link, at finish on op 20's output + scrap; FG-200's PAINT forward without link, at release.
     */
    private static void assertOutputAndConsumptionFollowTheFlushingRules(Connection ledger, GroundTruth truth)
            throws SQLException {
        Set<String> orders = orderNumbers(truth);
        assertEquals(truth.orders().stream().sorted(Comparator.comparing(GroundTruth.OrderTruth::orderNo))
                        .map(o -> o.orderNo() + " " + quantity(o.quantity())).toList(),
                filter(query(ledger, "SELECT order_no, sum(quantity) FROM item_ledger_entry WHERE entry_type = "
                        + "'OUTPUT' GROUP BY 1 ORDER BY 1"), orders), "output per order");
        Map<String, BigDecimal> aluByOrder = new TreeMap<>();
        for (String row : query(ledger, "SELECT order_no, output_quantity + scrap_quantity FROM capacity_ledger_entry "
                + "WHERE operation_no = '10' AND no = 'MC-MILL-1' AND output_quantity + scrap_quantity > 0")) {
            String[] fields = row.split(" ");
            aluByOrder.merge(fields[0], new BigDecimal(fields[1]).multiply(new BigDecimal("0.255"))
                    .setScale(2, RoundingMode.CEILING), BigDecimal::add);
        }
        List<String> expected = new ArrayList<>();
        for (GroundTruth.OrderTruth order : truth.orders().stream()
                .sorted(Comparator.comparing(GroundTruth.OrderTruth::orderNo)).toList()) {
            GroundTruth.OperationTruth first = truth.operation(order.orderNo(), "10");
            GroundTruth.OperationTruth last = truth.operation(order.orderNo(), "20");
            Map<String, BigDecimal> items = new TreeMap<>();
            if (order.itemNo().equals("FG-100")) {
                items.put("STEEL", BigDecimal.valueOf(first.good() + first.scrap()).multiply(new BigDecimal("2.1")));
                items.put("BOLT", BigDecimal.valueOf(4L * order.quantity()));
                items.put("PAINT", BigDecimal.valueOf(last.good() + last.scrap()).multiply(new BigDecimal("0.05"))
                        .setScale(3, RoundingMode.CEILING));
            } else {
                items.put("ALU", aluByOrder.getOrDefault(order.orderNo(), BigDecimal.ZERO));
                items.put("BOLT", BigDecimal.valueOf(2L * order.quantity()));
                items.put("PAINT", BigDecimal.valueOf(order.quantity()).multiply(new BigDecimal("0.02"))
                        .setScale(3, RoundingMode.CEILING));
            }
            items.forEach((item, quantity) -> expected.add(order.orderNo() + " " + item + " "
                    + quantity.setScale(5, RoundingMode.UNNECESSARY).toPlainString()));
        }
        assertEquals(expected, filter(query(ledger, "SELECT order_no, item_no, -sum(quantity) FROM item_ledger_entry "
                + "WHERE entry_type = 'CONSUMPTION' GROUP BY 1, 2 ORDER BY 1, 2"), orders), "consumption");
    }

    private static void assertOrdersFinishedWithoutWip(Connection ledger, GroundTruth truth) throws SQLException {
        Set<String> orders = orderNumbers(truth);
        assertEquals(orders.stream().sorted().map(o -> o + " FINISHED").toList(),
                filter(query(ledger, "SELECT order_no, to_status FROM production_order_status_history "
                        + "WHERE to_status = 'FINISHED' ORDER BY 1"), orders), "finished orders");
        assertEquals(orders.stream().sorted().map(o -> o + " 0.00").toList(),
                filter(query(ledger, "SELECT order_no, wip_amount FROM production_order_wip ORDER BY 1"), orders),
                "WIP after finishing and cost adjustment");
    }

    private static Set<String> orderNumbers(GroundTruth truth) {
        return truth.orders().stream().map(GroundTruth.OrderTruth::orderNo).collect(Collectors.toSet());
    }

    /** The rows of the plant's own orders (the ERP's sample orders are released too, but not run here). */
    private static List<String> filter(List<String> rows, Set<String> orders) {
        return rows.stream().filter(row -> orders.contains(row.split(" ")[0])).toList();
    }

    private static String quantity(long parts) {
        return BigDecimal.valueOf(parts).setScale(5).toPlainString();
    }

    private static String minutes(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(60_000), 5, RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

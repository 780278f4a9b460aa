package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.simulator.GroundTruth;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import io.shopfloor.simulator.PlantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded plant for about 100 simulated minutes (20 machines, one order per line, at 200x), stopped
 * halfway and started again on the same data folder: the ledger against the simulator's ground truth. Every good
 * part, scrapped part and minute of setup, run and stop time of
 * every operation is in the capacity ledger once; each machine's KPIs add up to its true time, the gateway dropout
 * as no-signal time; consumption is what the flushing rules make of the posted output; every order was finished by
 * the job and has zero WIP after the cost adjustment.
 */
class EmbeddedPlantEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlantEndToEndTest.class);
    private static final double SPEED = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @TempDir
    Path data;

    @Test
    void theLedgerAccountsForEverythingThePlantDidExactlyOnceAcrossAStopAndAResume() throws Exception {
        PlantSettings plant = new PlantSettings(11, Instant.parse("2026-01-01T00:00:00Z"), 20, 1, 6, 10, false);
        EmbeddedPlant.Settings settings = new EmbeddedPlant.Settings(data, SPEED, plant, 0, LOG::info);
        Instant stoppedAt;
        try (EmbeddedPlant embedded = EmbeddedPlant.start(settings)) {
            // Stop in the middle of the plan (orders running, the first ones posted), as Ctrl-C does.
            GroundTruth truth = embedded.simulator().truth();
            Instant middle = truth.start().plus(Duration.between(truth.start(), truth.end()).dividedBy(2));
            awaitSimulatedTime(embedded, middle);
            awaitCheckpoint(data.resolve("checkpoints"));
            stoppedAt = embedded.simulator().simulatedTime();
        }
        try (EmbeddedPlant embedded = EmbeddedPlant.start(settings)) {
            GroundTruth truth = embedded.simulator().truth();
            assertTrue(!embedded.simulator().simulatedTime().isBefore(stoppedAt.minusSeconds(1)),
                    () -> "resumed at " + embedded.simulator().simulatedTime() + ", stopped at " + stoppedAt);
            assertTrue(embedded.restoredCheckpoint().isPresent(), "the job resumed from its retained checkpoint");
            String complete = awaitEverythingPosted(embedded, truth);
            try (Connection ledger = embedded.connectLedger()) {
                LOG.info("dead letters: {}", query(ledger, "SELECT reason_code, stage, left(reason_detail, 200), "
                        + "count(*) FROM dead_letter GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT 20"));
                LOG.info("machine KPIs: {}", query(ledger, "SELECT machine_id, max(window_end), count(*), "
                        + "sum(no_signal_millis) FROM machine_kpi GROUP BY 1 ORDER BY 1"));
                assertOperationsMatchTheTruth(ledger, truth);
                assertMachinesMatchTheTruth(ledger, truth);
                assertOutputAndConsumptionFollowTheFlushingRules(ledger, truth);
                assertOrdersFinishedWithoutWip(ledger, truth);
                assertEquals(List.of("0"), query(ledger, "SELECT count(*) FROM posting_conflict"));
                assertEquals(List.of(), query(ledger, "SELECT reason_code, stage, count(*) FROM dead_letter "
                        + "GROUP BY 1, 2 ORDER BY 1, 2"), "dead letters");
            }
            assertEquals(List.of(), bridgeDeadLetters(embedded.kafkaBootstrapServers()),
                    "dead letters of the MQTT bridges (Kafka only)");
            assertEquals("", complete);
            assertTheDashboardShowsThePlant(embedded, truth);
            List<String> incidents = truth.incidents().stream().map(i -> i.kind() + " " + i.machineId()).toList();
            assertTrue(incidents.containsAll(List.of("CONTROLLER_RESTART L1-CUT-1", "GATEWAY_DROPOUT L4-MILL-1")),
                    incidents::toString);
            assertTrue(truth.duplicatedMessages() > 0 && truth.reorderedMessages() > 0, "duplicates and reorders");
        }
    }

    /**
     * The dashboard (it reads the ledger once a second) lists every machine, every order of the plant finished in
     * full, and the ERP sample data's two released orders, which this plant does not run, released without output.
     */
    private static void assertTheDashboardShowsThePlant(EmbeddedPlant embedded, GroundTruth truth)
            throws InterruptedException {
        List<String> expectedOrders = java.util.stream.Stream.concat(truth.orders().stream()
                        .map(o -> o.orderNo() + " FINISHED " + o.quantity()),
                java.util.stream.Stream.of("RPO-1002 RELEASED 0", "RPO-1003 RELEASED 0")).sorted().toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        CountDownLatch never = new CountDownLatch(1);
        List<String> orders = List.of();
        while (System.nanoTime() < deadline) {
            orders = embedded.dashboard().state().ledger().orders().stream()
                    .map(o -> o.orderNo() + " " + o.status() + " " + o.outputQuantity().stripTrailingZeros()
                            .toPlainString())
                    .sorted().toList();
            if (orders.equals(expectedOrders)) {
                break;
            }
            never.await(200, TimeUnit.MILLISECONDS);
        }
        assertEquals(expectedOrders, orders);
        assertEquals(truth.machines().stream().map(GroundTruth.MachineTruth::machineId).sorted().toList(),
                embedded.dashboard().state().machines().stream().map(m -> m.machineId()).sorted().toList());
    }

    private static void awaitSimulatedTime(EmbeddedPlant embedded, Instant time) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (embedded.simulator().simulatedTime().isBefore(time) && System.nanoTime() < deadline) {
            never.await(200, TimeUnit.MILLISECONDS);
        }
        assertTrue(!embedded.simulator().simulatedTime().isBefore(time), "simulated time did not reach " + time);
    }

    /** Until the job completed a checkpoint (the plant starts before the job and may reach the middle first). */
    private static void awaitCheckpoint(Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (EmbeddedPlant.latestCheckpoint(checkpoints).isEmpty() && System.nanoTime() < deadline) {
            never.await(200, TimeUnit.MILLISECONDS);
        }
        assertTrue(EmbeddedPlant.latestCheckpoint(checkpoints).isPresent(), "no checkpoint in " + checkpoints);
    }

    /**
     * Until every order is finished in the ledger and every machine's KPIs reach the end of the plan; what is still
     * missing at the deadline (empty when nothing), so that the comparisons show what differs.
     */
    private static String awaitEverythingPosted(EmbeddedPlant embedded, GroundTruth truth) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        String finished = "";
        String kpis = "";
        while (System.nanoTime() < deadline) {
            try (Connection ledger = embedded.connectLedger()) {
                finished = query(ledger, "SELECT count(DISTINCT order_no) FROM production_order_status_history "
                        + "WHERE to_status = 'FINISHED'").get(0);
                kpis = query(ledger, "SELECT count(*) FROM (SELECT machine_id FROM machine_kpi GROUP BY 1 "
                        + "HAVING max(window_end) >= '" + truth.end() + "') m").get(0);
            }
            if (finished.equals(String.valueOf(truth.orders().size()))
                    && kpis.equals(String.valueOf(truth.machines().size()))) {
                return "";
            }
            assertTrue(embedded.simulator().failure() == null, () -> "simulator " + embedded.simulator().failure());
            never.await(1, TimeUnit.SECONDS);
        }
        return "after " + DEADLINE + ": " + finished + " of " + truth.orders().size()
                + " orders finished, " + kpis + " of " + truth.machines().size() + " machines' KPIs complete; "
                + "simulated time " + embedded.simulator().simulatedTime() + ", plan ends " + truth.end();
    }

    /** Reason and topic of every dead letter on Kafka's dead-letters topic written by a bridge. */
    private static List<String> bridgeDeadLetters(String bootstrapServers) {
        List<String> letters = new ArrayList<>();
        var decoder = ShopfloorSchemas.decoder(DeadLetter.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        DeadLetter letter = decoder.decode(record.value());
                        if (letter.getStage().toString().equals("mqtt-bridge")) {
                            letters.add(letter.getReasonCode() + " " + letter.getSourceTopic() + " "
                                    + letter.getReasonDetail());
                        }
                    } catch (java.io.IOException e) {
                        letters.add("undecodable " + e);
                    }
                }
            }
        }
        return letters.stream().limit(20).toList();
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

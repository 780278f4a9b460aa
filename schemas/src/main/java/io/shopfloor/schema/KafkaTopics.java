package io.shopfloor.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Every Kafka topic of Shopfloor Ledger, and their creation. Values are Avro single-object encoded; the key is
 * the machine id for signals, the order number for journal lines and ledger entries, the primary key for
 * master data.
 */
public final class KafkaTopics {
    // Machine signals (mqtt-bridge), key = machine id
    public static final String MACHINE_COUNTERS = "machine-counters";
    public static final String MACHINE_STATES = "machine-states";
    public static final String OPERATION_EVENTS = "operation-events";

    // Posting inputs, key = production order no.
    public static final String JOURNAL_LINES = "journal-lines";
    public static final String ORDER_STATUS_CHANGES = "order-status-changes";

    // Master data (erp-cdc): compacted, the latest value per key is the current row
    public static final String MD_PRODUCTION_ORDERS = "md-production-orders";
    public static final String MD_PROD_ORDER_LINES = "md-prod-order-lines";
    public static final String MD_PROD_ORDER_ROUTING_LINES = "md-prod-order-routing-lines";
    public static final String MD_PROD_ORDER_COMPONENTS = "md-prod-order-components";
    public static final String MD_ITEMS = "md-items";
    public static final String MD_WORK_CENTERS = "md-work-centers";
    public static final String MD_MACHINE_CENTERS = "md-machine-centers";
    public static final String MD_LOCATIONS = "md-locations";
    public static final String MD_MANUFACTURING_SETUP = "md-manufacturing-setup";
    // The posting setup the G/L entries are derived from (docs/general-ledger.md#setup)
    public static final String MD_INVENTORY_POSTING_GROUPS = "md-inventory-posting-groups";
    public static final String MD_INVENTORY_POSTING_SETUP = "md-inventory-posting-setup";
    public static final String MD_GEN_BUS_POSTING_GROUPS = "md-gen-bus-posting-groups";
    public static final String MD_GEN_PROD_POSTING_GROUPS = "md-gen-prod-posting-groups";
    public static final String MD_GENERAL_POSTING_SETUP = "md-general-posting-setup";
    public static final String MD_GENERAL_LEDGER_SETUP = "md-general-ledger-setup";
    public static final String MD_DEFAULT_DIMENSIONS = "md-default-dimensions";
    // Shop calendars and stop codes the OEE time model reads (ISO 22400 planned downtime)
    public static final String MD_WORK_SHIFTS = "md-work-shifts";
    public static final String MD_SHOP_CALENDARS = "md-shop-calendars";
    public static final String MD_SHOP_CALENDAR_WORKING_DAYS = "md-shop-calendar-working-days";
    public static final String MD_SHOP_CALENDAR_HOLIDAYS = "md-shop-calendar-holidays";
    public static final String MD_CALENDAR_ABSENCE_ENTRIES = "md-calendar-absence-entries";
    public static final String MD_STOP_CODES = "md-stop-codes";

    // Posting outputs, one topic per ledger type (each carries one Avro record type)
    public static final String LEDGER_ITEM_ENTRIES = "ledger-item-entries";
    public static final String LEDGER_CAPACITY_ENTRIES = "ledger-capacity-entries";
    public static final String LEDGER_VALUE_ENTRIES = "ledger-value-entries";
    public static final String LEDGER_WAREHOUSE_ENTRIES = "ledger-warehouse-entries";
    /** G/L entries derived from the value entries (GeneralLedgerEntry), key = production order no. */
    public static final String LEDGER_GL_ENTRIES = "ledger-gl-entries";
    /** FIFO/average parents' cost after the cost adjustment (ItemCostUpdate), key = production order no. */
    public static final String LEDGER_ITEM_COST_UPDATES = "ledger-item-cost-updates";
    /** Order status history (release, finish) as the job posted it; not the status-change input topic. */
    public static final String LEDGER_ORDER_STATUS = "ledger-order-status";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String MACHINE_KPIS = "machine-kpis";

    public static final List<String> MASTER_DATA = List.of(
            MD_PRODUCTION_ORDERS, MD_PROD_ORDER_LINES, MD_PROD_ORDER_ROUTING_LINES, MD_PROD_ORDER_COMPONENTS,
            MD_ITEMS, MD_WORK_CENTERS, MD_MACHINE_CENTERS, MD_LOCATIONS, MD_MANUFACTURING_SETUP,
            MD_INVENTORY_POSTING_GROUPS, MD_INVENTORY_POSTING_SETUP, MD_GEN_BUS_POSTING_GROUPS,
            MD_GEN_PROD_POSTING_GROUPS, MD_GENERAL_POSTING_SETUP, MD_GENERAL_LEDGER_SETUP, MD_DEFAULT_DIMENSIONS,
            MD_WORK_SHIFTS, MD_SHOP_CALENDARS, MD_SHOP_CALENDAR_WORKING_DAYS, MD_SHOP_CALENDAR_HOLIDAYS,
            MD_CALENDAR_ABSENCE_ENTRIES, MD_STOP_CODES);

    public static final List<String> EVENTS = List.of(
            MACHINE_COUNTERS, MACHINE_STATES, OPERATION_EVENTS, JOURNAL_LINES, ORDER_STATUS_CHANGES,
            LEDGER_ITEM_ENTRIES, LEDGER_CAPACITY_ENTRIES, LEDGER_VALUE_ENTRIES, LEDGER_WAREHOUSE_ENTRIES,
            LEDGER_GL_ENTRIES, LEDGER_ITEM_COST_UPDATES, LEDGER_ORDER_STATUS, DEAD_LETTERS, MACHINE_KPIS);

    public static final List<String> ALL = concat(EVENTS, MASTER_DATA);
    /** What the posting job reads: where a dead letter of the job goes back to when it is re-driven. */
    public static final List<String> POSTING_INPUTS = concat(List.of(MACHINE_COUNTERS, MACHINE_STATES,
            OPERATION_EVENTS, JOURNAL_LINES, ORDER_STATUS_CHANGES), MASTER_DATA);

    private KafkaTopics() {}

    /** True for the compacted master-data topics. */
    public static boolean isCompacted(String topic) {
        return MASTER_DATA.contains(topic);
    }

    /** The topic definitions: master data compacted, the rest deleted by the broker's retention. */
    public static boolean isKeptForever(String topic) {
        return topic.startsWith("ledger-") || topic.equals(DEAD_LETTERS);
    }

    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : ALL) {
            NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor));
            if (isCompacted(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            } else if (isKeptForever(name)) {
                // The ledger is the record, and dead letters wait for a replay: retention would delete them (their
                // timestamps are event times, old on a replay).
                topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
            }
            topics.add(topic);
        }
        return topics;
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are, so this is safe at every
     * start-up) and returns the names it created.
     */
    public static Set<String> createMissing(Admin admin, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = definitions(partitions, replicationFactor).stream()
                .filter(topic -> !existing.contains(topic.name()))
                .toList();
        // Another process may create the same topics at the same time; Kafka then reports
        // TopicExistsException for those, which is fine here.
        Set<String> created = new TreeSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get();
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    /** {@link #createMissing(Admin, int, short)} with a short-lived admin client. */
    public static Set<String> createMissing(String bootstrapServers, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return createMissing(admin, partitions, replicationFactor);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}

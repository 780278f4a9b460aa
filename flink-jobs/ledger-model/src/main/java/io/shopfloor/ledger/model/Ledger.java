package io.shopfloor.ledger.model;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.ItemCostUpdate;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.ledger.WarehouseEntry;
import org.apache.avro.specific.SpecificRecord;

/** The ledgers an entry can belong to, each with its Kafka record and topic (none for warehouse requests). */
public enum Ledger {
    ITEM_LEDGER_ENTRY(ItemLedgerEntry.class, KafkaTopics.LEDGER_ITEM_ENTRIES),
    CAPACITY_LEDGER_ENTRY(CapacityLedgerEntry.class, KafkaTopics.LEDGER_CAPACITY_ENTRIES),
    VALUE_ENTRY(ValueEntry.class, KafkaTopics.LEDGER_VALUE_ENTRIES),
    WAREHOUSE_ENTRY(WarehouseEntry.class, KafkaTopics.LEDGER_WAREHOUSE_ENTRIES),
    ORDER_STATUS_CHANGE(OrderStatusChange.class, KafkaTopics.LEDGER_ORDER_STATUS),
    GENERAL_LEDGER_ENTRY(GeneralLedgerEntry.class, KafkaTopics.LEDGER_GL_ENTRIES),
    ITEM_COST_UPDATE(ItemCostUpdate.class, KafkaTopics.LEDGER_ITEM_COST_UPDATES),
    /** The contracts have no record for warehouse requests: they reach the ledger store only. */
    WAREHOUSE_REQUEST(null, null);

    private final Class<? extends SpecificRecord> recordType;
    private final String topic;

    Ledger(Class<? extends SpecificRecord> recordType, String topic) {
        this.recordType = recordType;
        this.topic = topic;
    }

    /** The Avro record of the ledger's topic; null when it has none. */
    public Class<? extends SpecificRecord> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }
}

package io.shopfloor.job.avro;

import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.ledger.model.AvroLedger;
import io.shopfloor.ledger.model.LedgerFields;
import io.shopfloor.ledger.model.LedgerModel;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.ledger.WarehouseEntry;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The job's posted entries as the ledger model's fields ({@link #fields(PostedEntry)}, from which both the Kafka
 * records and the ledger store's rows are made) and as the Avro ledger records. The mapping itself is
 * {@link LedgerModel} (module ledger-model); this class only hands it what a {@link PostedEntry} carries.
 */
public final class LedgerMapping {

    private LedgerMapping() {
    }

    /** A posted entry (ledger entry, G/L entry or item cost update) with its key and event time. */
    public static LedgerFields fields(PostedEntry posted) {
        if (posted.glEntry() != null) {
            return LedgerModel.generalLedgerEntry(posted.glEntry(), posted.eventTime());
        }
        if (posted.itemCostUpdate() != null) {
            return LedgerModel.itemCostUpdate(posted.itemCostUpdate(), posted.key(), posted.eventTime());
        }
        return LedgerModel.entry(posted.entry(), posted.key(), posted.eventTime(), posted.costAmountExpected(),
                posted.costAmountActual(), posted.postingGroups());
    }

    /** The posted entry's Kafka record; null for a warehouse request (no record in the contracts). */
    public static SpecificRecord record(PostedEntry posted) {
        LedgerFields fields = fields(posted);
        return fields.ledger().recordType() == null ? null : AvroLedger.record(fields);
    }

    /**
     * One posting's entries, in posting order. {@code unmapped} holds the warehouse requests: the contracts have
     * no record for them.
     */
    public record Mapped(List<SpecificRecord> records, List<WarehouseRequest> unmapped) {
    }

    /**
     * Maps a whole posting. An item ledger entry's cost amounts are the sums of the value entries of the same
     * posting that belong to it (the Avro doc: "sum of this entry's value entries at posting time").
     *
     * @param eventTime the input's event time, for status changes (the rules have no clock)
     */
    public static Mapped posting(List<LedgerEntry> entries, Instant eventTime) {
        List<SpecificRecord> records = new ArrayList<>();
        List<WarehouseRequest> unmapped = new ArrayList<>();
        for (PostedEntry posted : PostedEntry.of(null, eventTime, entries)) {
            if (posted.warehouseRequest() != null) {
                unmapped.add(posted.warehouseRequest());
            } else {
                records.add(record(posted));
            }
        }
        return new Mapped(List.copyOf(records), List.copyOf(unmapped));
    }

    public static ItemLedgerEntry itemLedgerEntry(io.shopfloor.posting.ledger.ItemLedgerEntry e,
                                                  BigDecimal costAmountExpected, BigDecimal costAmountActual) {
        return AvroLedger.record(LedgerModel.itemLedgerEntry(e, costAmountExpected, costAmountActual, null, null),
                ItemLedgerEntry.class);
    }

    public static CapacityLedgerEntry capacityLedgerEntry(io.shopfloor.posting.ledger.CapacityLedgerEntry e) {
        return AvroLedger.record(LedgerModel.capacityLedgerEntry(e, null, null), CapacityLedgerEntry.class);
    }

    public static GeneralLedgerEntry generalLedgerEntry(GlEntry e) {
        return AvroLedger.record(LedgerModel.generalLedgerEntry(e, null), GeneralLedgerEntry.class);
    }

    public static ValueEntry valueEntry(io.shopfloor.posting.ledger.ValueEntry e) {
        return valueEntry(e, null);
    }

    /** With the posting groups and global dimension values the value entry got as of posting (null: blank). */
    public static ValueEntry valueEntry(io.shopfloor.posting.ledger.ValueEntry e, ValuePostingGroups groups) {
        return AvroLedger.record(LedgerModel.valueEntry(e, groups, null, null), ValueEntry.class);
    }

    public static WarehouseEntry warehouseEntry(io.shopfloor.posting.ledger.WarehouseEntry e) {
        return AvroLedger.record(LedgerModel.warehouseEntry(e, null, null), WarehouseEntry.class);
    }

    /** The Avro status change needs an event time the rules do not have, so the caller passes the input's. */
    public static OrderStatusChange orderStatusChange(OrderStatusEntry e, Instant eventTime) {
        return AvroLedger.record(LedgerModel.orderStatusChange(e, null, Objects.requireNonNull(eventTime,
                "eventTime")), OrderStatusChange.class);
    }

    /** See {@link LedgerModel#sourceEventId(String)}. */
    public static String sourceEventId(String idempotencyKey) {
        return LedgerModel.sourceEventId(idempotencyKey);
    }
}

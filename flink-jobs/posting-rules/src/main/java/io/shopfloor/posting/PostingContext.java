package io.shopfloor.posting;

import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.model.CapacityUnitOfMeasure;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * One input's posting: master data, settings, entry numbering, the entries produced so far in posting order, and
 * the idempotency keys ({@code sourceId/ILE1}, {@code sourceId/VE3}, ...: the same input gives the same keys).
 * Rules check everything first and then apply; {@link #beginApply()} marks the point after which a refusal
 * would leave half a posting, so it is treated as a bug instead.
 */
final class PostingContext {
    final MasterData masterData;
    final PostingSettings settings;
    final String sourceId;
    private final EntryNumbers numbers;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final List<ItemCostUpdate> itemCostUpdates = new ArrayList<>();
    private int itemLedgerEntries;
    private int capacityLedgerEntries;
    private int valueEntries;
    private int warehouseEntries;
    private int warehouseRequests;
    private int statusChanges;
    private boolean applying;

    PostingContext(MasterData masterData, PostingSettings settings, EntryNumbers numbers, String sourceId) {
        this.masterData = masterData;
        this.settings = settings;
        this.numbers = numbers;
        this.sourceId = sourceId;
    }

    static Refused refuse(RefusalReason reason, String detail) {
        return new Refused(reason, detail);
    }

    /** Posting requires a Released order that is not Blocked. */
    static void checkPostable(ProductionOrder order) {
        if (order.status() != OrderStatus.RELEASED) {
            throw refuse(RefusalReason.ORDER_NOT_RELEASED, order.no() + " is " + order.status());
        }
        if (order.isBlocked()) {
            throw refuse(RefusalReason.ORDER_BLOCKED, order.no());
        }
    }

    static OrderLine orderLine(ProductionOrder order, int lineNo) {
        return order.line(lineNo).orElseThrow(() ->
                refuse(RefusalReason.ORDER_LINE_NOT_FOUND, order.no() + " line " + lineNo));
    }

    void beginApply() {
        applying = true;
    }

    boolean isApplying() {
        return applying;
    }

    Item item(String no) {
        return masterData.item(no).orElseThrow(() -> refuse(RefusalReason.ITEM_NOT_FOUND, "item " + no));
    }

    /** The location card; a blank code is a location without warehouse handling. */
    Location location(String code) {
        if (code == null || code.isBlank()) {
            return Location.simple("");
        }
        return masterData.location(code)
                .orElseThrow(() -> refuse(RefusalReason.LOCATION_NOT_FOUND, "location " + code));
    }

    CapacityUnitOfMeasure capacityUnit(String code) {
        return masterData.capacityUnitOfMeasure(code).orElseThrow(() ->
                refuse(RefusalReason.CAPACITY_UNIT_OF_MEASURE_NOT_FOUND, "capacity unit of measure " + code));
    }

    long nextItemLedgerEntryNo() {
        return numbers.nextItemLedgerEntryNo();
    }

    long nextCapacityLedgerEntryNo() {
        return numbers.nextCapacityLedgerEntryNo();
    }

    long nextValueEntryNo() {
        return numbers.nextValueEntryNo();
    }

    long nextWarehouseEntryNo() {
        return numbers.nextWarehouseEntryNo();
    }

    String itemLedgerEntryKey() {
        return sourceId + "/ILE" + (++itemLedgerEntries);
    }

    String capacityLedgerEntryKey() {
        return sourceId + "/CLE" + (++capacityLedgerEntries);
    }

    String valueEntryKey() {
        return sourceId + "/VE" + (++valueEntries);
    }

    String warehouseEntryKey() {
        return sourceId + "/WE" + (++warehouseEntries);
    }

    String warehouseRequestKey() {
        return sourceId + "/WR" + (++warehouseRequests);
    }

    String itemCostUpdateKey() {
        return sourceId + "/ICU" + (itemCostUpdates.size() + 1);
    }

    void add(ItemCostUpdate update) {
        itemCostUpdates.add(update);
    }

    String statusChangeKey() {
        return sourceId + "/ST" + (++statusChanges);
    }

    void add(LedgerEntry entry) {
        entries.add(entry);
    }

    void note(Notice.NoticeCode code, String detail) {
        notices.add(new Notice(code, detail));
    }

    PostingResult.Posted posted() {
        return new PostingResult.Posted(List.copyOf(entries), List.copyOf(notices), List.copyOf(itemCostUpdates));
    }
}

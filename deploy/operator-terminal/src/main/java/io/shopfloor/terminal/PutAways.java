package io.shopfloor.terminal;

import io.shopfloor.job.avro.JournalMapping;
import io.shopfloor.job.avro.MappingResult;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.schema.journal.JournalEntryType;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.masterdata.ProdOrderLine;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inventory put-aways of production output, without HTTP (docs/warehouse.md#completing-an-inventory-put-away): the
 * open requests of a location (each released order line at a location whose output is put away by an inventory
 * put-away, with what is still outstanding), who may complete one, the journal line a completed put-away becomes
 * (an OUTPUT line with {@code inventoryPutAway}) and its preview, mapped and posted by the rules as the job does.
 */
public final class PutAways {
    /** Most requests listed at once: a warehouse screen, not an export. */
    static final int MAX_OPEN_REQUESTS = 200;

    private final PostingRules rules;
    private final MasterDataFeed masterData;
    private final LedgerReads ledger;

    public PutAways(PostingRules rules, MasterDataFeed masterData, LedgerReads ledger) {
        this.rules = rules;
        this.masterData = masterData;
        this.ledger = ledger;
    }

    /** An order line's open put-away request: the line's remaining quantity, to go into {@code binCode}. */
    public record OpenRequest(String orderNo, int orderLineNo, String itemNo, String locationCode, String binCode,
                              BigDecimal outstandingQuantity, String unitOfMeasureCode, boolean binMandatory) {
    }

    /** Warehouse workers and supervisors complete put-aways; empty when this user may. */
    public static Optional<Journals.Refusal> mayPost(User user) {
        if (!user.role().mayPost()) {
            return Optional.of(new Journals.Refusal("READ_ONLY_ROLE",
                    user.name() + " is a cost controller: read only"));
        }
        if (user.role() == Role.OPERATOR) {
            return Optional.of(new Journals.Refusal("WAREHOUSE_ROLE_REQUIRED",
                    "a warehouse worker or a supervisor completes put-aways, not an operator"));
        }
        return Optional.empty();
    }

    /** Open requests of one location or (null) of all, by order and line; at most {@link #MAX_OPEN_REQUESTS}. */
    public List<OpenRequest> openRequests(String locationCode) throws SQLException {
        MasterData md = masterData.masterData();
        Set<String> finished = ledger.finishedOrders();
        List<OpenRequest> open = new ArrayList<>();
        for (MasterDataFeed.ReleasedOrder order : masterData.releasedOrders()) {
            if (finished.contains(order.no())
                    || order.lines().stream().noneMatch(l -> putAwayAt(md, l, locationCode))) {
                continue;
            }
            OrderState.Rebuilt rebuilt = OrderState.rebuild(rules, order.definition(), md, ledger.order(order.no()));
            if (rebuilt.order() == null) {
                continue; // the preview of a put-away on it names the refusal
            }
            for (OrderLine line : rebuilt.order().lines()) {
                Optional<Location> location = md.location(line.locationCode());
                if (location.isEmpty() || !putAwayAt(location.get(), locationCode)
                        || line.remainingQuantity().signum() <= 0) {
                    continue;
                }
                open.add(new OpenRequest(order.no(), line.lineNo(), line.itemNo(), line.locationCode(), line.binCode(),
                        line.remainingQuantity().stripTrailingZeros(), line.unitOfMeasureCode(),
                        location.get().binMandatory()));
                if (open.size() == MAX_OPEN_REQUESTS) {
                    return open;
                }
            }
        }
        return open;
    }

    private static boolean putAwayAt(MasterData md, ProdOrderLine line, String locationCode) {
        return md.location(String.valueOf(line.getLocationCode())).map(l -> putAwayAt(l, locationCode)).orElse(false);
    }

    private static boolean putAwayAt(Location location, String locationCode) {
        return location.prodOutputWhseHandling() == ProdOutputWhseHandling.INVENTORY_PUT_AWAY
                && (locationCode == null || location.code().equals(locationCode));
    }

    /** The journal line a completed put-away is sent as. */
    public static JournalLine journalLine(PutAwayRequest r, String sourceId, String postedBy) {
        BigDecimal zero = BigDecimal.ZERO.setScale(5);
        return JournalLine.newBuilder()
                .setEntryType(JournalEntryType.OUTPUT).setSourceId(sourceId).setPostingDate(r.postingDate())
                .setDocumentNo(r.documentNo()).setOrderNo(r.orderNo()).setOrderLineNo(r.orderLineNo())
                .setOperationNo("").setType(null).setNo("").setSetupTime(zero).setRunTime(zero).setStopTime(zero)
                .setCapUnitOfMeasureCode("").setQtyPerCapUnitOfMeasure(zero)
                .setOutputQuantity(r.quantity().setScale(5)).setScrapQuantity(zero).setScrapCode("").setStopCode("")
                .setFinished(false).setAppliesToEntry(null).setAppliesFromEntry(null).setItemNo("")
                .setProdOrderCompLineNo(null).setQuantity(zero).setWorkShiftCode("").setConcurrentCapacity(zero)
                .setPostedBy(postedBy).setInventoryPutAway(true).setBinCode(r.binCode())
                .build();
    }

    /** A dry run: the entries the job would post for this put-away now, or its refusal in words. */
    public Preview preview(PutAwayRequest r, String sourceId, String postedBy) throws SQLException {
        MasterData md = masterData.masterData();
        OrderLedgerRows rows = ledger.order(r.orderNo());
        if (rows.isFinished()) {
            return Preview.refused("ORDER_FINISHED", r.orderNo() + " is finished: nothing more can be posted on it");
        }
        Optional<MasterDataFeed.ReleasedOrder> order = masterData.releasedOrder(r.orderNo());
        if (order.isEmpty()) {
            return Preview.refused("ORDER_NOT_RELEASED", r.orderNo() + " is not a released production order");
        }
        OrderState.Rebuilt rebuilt = OrderState.rebuild(rules, order.get().definition(), md, rows);
        if (rebuilt.refusal() != null) {
            return Preview.refused("ORDER_NOT_DEFINED", rebuilt.refusal());
        }
        MappingResult<Record> mapped = JournalMapping.journalLine(journalLine(r, sourceId, null));
        if (mapped instanceof MappingResult.Failed<Record> failed) {
            return Preview.refused("INVALID_LINE", failed.reason());
        }
        PutAwayLine line = (PutAwayLine) ((MappingResult.Mapped<Record>) mapped).value();
        return Preview.of(Journals.stamped(rules.postPutAway(rebuilt.order(), line, md, rebuilt.numbers()), postedBy));
    }
}

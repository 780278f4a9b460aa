package io.shopfloor.posting.ledger;

import java.io.Serializable;

/**
 * Next entry numbers per ledger. The rules number the entries of a posting so that value entries can reference
 * item and capacity entries and Applies-to Entry can name an output entry.
 */
public final class EntryNumbers implements Serializable {
    /** The job stores this class field by field (RulesCodec in posting-job): a new field is written there too. */
    private static final long serialVersionUID = 1L;

    private long nextItemLedgerEntryNo;
    private long nextCapacityLedgerEntryNo;
    private long nextValueEntryNo;
    private long nextWarehouseEntryNo;

    public EntryNumbers(long firstItemLedgerEntryNo, long firstCapacityLedgerEntryNo, long firstValueEntryNo,
                        long firstWarehouseEntryNo) {
        this.nextItemLedgerEntryNo = firstItemLedgerEntryNo;
        this.nextCapacityLedgerEntryNo = firstCapacityLedgerEntryNo;
        this.nextValueEntryNo = firstValueEntryNo;
        this.nextWarehouseEntryNo = firstWarehouseEntryNo;
    }

    public static EntryNumbers startingAtOne() {
        return new EntryNumbers(1, 1, 1, 1);
    }

    /** The number the next item ledger entry gets, without taking it (for the job's state serializer). */
    public long peekItemLedgerEntryNo() {
        return nextItemLedgerEntryNo;
    }

    public long peekCapacityLedgerEntryNo() {
        return nextCapacityLedgerEntryNo;
    }

    public long peekValueEntryNo() {
        return nextValueEntryNo;
    }

    public long peekWarehouseEntryNo() {
        return nextWarehouseEntryNo;
    }

    public long nextItemLedgerEntryNo() {
        return nextItemLedgerEntryNo++;
    }

    public long nextCapacityLedgerEntryNo() {
        return nextCapacityLedgerEntryNo++;
    }

    public long nextValueEntryNo() {
        return nextValueEntryNo++;
    }

    public long nextWarehouseEntryNo() {
        return nextWarehouseEntryNo++;
    }
}

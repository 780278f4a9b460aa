package io.shopfloor.cdc;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One row change of an ERP table as the database log reported it, values normalized to plain Java (text, integers,
 * booleans, BigDecimal, LocalDate, Instant; decimals may still be text).
 *
 * @param before     the row before an update or delete (null for snapshot rows and inserts, or when the table
 *                   does not log it)
 * @param after      the row after a snapshot read, insert or update (null for deletes)
 * @param lsn        the log position of the change; null for snapshot rows
 * @param commitTime commit time of the change (the snapshot's time for snapshot rows)
 * @param rawEvent   the change event as the source reported it, for dead letters (computed on demand)
 */
public record RowChange(MasterDataTable table, Operation operation, Map<String, Object> before,
                        Map<String, Object> after, Long lsn, Instant commitTime, Supplier<byte[]> rawEvent) {

    /** What happened to the row. */
    public enum Operation { SNAPSHOT, INSERT, UPDATE, DELETE }
}

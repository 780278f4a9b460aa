package io.shopfloor.cdc;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * A row change to the records Kafka gets. Snapshot rows, inserts and updates write the row under its natural key;
 * a delete writes the row's last state with {@code deleted = true} under its key (a record, not a bare tombstone:
 * the posting job must see it). An update that changes the key (a status change moves an order's rows from one
 * status to the next) first deletes the old key, then writes the new one. A row that does not fit its contract
 * becomes one dead letter with the reason and the raw change event, and nothing else.
 */
public final class ChangeMapper {
    public static final String UNMAPPABLE_ROW = "UNMAPPABLE_ROW";
    public static final String STAGE = "erp-cdc";

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    public List<OutgoingRecord> map(RowChange change) {
        try {
            return switch (change.operation()) {
                case SNAPSHOT, INSERT -> List.of(upsert(change, RowConverter.toRecord(change.table(), change.after())));
                case UPDATE -> update(change);
                case DELETE -> List.of(deleted(change, change.before()));
            };
        } catch (UnmappableRowException e) {
            return List.of(deadLetter(change, e.getMessage()));
        } catch (AvroRuntimeException e) {
            return List.of(deadLetter(change, "does not encode: " + e.getMessage()));
        }
    }

    private List<OutgoingRecord> update(RowChange change) throws UnmappableRowException {
        SpecificRecord row = RowConverter.toRecord(change.table(), change.after());
        List<OutgoingRecord> records = new ArrayList<>(2);
        if (change.before() != null) {
            SpecificRecord previous = RowConverter.toDeletedRecord(change.table(), change.before());
            if (!NaturalKey.of(change.table(), previous).equals(NaturalKey.of(change.table(), row))) {
                records.add(deleted(change, change.before()));
            }
        }
        records.add(upsert(change, row));
        return records;
    }

    private OutgoingRecord upsert(RowChange change, SpecificRecord row) {
        return outgoing(change, stamp(row, false, change));
    }

    private OutgoingRecord deleted(RowChange change, Map<String, Object> lastState) throws UnmappableRowException {
        if (lastState == null) {
            throw new UnmappableRowException("a delete without the deleted row's key");
        }
        return outgoing(change, stamp(RowConverter.toDeletedRecord(change.table(), lastState), true, change));
    }

    private static SpecificRecord stamp(SpecificRecord record, boolean deleted, RowChange change) {
        record.put(record.getSchema().getField("deleted").pos(), deleted);
        record.put(record.getSchema().getField("sourceLsn").pos(), change.lsn());
        record.put(record.getSchema().getField("sourceTimestamp").pos(), change.commitTime());
        return record;
    }

    private OutgoingRecord outgoing(RowChange change, SpecificRecord record) {
        MasterDataTable table = change.table();
        String key = NaturalKey.of(table, record);
        String partitionKey = table.isOrderTable() ? NaturalKey.orderNo(table, record) : key;
        return new OutgoingRecord(table.topic(), key, partitionKey, record, encode(record),
                change.commitTime().toEpochMilli());
    }

    private OutgoingRecord deadLetter(RowChange change, String reason) {
        String key = keyIfKnown(change);
        String position = change.lsn() != null ? "lsn" + change.lsn() : "snapshot/" + (key != null ? key : "?");
        DeadLetter deadLetter = DeadLetter.newBuilder()
                .setId(STAGE + "/" + change.table().qualifiedName() + "/" + position)
                .setSourceTopic(change.table().qualifiedName())
                .setKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(change.rawEvent().get()))
                .setReasonCode(UNMAPPABLE_ROW)
                .setReasonDetail(change.operation() + " of " + change.table().qualifiedName() + ": " + reason)
                .setFailedAt(change.commitTime())
                .setStage(STAGE)
                .setAttempt(1)
                .build();
        return new OutgoingRecord(KafkaTopics.DEAD_LETTERS, deadLetter.getId(), deadLetter.getId(), deadLetter,
                encode(deadLetter), change.commitTime().toEpochMilli());
    }

    /** The natural key of the row, if its key columns at least convert. */
    private static String keyIfKnown(RowChange change) {
        Map<String, Object> row = change.after() != null ? change.after() : change.before();
        if (row == null) {
            return null;
        }
        try {
            return NaturalKey.of(change.table(), RowConverter.toDeletedRecord(change.table(), row));
        } catch (UnmappableRowException e) {
            return null;
        }
    }

    private byte[] encode(SpecificRecord record) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(record.getClass(),
                ChangeMapper::encoderOf);
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new AvroRuntimeException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static BinaryMessageEncoder<SpecificRecord> encoderOf(Class<?> type) {
        return (BinaryMessageEncoder<SpecificRecord>) ShopfloorSchemas.encoder(type.asSubclass(SpecificRecord.class));
    }
}

package io.shopfloor.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SingleObjectCodecTest {

  static List<Class<? extends SpecificRecord>> records() {
    return ShopfloorSchemas.records();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void unknownFingerprintIsAMissingSchema(Class<? extends SpecificRecord> type) throws IOException {
    byte[] payload = currentPayload(type);
    payload[2] ^= 0x01; // bytes 2..9 are the writer schema fingerprint

    assertThrows(MissingSchemaException.class, () -> ShopfloorSchemas.decoder(type).decode(payload));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void encoderWritesWhatTheCurrentSchemaWrites(Class<? extends SpecificRecord> type) throws IOException {
    byte[] payload = currentPayload(type);
    SpecificRecord decoded = ShopfloorSchemas.decoder(type).decode(payload);

    assertArrayEquals(payload, bytes(encode(type, decoded)));
  }

  @Test
  void aMessageOfAnotherRecordIsAMissingSchema() throws IOException {
    byte[] statusChange = currentPayload(OrderStatusChange.class);

    assertThrows(MissingSchemaException.class, () -> ShopfloorSchemas.decoder(JournalLine.class).decode(statusChange));
  }

  @Test
  void counterReadingFromAV1ProducerHasNoSequenceAndNoReceiveTime() throws IOException {
    Schema v1 = ShopfloorSchemas.history("MachineCounterReading").get(0);
    GenericData.Record reading = new GenericData.Record(v1);
    reading.put("machineId", "press-7");
    reading.put("counterName", "good_parts");
    reading.put("counterKind", new GenericData.EnumSymbol(v1.getField("counterKind").schema(), "GOOD"));
    reading.put("value", 65_535L);
    reading.put("widthBits", 16);
    reading.put("bootEpoch", 3L);
    reading.put("sourceTimestamp", Instant.parse("2026-03-02T06:00:00.123Z"));
    reading.put("sourceTopic", "plant1/press-7/counters");
    ByteBuffer payload = new BinaryMessageEncoder<GenericData.Record>(RecordGenerator.MODEL, v1).encode(reading);

    MachineCounterReading decoded = ShopfloorSchemas.decoder(MachineCounterReading.class).decode(payload);

    assertEquals(MachineCounterReading.newBuilder()
        .setMachineId("press-7").setCounterName("good_parts").setCounterKind(CounterKind.GOOD)
        .setValue(65_535L).setWidthBits(16).setBootEpoch(3L).setSequenceNumber(null)
        .setSourceTimestamp(Instant.parse("2026-03-02T06:00:00.123Z")).setReceivedTimestamp(null)
        .setSourceTopic("plant1/press-7/counters").build(), decoded);
    assertNull(decoded.getSequenceNumber());
    assertNull(decoded.getReceivedTimestamp());
  }

  /** A current-version payload built generically from the history file, not from the class. */
  private static byte[] currentPayload(Class<? extends SpecificRecord> type) throws IOException {
    List<Schema> history = ShopfloorSchemas.history(type.getSimpleName());
    Schema current = history.get(history.size() - 1);
    GenericData.Record record = new RecordGenerator(type.getName().hashCode()).record(current);
    return bytes(new BinaryMessageEncoder<GenericData.Record>(RecordGenerator.MODEL, current).encode(record));
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> ByteBuffer encode(Class<T> type, SpecificRecord record) throws IOException {
    return ShopfloorSchemas.encoder(type).encode((T) record);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}

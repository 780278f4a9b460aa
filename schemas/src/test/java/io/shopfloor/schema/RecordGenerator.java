package io.shopfloor.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/** Seeded generator of generic records whose every field differs from its default. */
final class RecordGenerator {

  /** Generic model with the same logical-type conversions the generated classes use. */
  static final GenericData MODEL = new GenericData();

  static {
    MODEL.addLogicalTypeConversion(new Conversions.DecimalConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.DateConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
  }

  private final Random random;

  RecordGenerator(long seed) {
    this.random = new Random(seed);
  }

  GenericData.Record record(Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Object defaultValue = field.hasDefaultValue() ? normalize(MODEL.getDefaultValue(field)) : null;
      Object value;
      do { // a default value would not prove the field was carried over
        value = value(field.schema());
      } while (field.hasDefaultValue() && Objects.equals(normalize(value), defaultValue));
      record.put(field.pos(), value);
    }
    return record;
  }

  private Object value(Schema schema) {
    if (schema.getLogicalType() != null) {
      return logicalValue(schema);
    }
    switch (schema.getType()) {
      case STRING: return "s" + Long.toHexString(random.nextLong());
      case INT: return random.nextInt();
      case LONG: return random.nextLong();
      case BOOLEAN: return random.nextBoolean();
      case FLOAT: return random.nextFloat();
      case DOUBLE: return random.nextDouble();
      case BYTES: return ByteBuffer.wrap(bytes(1 + random.nextInt(16)));
      case FIXED: return new GenericData.Fixed(schema, bytes(schema.getFixedSize()));
      case ENUM: return new GenericData.EnumSymbol(schema, pick(schema.getEnumSymbols()));
      case RECORD: return record(schema);
      case UNION: { // always a non-null branch: null is what a dropped value would look like
        List<Schema> branches = schema.getTypes().stream()
            .filter(s -> s.getType() != Schema.Type.NULL).toList();
        return value(pick(branches));
      }
      case ARRAY: {
        List<Object> list = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          list.add(value(schema.getElementType()));
        }
        return list;
      }
      case MAP: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          map.put("k" + random.nextInt(1000), value(schema.getValueType()));
        }
        return map;
      }
      default: throw new IllegalArgumentException("generator cannot make a " + schema);
    }
  }

  private Object logicalValue(Schema schema) {
    String name = schema.getLogicalType().getName();
    switch (name) {
      case "decimal": { // unscaled up to 19 digits, sign included; scale exactly the schema's
        int scale = ((LogicalTypes.Decimal) schema.getLogicalType()).getScale();
        return new BigDecimal(BigInteger.valueOf(random.nextLong()), scale);
      }
      case "timestamp-millis": return Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L)); // < 2100
      case "date": return LocalDate.ofEpochDay(random.nextInt(47_482)); // < 2100
      case "time-millis": return java.time.LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L);
      default: throw new IllegalArgumentException("generator cannot make a " + name + ": add it here");
    }
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Comparable form of a generic or specific value: strings, enum names, plain lists and maps. */
  static Object normalize(Object value) {
    if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(RecordGenerator::normalize).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k.toString(), normalize(v)));
      return copy;
    }
    if (value instanceof IndexedRecord record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      record.getSchema().getFields().forEach(f -> fields.put(f.name(), normalize(record.get(f.pos()))));
      return fields;
    }
    if (value instanceof Integer i) {
      return i.longValue(); // Avro promotes int to long ...
    }
    if (value instanceof Float f) {
      return f.doubleValue(); // ... and float to double
    }
    return value; // BigDecimal (scale counts), Instant, LocalDate, ByteBuffer, long, double, boolean, null
  }
}

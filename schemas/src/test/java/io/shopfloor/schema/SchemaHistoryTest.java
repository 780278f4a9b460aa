package io.shopfloor.schema;

import static io.shopfloor.schema.RecordGenerator.normalize;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.HistoryFiles.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every released writer schema stays readable by the current classes. Cases come from the files. */
class SchemaHistoryTest {

  static List<Version> versions() throws IOException {
    return HistoryFiles.versions();
  }

  static List<String> records() throws IOException {
    return HistoryFiles.records();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void oldPayloadDecodesIntoTheCurrentClass(Version version) throws IOException {
    Schema writer = version.schema();
    Class<? extends SpecificRecord> type = HistoryFiles.currentClass(writer);
    GenericData.Record old = new RecordGenerator(version.toString().hashCode()).record(writer);
    ByteBuffer payload = new BinaryMessageEncoder<GenericData.Record>(RecordGenerator.MODEL, writer).encode(old);

    SpecificRecord decoded = ShopfloorSchemas.decoder(type).decode(payload);

    Schema reader = decoded.getSchema();
    List<Executable> checks = new ArrayList<>();
    for (Schema.Field was : writer.getFields()) {
      checks.add(() -> assertNotNull(readerField(reader, was), version + ": field " + was.name() + " was dropped"));
    }
    for (Schema.Field field : reader.getFields()) {
      Schema.Field source = writerField(writer, field);
      Object expected = source != null
          ? normalize(old.get(source.pos()))
          : normalize(SpecificData.getForClass(type).getDefaultValue(field)); // added after this version
      checks.add(() -> assertEquals(expected, normalize(decoded.get(field.pos())),
          version + ": field " + field.name() + (source == null ? " (added later, expects its default)" : "")));
    }
    assertAll(checks);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void currentSchemaIsTheLastReleasedVersion(String record) {
    List<Schema> history = ShopfloorSchemas.history(record);
    Schema last = history.get(history.size() - 1);
    Schema current = withoutJavaProps(HistoryFiles.currentSchema(last));
    String advice = record + " changed without a release: keep v" + history.size()
        + " and add schema-history/" + record + "/v" + (history.size() + 1) + ".avsc with\n" + current.toString(true);

    assertEquals(fingerprint(last), fingerprint(current), advice);
    // Stricter than the fingerprint, which ignores defaults and logical types (decimal scale!).
    assertEquals(last, current, advice);
    assertEquals(history.size(), history.stream().map(SchemaHistoryTest::fingerprint).distinct().count(),
        record + ": two versions share a fingerprint, so old payloads would be read with the wrong one");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void everyVersionIsCompatibleWithTheCurrentSchema(Version version) {
    Schema writer = version.schema();
    Schema reader = HistoryFiles.currentSchema(writer);

    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(), version + ": " + result.getDescription());
    // Avro's check does not look at logical types; a shared field must keep its meaning.
    for (Schema.Field field : reader.getFields()) {
      Schema.Field source = writerField(writer, field);
      if (source != null) {
        Set<String> was = logicalTypes(source.schema());
        Set<String> is = logicalTypes(field.schema());
        assertTrue(is.containsAll(was), version + ": " + field.name() + " was " + was + ", is " + is);
      }
    }
  }

  @Test
  void everyRecordIsRegisteredWithItsWholeHistory() throws IOException {
    Set<String> sources = recordsInAvroSources();
    Set<String> registered = ShopfloorSchemas.records().stream().map(Class::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> withHistory = versions().stream().map(v -> v.schema().getFullName())
        .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(sources, registered, "records in src/main/avro vs ShopfloorSchemas.RECORDS");
    assertEquals(sources, withHistory, "records in src/main/avro vs schema-history directories");
    for (String record : records()) {
      long files = versions().stream().filter(v -> v.record().equals(record)).count();
      assertEquals(files, ShopfloorSchemas.history(record).size(), record + ": versions must be v1..vN without gaps");
    }
  }

  /** Reader field fed by a writer field: same name, or a writer name listed in the reader's aliases. */
  static Schema.Field writerField(Schema writer, Schema.Field readerField) {
    Schema.Field field = writer.getField(readerField.name());
    for (String alias : readerField.aliases()) {
      field = field != null ? field : writer.getField(alias);
    }
    return field;
  }

  private static Schema.Field readerField(Schema reader, Schema.Field writerField) {
    return reader.getFields().stream()
        .filter(f -> f.name().equals(writerField.name()) || f.aliases().contains(writerField.name()))
        .findFirst().orElse(null);
  }

  private static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** The generated classes add "avro.java.string" (stringType=String); history files are plain Avro. */
  private static Schema withoutJavaProps(Schema schema) {
    return new Schema.Parser().parse(schema.toString().replace(",\"avro.java.string\":\"String\"", ""));
  }

  /** Logical types a field can carry, e.g. [decimal(38,5)]; plain types are left out: promotions are legal. */
  private static Set<String> logicalTypes(Schema schema) {
    Set<String> types = new TreeSet<>();
    for (Schema branch : schema.isUnion() ? schema.getTypes() : List.of(schema)) {
      LogicalType type = branch.getLogicalType();
      if (type instanceof LogicalTypes.Decimal decimal) {
        types.add("decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")");
      } else if (type != null) {
        types.add(type.getName());
      }
    }
    return types;
  }

  /** Record names declared in src/main/avro, parsed the way the build does (common/ first). */
  private static Set<String> recordsInAvroSources() throws IOException {
    Path sources = Path.of("src/main/avro");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".avsc"))
          .sorted((a, b) -> Boolean.compare(!a.startsWith(sources.resolve("common")),
              !b.startsWith(sources.resolve("common"))))
          .toList();
    }
    Schema.Parser parser = new Schema.Parser();
    Set<String> records = new TreeSet<>();
    for (Path file : files) {
      Schema schema = parser.parse(file.toFile());
      if (schema.getType() == Schema.Type.RECORD) {
        records.add(schema.getFullName());
      }
    }
    return records;
  }
}

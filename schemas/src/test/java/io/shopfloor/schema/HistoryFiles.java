package io.shopfloor.schema;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Finds the history files on disk, independently of how {@link ShopfloorSchemas} finds them. */
final class HistoryFiles {

  private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

  /** One released writer schema. */
  record Version(String record, int number, Schema schema) {
    @Override
    public String toString() {
      return record + " v" + number;
    }
  }

  private HistoryFiles() {}

  static Path root() {
    try { // target/classes is a directory on the test class path
      return Path.of(HistoryFiles.class.getResource("/schema-history").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every vN.avsc under schema-history, ordered by record and version. */
  static List<Version> versions() throws IOException {
    try (Stream<Path> files = Files.walk(root())) {
      return files.filter(Files::isRegularFile)
          .map(HistoryFiles::version)
          .sorted(Comparator.comparing(Version::record).thenComparing(Version::number))
          .toList();
    }
  }

  /** Names of the records that have a history directory. */
  static List<String> records() throws IOException {
    return versions().stream().map(Version::record).distinct().toList();
  }

  private static Version version(Path file) {
    Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not a history file name (vN.avsc): " + file);
    }
    try {
      Schema schema = new Schema.Parser().parse(file.toFile());
      return new Version(file.getParent().getFileName().toString(), Integer.parseInt(m.group(1)), schema);
    } catch (IOException e) {
      throw new IllegalStateException(file.toString(), e);
    }
  }

  /** The generated class that currently implements the record a writer schema describes. */
  @SuppressWarnings("unchecked")
  static Class<? extends SpecificRecord> currentClass(Schema writer) {
    Class<?> type = SpecificData.get().getClass(writer);
    if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
      throw new IllegalStateException("no generated class for " + writer.getFullName());
    }
    return (Class<? extends SpecificRecord>) type;
  }

  static Schema currentSchema(Schema writer) {
    return SpecificData.get().getSchema(currentClass(writer));
  }
}

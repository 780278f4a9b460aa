package io.shopfloor.schema;

import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.ItemCostUpdate;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.ledger.WarehouseEntry;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.DefaultDimension;
import io.shopfloor.schema.masterdata.GenBusinessPostingGroup;
import io.shopfloor.schema.masterdata.GenProductPostingGroup;
import io.shopfloor.schema.masterdata.GeneralLedgerSetup;
import io.shopfloor.schema.masterdata.GeneralPostingSetup;
import io.shopfloor.schema.masterdata.InventoryPostingGroup;
import io.shopfloor.schema.masterdata.InventoryPostingSetup;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import io.shopfloor.schema.masterdata.CalendarAbsenceEntry;
import io.shopfloor.schema.masterdata.ShopCalendar;
import io.shopfloor.schema.masterdata.ShopCalendarHoliday;
import io.shopfloor.schema.masterdata.ShopCalendarWorkingDay;
import io.shopfloor.schema.masterdata.StopCode;
import io.shopfloor.schema.masterdata.WorkShift;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineKpi;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Schema evolution without a registry: every message is Avro single-object encoded (2-byte marker +
 * 8-byte schema fingerprint + body), and every writer schema ever released ships in this jar under
 * {@code schema-history/<RecordSimpleName>/v<N>.avsc} (v1..vN, the last one is the current schema).
 *
 * <p>A reader knows only the writer schemas that were released before it was built, so upgrade
 * consumers before producers. A payload whose fingerprint is unknown fails with
 * {@link org.apache.avro.message.MissingSchemaException}: route it to the dead letters.
 *
 * <p>To change a schema: edit {@code src/main/avro}, then add the new schema, self-contained, as
 * {@code schema-history/<Name>/v<N+1>.avsc} (SchemaHistoryTest fails until you do, and prints it).
 * Released files are never edited.
 *
 * <p>Encoders and decoders are thread-safe; create them once and keep them.
 */
public final class ShopfloorSchemas {

  /** Every record that crosses a process boundary. */
  private static final List<Class<? extends SpecificRecord>> RECORDS = List.of(
      MachineCounterReading.class, MachineStateChange.class, OperationEvent.class, MachineKpi.class,
      ProductionOrder.class, ProdOrderLine.class, ProdOrderRoutingLine.class, ProdOrderComponent.class,
      Item.class, WorkCenter.class, MachineCenter.class, Location.class, ManufacturingSetup.class,
      InventoryPostingGroup.class, InventoryPostingSetup.class, GenBusinessPostingGroup.class,
      GenProductPostingGroup.class, GeneralPostingSetup.class, GeneralLedgerSetup.class, DefaultDimension.class,
      WorkShift.class, ShopCalendar.class, ShopCalendarWorkingDay.class, ShopCalendarHoliday.class,
      CalendarAbsenceEntry.class, StopCode.class,
      JournalLine.class, OrderStatusChange.class,
      ItemLedgerEntry.class, CapacityLedgerEntry.class, ValueEntry.class, WarehouseEntry.class,
      GeneralLedgerEntry.class, ItemCostUpdate.class,
      DeadLetter.class);

  private static final Map<String, List<Schema>> HISTORY = loadHistory();

  private ShopfloorSchemas() {}

  /** The record classes this jar carries a history for. */
  public static List<Class<? extends SpecificRecord>> records() {
    return RECORDS;
  }

  /** All released writer schemas of a record, oldest first; accepts the simple or the full name. */
  public static List<Schema> history(String recordName) {
    List<Schema> versions = HISTORY.get(recordName.substring(recordName.lastIndexOf('.') + 1));
    if (versions == null
        || (recordName.contains(".") && !versions.get(0).getFullName().equals(recordName))) {
      throw new IllegalArgumentException("no schema history for " + recordName);
    }
    return versions;
  }

  /**
   * Decodes single-object messages written with any released version of {@code type}. The store
   * holds only this record's versions, so a message of another record type is an unknown schema
   * (MissingSchemaException) rather than a confusing resolution error.
   */
  public static <T extends SpecificRecord> BinaryMessageDecoder<T> decoder(Class<T> type) {
    SchemaStore.Cache store = new SchemaStore.Cache();
    history(type.getName()).forEach(store::addSchema);
    SpecificData model = SpecificData.getForClass(type); // carries the decimal/time conversions
    return new BinaryMessageDecoder<>(model, model.getSchema(type), store);
  }

  /** Encodes with the current schema of {@code type}. */
  public static <T extends SpecificRecord> BinaryMessageEncoder<T> encoder(Class<T> type) {
    history(type.getName()); // refuse records without a history: nobody could read them later
    SpecificData model = SpecificData.getForClass(type);
    return new BinaryMessageEncoder<>(model, model.getSchema(type));
  }

  private static Map<String, List<Schema>> loadHistory() {
    Map<String, List<Schema>> all = new LinkedHashMap<>();
    for (Class<? extends SpecificRecord> type : RECORDS) {
      String name = type.getSimpleName();
      List<Schema> versions = new ArrayList<>();
      // Versions are numbered without gaps; the first missing file ends the history.
      for (int v = 1; ; v++) {
        Schema schema = load("/schema-history/" + name + "/v" + v + ".avsc");
        if (schema == null) {
          break;
        }
        if (!schema.getFullName().equals(type.getName())) {
          throw new IllegalStateException(name + " v" + v + " describes " + schema.getFullName());
        }
        versions.add(schema);
      }
      if (versions.isEmpty()) {
        throw new IllegalStateException("no schema-history/" + name + "/v1.avsc");
      }
      all.put(name, List.copyOf(versions));
    }
    return all;
  }

  private static Schema load(String resource) {
    try (InputStream in = ShopfloorSchemas.class.getResourceAsStream(resource)) {
      // A fresh parser per file: each history file must be self-contained.
      return in == null ? null : new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}

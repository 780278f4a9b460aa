package io.shopfloor.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErpCdcSettingsTest {
    @Test
    void argumentsWithDefaultsAndThePasswordFromTheEnvironment() {
        ErpCdcSettings settings = ErpCdcSettings.fromArguments(List.of("--jdbc-url=jdbc:postgresql://erp:5433/bc",
                "--user=cdc", "--bootstrap-servers=kafka:9092", "--data-dir=/var/lib/erp-cdc"),
                Map.of("PGPASSWORD", "secret"));
        assertEquals(new ErpCdcSettings("jdbc:postgresql://erp:5433/bc", "cdc", "secret", "kafka:9092",
                Path.of("/var/lib/erp-cdc"), "shopfloor_erp_cdc", "shopfloor_erp_cdc", 2, (short) 1), settings);

        ErpCdcSettings explicit = ErpCdcSettings.fromArguments(List.of("--jdbc-url=jdbc:postgresql://erp/bc",
                "--user=cdc", "--password=given", "--bootstrap-servers=k:9092", "--data-dir=d", "--slot=s1",
                "--publication=p1", "--partitions=6", "--replication-factor=3"), Map.of("PGPASSWORD", "ignored"));
        assertEquals(new ErpCdcSettings("jdbc:postgresql://erp/bc", "cdc", "given", "k:9092", Path.of("d"), "s1",
                "p1", 6, (short) 3), explicit);
    }

    @Test
    void missingOrUnknownArgumentsAreRefusedWithTheUsage() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ErpCdcSettings.fromArguments(List.of("--user=cdc"), Map.of()));
        assertTrue(missing.getMessage().startsWith("missing --jdbc-url\nusage: ErpCdcConnector"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ErpCdcSettings.fromArguments(List.of("--slots=x", "--jdbc=y"), Map.of()));
        assertTrue(unknown.getMessage().startsWith("unknown [jdbc, slots]\n"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ErpCdcSettings.fromArguments(List.of("user"), Map.of()));
    }

    @Test
    void theConfigurationFileSetsTheConnectorAndTheOptionsTakeThePlaceOfItsSettings(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: kafka-1:9092
                erp:
                  jdbcUrl: jdbc:postgresql://erp:5433/bc
                  user: cdc
                  passwordEnv: ERP_PASSWORD
                  dataDir: erp-cdc
                  slot: plant_a
                  topicPartitions: 6
                """);
        ErpCdcSettings settings = ErpCdcSettings.fromArguments(List.of("--config=" + file),
                Map.of("ERP_PASSWORD", "from-env", "PGPASSWORD", "ignored"));
        assertEquals(new ErpCdcSettings("jdbc:postgresql://erp:5433/bc", "cdc", "from-env", "kafka-1:9092",
                folder.resolve("erp-cdc"), "plant_a", "shopfloor_erp_cdc", 6, (short) 1), settings);
        ErpCdcSettings overridden = ErpCdcSettings.fromArguments(List.of("--config=" + file,
                "--bootstrap-servers=kafka-2:9092", "--password=given", "--slot=plant_b"),
                Map.of("ERP_PASSWORD", "from-env"));
        assertEquals(List.of("kafka-2:9092", "given", "plant_b"), List.of(overridden.bootstrapServers(),
                overridden.password(), overridden.slotName()));

        Files.writeString(file, "kafka:\n  bootstrapServers: k:1\nerp:\n  jdbcUrl: jdbc:postgresql://e/bc\n"
                + "  user: cdc\n  dataDir: d\n  slots: x\n");
        ConfigException misspelt = assertThrows(ConfigException.class,
                () -> ErpCdcSettings.fromArguments(List.of("--config=" + file), Map.of()));
        assertEquals(file + ": unknown setting erp.slots", misspelt.getMessage());
        Files.writeString(file, "kafka:\n  bootstrapServers: k:1\nerp:\n  jdbcUrl: jdbc:postgresql://e/bc\n"
                + "  user: cdc\n");
        ConfigException noDataDir = assertThrows(ConfigException.class,
                () -> ErpCdcSettings.fromArguments(List.of("--config=" + file), Map.of()));
        assertEquals(file + ": erp.dataDir is required", noDataDir.getMessage());
        Files.writeString(file, "kafka:\n  bootstrapServers: k:1\nerp:\n  jdbcUrl: jdbc:postgresql://e/bc\n"
                + "  user: cdc\n  dataDir: d\n  password: inline\n");
        ConfigException inline = assertThrows(ConfigException.class,
                () -> ErpCdcSettings.fromArguments(List.of("--config=" + file), Map.of()));
        assertTrue(inline.getMessage().startsWith(file + ": erp.password must not hold the secret itself"),
                inline.getMessage());
    }

    @Test
    void debeziumReadsTheErpTablesWithItsOwnSlotAndPublicationAndExactDecimals() {
        Properties p = ErpCdcSettings.of("jdbc:postgresql://erp.example:5433/bc?sslmode=disable", "cdc", "pw",
                "kafka:9092", Path.of("/data")).withSlotAndPublication("slot_a", "pub_a").debeziumProperties();
        assertEquals("erp.example", p.getProperty("database.hostname"));
        assertEquals("5433", p.getProperty("database.port"));
        assertEquals("bc", p.getProperty("database.dbname"));
        assertEquals("cdc", p.getProperty("database.user"));
        assertEquals("pw", p.getProperty("database.password"));
        assertEquals("pgoutput", p.getProperty("plugin.name"));
        assertEquals("slot_a", p.getProperty("slot.name"));
        assertEquals("pub_a", p.getProperty("publication.name"));
        assertEquals("filtered", p.getProperty("publication.autocreate.mode"));
        assertEquals("string", p.getProperty("decimal.handling.mode"));
        assertEquals("false", p.getProperty("tombstones.on.delete"));
        assertEquals("org.apache.kafka.connect.storage.FileOffsetBackingStore", p.getProperty("offset.storage"));
        assertEquals(Path.of("/data/offsets.dat").toString(), p.getProperty("offset.storage.file.filename"));
        assertEquals("0", p.getProperty("offset.flush.interval.ms"));
        assertEquals("erp\\.production_order,erp\\.prod_order_line,erp\\.prod_order_routing_line,"
                        + "erp\\.prod_order_component,erp\\.item,erp\\.work_center,erp\\.machine_center,erp\\.location,"
                        + "erp\\.manufacturing_setup,erp\\.inventory_posting_group,erp\\.inventory_posting_setup,"
                        + "erp\\.gen_business_posting_group,erp\\.gen_product_posting_group,"
                        + "erp\\.general_posting_setup,erp\\.general_ledger_setup,erp\\.default_dimension,"
                        + "erp\\.work_shift,erp\\.shop_calendar,erp\\.shop_calendar_working_day,"
                        + "erp\\.shop_calendar_holiday,erp\\.calendar_absence_entry,erp\\.stop_code",
                p.getProperty("table.include.list"));
        assertEquals("5432", ErpCdcSettings.of("jdbc:postgresql://erp/bc", "u", "", "k", Path.of("d"))
                .debeziumProperties().getProperty("database.port"));
        assertThrows(IllegalArgumentException.class,
                () -> ErpCdcSettings.of("jdbc:mysql://erp/bc", "u", "", "k", Path.of("d")).debeziumProperties());
    }
}

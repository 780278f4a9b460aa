package io.shopfloor.ledger;

import io.shopfloor.config.ConfigException;
import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.posting.PostingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LedgerStoreJob's command line: the configuration file's sections, the README's positional arguments over them. */
class LedgerStoreArgumentsTest {

    @Test
    void theReadmesPositionalArgumentsStillRunItWithTheDefaults() {
        LedgerStoreArguments a = LedgerStoreArguments.parse(List.of("localhost:9092",
                "jdbc:postgresql://localhost:5432/ledger", "postgres", "secret"), Map.of());
        assertEquals("localhost:9092", a.job().bootstrapServers());
        assertEquals(List.of("jdbc:postgresql://localhost:5432/ledger", "postgres", "secret"),
                List.of(a.jdbcUrl(), a.owner(), a.ownerPassword()));
        KafkaPostingJob.Config defaults = KafkaPostingJob.Config.defaults("localhost:9092");
        assertEquals(defaults.posting().machines().postingInterval(), a.job().posting().machines().postingInterval());
        assertEquals(CheckpointSettings.DEFAULTS, a.checkpoints());
        assertEquals("file:///var/cp", LedgerStoreArguments.parse(List.of("k:1", "jdbc:x", "o", "p",
                "file:///var/cp"), Map.of()).checkpoints().directory());
        assertEquals("LedgerStoreArguments[jdbc:postgresql://localhost:5432/ledger as postgres]", a.toString(),
                "never the password");
    }

    @Test
    void theFileSetsTheJobAndTheLedgerAndArgumentsTakeThePlaceOfItsSettings(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: kafka-1:9092
                plant:
                  timeZone: Europe/Berlin
                job:
                  postingInterval: 5m
                  checkpoints:
                    interval: 30s
                    directory: file:///var/lib/shopfloor/checkpoints
                  rules:
                    deviationBasis: EXPECTED
                ledger:
                  jdbcUrl: jdbc:postgresql://db:5432/ledger
                  owner: ledger_owner
                  ownerPasswordEnv: LEDGER_OWNER_PASSWORD
                """);
        LedgerStoreArguments a = LedgerStoreArguments.parse(List.of("--config", file.toString()),
                Map.of("LEDGER_OWNER_PASSWORD", "from-env"));
        assertEquals("kafka-1:9092", a.job().bootstrapServers());
        assertEquals(ZoneId.of("Europe/Berlin"), a.job().plantZone());
        assertEquals(Duration.ofMinutes(5), a.job().posting().machines().postingInterval());
        assertEquals(PostingSettings.DeviationBasis.EXPECTED, a.job().posting().posting().deviationBasis());
        assertEquals(new CheckpointSettings(Duration.ofSeconds(30), CheckpointSettings.DEFAULTS.timeout(),
                "file:///var/lib/shopfloor/checkpoints"), a.checkpoints());
        assertEquals(List.of("jdbc:postgresql://db:5432/ledger", "ledger_owner", "from-env"),
                List.of(a.jdbcUrl(), a.owner(), a.ownerPassword()));

        LedgerStoreArguments overridden = LedgerStoreArguments.parse(List.of("--config=" + file, "kafka-2:9092",
                "jdbc:postgresql://other/ledger"), Map.of("LEDGER_OWNER_PASSWORD", "from-env"));
        assertEquals(List.of("kafka-2:9092", "jdbc:postgresql://other/ledger", "ledger_owner"),
                List.of(overridden.job().bootstrapServers(), overridden.jdbcUrl(), overridden.owner()));
    }

    @Test
    void aWrongSettingOrCommandLineStopsTheStart(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        Files.writeString(file, "ledger:\n  jdbcUrll: jdbc:x\n");
        ConfigException misspelt = assertThrows(ConfigException.class,
                () -> LedgerStoreArguments.parse(List.of("--config", file.toString()), Map.of()));
        assertEquals(file + ": unknown setting ledger.jdbcUrll", misspelt.getMessage());
        Files.writeString(file, "ledger:\n  ownerPassword: secret\n");
        ConfigException secret = assertThrows(ConfigException.class,
                () -> LedgerStoreArguments.parse(List.of("--config", file.toString()), Map.of()));
        assertTrue(secret.getMessage().startsWith(file + ": ledger.ownerPassword must not hold the secret itself"),
                secret.getMessage());
        Files.writeString(file, "job:\n  postingIntervall: 5m\n");
        ConfigException job = assertThrows(ConfigException.class,
                () -> LedgerStoreArguments.parse(List.of("--config", file.toString()), Map.of()));
        assertEquals(file + ": unknown setting job.postingIntervall", job.getMessage());

        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> LedgerStoreArguments.parse(List.of("--config"), Map.of()));
        assertTrue(noFile.getMessage().contains(LedgerStoreArguments.USAGE), noFile.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LedgerStoreArguments.parse(List.of("k:1", "--verbose"),
                Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LedgerStoreArguments.parse(List.of("a", "b", "c", "d",
                "e", "f"), Map.of()));
    }
}

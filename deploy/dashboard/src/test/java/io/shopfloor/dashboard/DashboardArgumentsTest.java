package io.shopfloor.dashboard;

import io.shopfloor.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DashboardMain's command line: the configuration file, the README's five arguments in place of its settings. */
class DashboardArgumentsTest {

    @Test
    void theReadmesFiveArgumentsStillStartIt() {
        assertEquals(new DashboardSettings(8081, "jdbc:postgresql://localhost:5433/ledger", "ledger_reporting", "pw",
                        "127.0.0.1:9093"),
                DashboardArguments.parse(List.of("8081", "jdbc:postgresql://localhost:5433/ledger", "ledger_reporting",
                        "pw", "127.0.0.1:9093"), Map.of()));
    }

    @Test
    void theFileSetsItAndTheArgumentsTakeThePlaceOfItsSettings(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: kafka-1:9092
                ledger:
                  jdbcUrl: jdbc:postgresql://db:5432/ledger
                  owner: postgres
                dashboard:
                  port: 9090
                  ledgerPasswordEnv: REPORTING_PASSWORD
                """);
        assertEquals(new DashboardSettings(9090, "jdbc:postgresql://db:5432/ledger", "ledger_reporting", "from-env",
                        "kafka-1:9092"),
                DashboardArguments.parse(List.of("--config=" + file), Map.of("REPORTING_PASSWORD", "from-env")),
                "the ledger store's owner is not the dashboard's business");
        assertEquals(new DashboardSettings(0, "jdbc:x", "viewer", "given", "k:1"),
                DashboardArguments.parse(List.of("--config=" + file, "0", "jdbc:x", "viewer", "given", "k:1"),
                        Map.of("REPORTING_PASSWORD", "from-env")));

        Files.writeString(file, "dashboard:\n  ledgerPassword: secret\n");
        ConfigException inline = assertThrows(ConfigException.class,
                () -> DashboardArguments.parse(List.of("--config=" + file), Map.of()));
        assertTrue(inline.getMessage().startsWith(file + ": dashboard.ledgerPassword must not hold the secret"),
                inline.getMessage());
        Files.writeString(file, "dashboard:\n  prot: 9090\n");
        assertEquals(file + ": unknown setting dashboard.prot", assertThrows(ConfigException.class,
                () -> DashboardArguments.parse(List.of("--config=" + file), Map.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DashboardArguments.parse(List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DashboardArguments.parse(List.of("8081", "jdbc:x"),
                Map.of()));
    }
}

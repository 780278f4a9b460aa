package io.shopfloor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Path BASE = Path.of("/etc/shopfloor");

    private static Section parse(String yaml) {
        return ConfigFile.parse(yaml, "plant.yaml", BASE, Map.of());
    }

    private static String failure(Runnable read) {
        return assertThrows(ConfigException.class, read::run).getMessage();
    }

    @Test
    void typedValuesAndDefaults() {
        Section job = parse("""
                job:
                  postingInterval: 90s
                  allowedLateness: PT10M
                  finishWhenComplete: false
                  maxRows: 12
                  zone: Europe/Berlin
                  start: 14:00
                  checkpoints: data/checkpoints
                  rules:
                    mode: B
                """).section("job");
        assertEquals(Duration.ofSeconds(90), job.duration("postingInterval", Duration.ZERO));
        assertEquals(Duration.ofMinutes(10), job.duration("allowedLateness", Duration.ZERO));
        assertEquals(Duration.ofDays(7), job.duration("retention", Duration.ofDays(7)));
        assertFalse(job.bool("finishWhenComplete", true));
        assertEquals(12, job.integer("maxRows", 1, 1, 100));
        assertEquals(ZoneId.of("Europe/Berlin"), job.zone("zone", ZoneId.of("UTC")));
        assertEquals(LocalTime.of(14, 0), job.timeOfDay("start", LocalTime.MIDNIGHT));
        assertEquals(Path.of("/etc/shopfloor/data/checkpoints"), job.path("checkpoints", null));
        assertEquals(Mode.B, job.section("rules").choice("mode", Mode.A));
        assertEquals(Mode.A, job.section("other").choice("mode", Mode.A));
        job.requireAllRead();
    }

    enum Mode { A, B }

    @Test
    void aMisspeltSettingStopsTheStartWithItsPath() {
        Section job = parse("""
                job:
                  postingIntervall: 90s
                  rules:
                    snapRul: INTENDED
                """).section("job");
        job.duration("postingInterval", Duration.ofMinutes(1));
        job.section("rules").choice("snapRule", Mode.A);
        assertEquals("plant.yaml: unknown settings job.postingIntervall, job.rules.snapRul",
                failure(job::requireAllRead));
        assertEquals("plant.yaml: unknown section 'jobs' (sections: plant, kafka, job, ledger, mqtt, bridge, erp,"
                + " dashboard, simulator, embedded)", failure(() -> parse("jobs: {}")));
    }

    @Test
    void wrongValuesNameTheKeyAndWhatWasExpected() {
        Section s = parse("""
                job:
                  a: 90
                  b: 5 minutes
                  c: yes please
                  d: 0
                  e: Mars/Olympus
                  f: C
                  g: [1]
                """).section("job");
        assertEquals("plant.yaml: job.a must be a duration with its unit, like 500ms, 30s, 5m, 2h or 7d, not '90'",
                failure(() -> s.duration("a", Duration.ZERO)));
        assertEquals("plant.yaml: job.b must be a duration with its unit, like 500ms, 30s, 5m, 2h or 7d, not "
                + "'5 minutes'", failure(() -> s.duration("b", Duration.ZERO)));
        assertEquals("plant.yaml: job.c must be true or false, not 'yes please'", failure(() -> s.bool("c", true)));
        assertEquals("plant.yaml: job.d must be from 1 to 10, not 0", failure(() -> s.integer("d", 1, 1, 10)));
        assertEquals("plant.yaml: job.e must be a time zone like Europe/Berlin or UTC, not 'Mars/Olympus'",
                failure(() -> s.zone("e", ZoneId.of("UTC"))));
        assertEquals("plant.yaml: job.f must be one of [A, B], not 'C'", failure(() -> s.choice("f", Mode.A)));
        assertEquals("plant.yaml: job.g must be a mapping of settings", failure(() -> s.section("g")));
        assertEquals("plant.yaml: not YAML: mapping values are not allowed here (line 1)",
                failure(() -> parse("job: a: b")));
    }

    @Test
    void secretsComeFromAFileOrTheEnvironmentNeverFromTheConfiguration(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("erp.password"), "s3cret\n");
        Section erp = ConfigFile.parse("""
                erp:
                  passwordFile: erp.password
                kafka:
                  passwordEnv: LEDGER_PASSWORD
                mqtt:
                  password: inline
                dashboard: {}
                """, "plant.yaml", folder, Map.of());
        assertEquals("s3cret", erp.section("erp").secret("password", Map.of()));
        assertEquals("pw", erp.section("kafka").secret("password", Map.of("LEDGER_PASSWORD", "pw")));
        assertEquals("plant.yaml: kafka.passwordEnv names LEDGER_PASSWORD, which is not set",
                failure(() -> erp.section("kafka").secret("password", Map.of())));
        assertTrue(failure(() -> erp.section("mqtt").secret("password", Map.of()))
                .startsWith("plant.yaml: mqtt.password must not hold the secret itself"));
        assertNull(erp.section("dashboard").secret("password", Map.of()));
    }

    @Test
    void commandLineOverridesTakeThePlaceOfTheFilesSettings(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("plant.yaml");
        Files.writeString(file, """
                simulator:
                  speed: 60
                  enabled: true
                """);
        Section root = ConfigFile.load(file, Map.of("simulator.speed", "120", "simulator.enabled", "false",
                "embedded.dataDir", "elsewhere"));
        assertEquals(120.0, root.section("simulator").positiveNumber("speed", 1));
        assertFalse(root.section("simulator").bool("enabled", true));
        assertEquals(folder.resolve("elsewhere"), root.section("embedded").path("dataDir", null));
        assertEquals(List.of("a", "b"), ConfigFile.defaults(Map.of()).section("bridge").strings("x",
                List.of("a", "b")));
    }
}

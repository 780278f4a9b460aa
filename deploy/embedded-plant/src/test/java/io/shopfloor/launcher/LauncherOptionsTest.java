package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command line: defaults, every option the README names, --help, and wrong command lines. */
class LauncherOptionsTest {

    @Test
    void withoutArgumentsEveryOptionTakesItsDefault() throws Exception {
        assertEquals(new LauncherOptions(Path.of("plant-data"), 60, 20, 42, 12, 8080, false, true, 0, null, false),
                LauncherOptions.parse());
    }

    @Test
    void everyOptionTheReadmeNamesIsKnown() throws Exception {
        assertEquals(new LauncherOptions(Path.of("/tmp/p"), 200, 8, 7, 3, 8081, true, false, 1883, null, false),
                LauncherOptions.parse("--data-dir=/tmp/p", "--speed=200", "--machines=8", "--seed=7",
                        "--orders-per-line=3", "--dashboard-port=8081", "--mqtt-tls=true", "--simulator=false",
                        "--mqtt-port=1883"));
    }

    @Test
    void theConfigurationFileSetsTheOptionsAndTheCommandLineTakesTheirPlace(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("plant.yaml");
        Files.writeString(file, "embedded:\n  dataDir: state\nsimulator:\n  speed: 120\n  machines: 8\n"
                + "dashboard:\n  port: 9090\n");
        assertEquals(new LauncherOptions(folder.resolve("state"), 120, 10, 42, 12, 9090, false, true, 0, file, false),
                LauncherOptions.parse("--config=" + file, "--machines=10"));
        Files.writeString(file, "simulator:\n  speed: fast\n");
        assertEquals("--speed must be a number, not fast", message("--config=" + file));
        assertEquals("missing.yaml: cannot be read (missing.yaml)", message("--config=missing.yaml"));
    }

    @Test
    void helpPrintsEveryOptionWithItsDefaultAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, EmbeddedPlantMain.exitCodeBeforeStart(new String[] {"--help"}, print(out), print(err)));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (LauncherOptions.Option option : LauncherOptions.Option.values()) {
            assertTrue(usage.lines().anyMatch(line -> line.startsWith("  --" + option.optionName() + "=")
                    && line.endsWith("[" + option.defaultValue() + "]")), () -> option + " in\n" + usage);
        }
        assertTrue(usage.contains("--dashboard-port=") && usage.contains("[8080]"), usage);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionPrintsWhatIsWrongAndTheUsageAndExitsTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, EmbeddedPlantMain.exitCodeBeforeStart(new String[] {"--dashbord-port=8081"}, print(out),
                print(err)));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("unknown argument --dashbord-port=8081\n"), printed);
        assertTrue(printed.contains(LauncherOptions.usage()), printed);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStartingCommandLineStarts() {
        assertNull(EmbeddedPlantMain.exitCodeBeforeStart(new String[] {"--dashboard-port=8081"},
                print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())));
    }

    @Test
    void wrongValuesAreRefusedWithAClearMessage() {
        assertEquals("--speed must be a number, not fast", message("--speed=fast"));
        assertEquals("--speed must be a positive number, not 0.0", message("--speed=0"));
        assertEquals("--machines must be at least 4 (2 lines of 2), not 3", message("--machines=3"));
        assertEquals("--orders-per-line must be at least 1, not 0", message("--orders-per-line=0"));
        assertEquals("--dashboard-port must be 0 to 65535, not 70000", message("--dashboard-port=70000"));
        assertEquals("--seed= needs a value", message("--seed="));
        assertEquals("--mqtt-tls must be true or false, not yes", message("--mqtt-tls=yes"));
        assertEquals("--seed given twice", message("--seed=1", "--seed=2"));
        assertEquals("unknown argument plant-data", message("plant-data"));
        assertEquals("unknown argument --speed", message("--speed"));
    }

    private static String message(String... args) {
        return assertThrows(LauncherOptions.UsageException.class, () -> LauncherOptions.parse(args)).getMessage();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void theLedgerAndWhereCheckpointsGoAreThePlantsOwn(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("plant.yaml");
        Files.writeString(file, "ledger:\n  jdbcUrl: jdbc:postgresql://db/ledger\n");
        assertEquals(file + ": ledger: the embedded plant runs its own ledger database (in its data directory)",
                assertThrows(io.shopfloor.config.ConfigException.class, () -> EmbeddedPlantMain.settings(
                        LauncherOptions.parse("--config=" + file), java.util.Map.of(), line -> { })).getMessage());
        Files.writeString(file, "job:\n  checkpoints:\n    directory: file:///elsewhere\n");
        assertEquals(file + ": job.checkpoints.directory: the embedded plant keeps its checkpoints in its data "
                + "directory (--data-dir), where a restart resumes", assertThrows(
                io.shopfloor.config.ConfigException.class, () -> EmbeddedPlantMain.settings(LauncherOptions.parse(
                        "--config=" + file), java.util.Map.of(), line -> { })).getMessage());
        Files.writeString(file, "job:\n  checkpoints:\n    interval: 2s\n");
        EmbeddedPlant.Settings settings = EmbeddedPlantMain.settings(LauncherOptions.parse("--config=" + file),
                java.util.Map.of(), line -> { });
        assertEquals(java.time.Duration.ofSeconds(2),
                io.shopfloor.job.JobConfiguration.checkpoints(settings.configuration()).interval());
    }
}

package io.shopfloor.jobjar;

import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.KafkaPostingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobArgumentsTest {

    @Test
    void requiredOnlyGivesTheDefaults() {
        JobArguments a = JobArguments.parse(List.of("--bootstrap-servers", "k1:9092,k2:9092",
                "--jdbc-url", "jdbc:postgresql://db:5432/ledger"));
        assertEquals("k1:9092,k2:9092", a.jobConfig().bootstrapServers());
        assertEquals("jdbc:postgresql://db:5432/ledger", a.jdbcUrl());
        assertEquals("postgres", a.owner());
        assertEquals("", a.ownerPassword());
        assertEquals("ledger_writer", a.writer());
        assertEquals("ledger_writer", a.writerPassword());
        KafkaPostingJob.Config defaults = KafkaPostingJob.Config.defaults("k1:9092,k2:9092");
        assertEquals(List.of(defaults.groupId(), defaults.transactionalIdPrefix(), defaults.idleness(),
                        defaults.plantZone(), defaults.posting().machines().shifts().shiftStarts(),
                        defaults.posting().posting()),
                List.of(a.jobConfig().groupId(), a.jobConfig().transactionalIdPrefix(), a.jobConfig().idleness(),
                        a.jobConfig().plantZone(), a.jobConfig().posting().machines().shifts().shiftStarts(),
                        a.jobConfig().posting().posting()));
        assertNull(a.checkpointInterval());
        assertEquals(CheckpointSettings.DEFAULTS, a.checkpoints());
        assertTrue(a.migrate());
    }

    @Test
    void everyOptionIsRead() {
        JobArguments a = JobArguments.parse(List.of("--bootstrap-servers", "k:1", "--jdbc-url", "jdbc:x",
                "--owner", "admin", "--owner-password", "s3cret", "--writer", "w", "--writer-password", "wp",
                "--group-id", "plant-7", "--checkpoint-interval-ms", "750", "--idleness-ms", "30000",
                "--migrate", "false"));
        assertEquals("admin", a.owner());
        assertEquals("s3cret", a.ownerPassword());
        assertEquals("w", a.writer());
        assertEquals("wp", a.writerPassword());
        assertEquals("plant-7", a.jobConfig().groupId());
        assertEquals("plant-7", a.jobConfig().transactionalIdPrefix(), "the prefix follows the group id");
        assertEquals(Duration.ofMillis(750), a.checkpointInterval());
        assertEquals(CheckpointSettings.DEFAULTS.withInterval(Duration.ofMillis(750)), a.checkpoints());
        assertEquals(Duration.ofSeconds(30), a.jobConfig().idleness());
        assertFalse(a.migrate());
    }

    @Test
    void passwordsMayComeFromTheEnvironment() {
        JobArguments a = JobArguments.parse(List.of("--bootstrap-servers", "k:1", "--jdbc-url", "jdbc:x",
                "--owner-password-env", "LEDGER_OWNER_PASSWORD", "--writer-password-env", "LEDGER_WRITER_PASSWORD"),
                Map.of("LEDGER_OWNER_PASSWORD", "from-secret", "LEDGER_WRITER_PASSWORD", "writer-secret"));
        assertEquals("from-secret", a.ownerPassword());
        assertEquals("writer-secret", a.writerPassword());
        var unset = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(List.of(
                "--bootstrap-servers", "k:1", "--jdbc-url", "jdbc:x", "--owner-password-env", "NOPE"), Map.of()));
        assertEquals("--owner-password-env names NOPE, which is not set", unset.getMessage());
    }

    @Test
    void typosMissingValuesAndMissingRequiredOnesFailWithTheUsage() {
        var typo = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(List.of(
                "--bootstrap-server", "k:1", "--jdbc-url", "jdbc:x")));
        assertTrue(typo.getMessage().startsWith("unknown argument --bootstrap-server\nusage:"), typo.getMessage());
        var missingValue = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(List.of(
                "--bootstrap-servers", "k:1", "--jdbc-url")));
        assertTrue(missingValue.getMessage().startsWith("--jdbc-url needs a value"), missingValue.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(List.of(
                "--bootstrap-servers", "k:1")));
        assertTrue(missing.getMessage().startsWith("--jdbc-url is required"), missing.getMessage());
    }

    @Test
    void theConfigurationFileSetsTheJobAndTheOptionsTakeThePlaceOfItsSettings(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: kafka-1:9092
                plant:
                  timeZone: Europe/Berlin
                job:
                  groupId: plant-berlin
                  postingInterval: 5m
                  limits:
                    maxHeldInputsPerMachine: 5000
                """);
        KafkaPostingJob.Config config = JobArguments.parse(List.of("--jdbc-url", "jdbc:x", "--config",
                file.toString(), "--group-id", "0042")).jobConfig();
        assertEquals("kafka-1:9092", config.bootstrapServers());
        assertEquals("0042", config.groupId(), "the option over the file, and digits stay text");
        assertEquals(ZoneId.of("Europe/Berlin"), config.plantZone());
        assertEquals(Duration.ofMinutes(5), config.posting().machines().postingInterval());
        assertEquals(KafkaPostingJob.Config.defaults("").idleness(), config.idleness());
        assertEquals(new io.shopfloor.job.operator.StateLimits(5000, 100_000, 1_000), config.posting().limits());
        assertEquals(ZoneId.of("Europe/Berlin"), config.posting().calendar().shifts().zone(),
                "the calendar's shifts in the plant's zone");

        Files.writeString(file, "job:\n  postingIntervall: 5m\n");
        var misspelt = assertThrows(io.shopfloor.config.ConfigException.class, () -> JobArguments.parse(List.of(
                "--jdbc-url", "jdbc:x", "--config", file.toString())).jobConfig());
        assertEquals(file + ": unknown setting job.postingIntervall", misspelt.getMessage());
    }

    @Test
    void checkpointsAreSettingsOfTheFileAndTheOptionTakesThePlaceOfTheInterval(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        Files.writeString(file, """
                job:
                  checkpoints:
                    interval: 30s
                    timeout: 2m
                """);
        JobArguments fromFile = JobArguments.parse(List.of("--jdbc-url", "jdbc:x", "--config", file.toString()));
        assertEquals(new CheckpointSettings(Duration.ofSeconds(30), Duration.ofMinutes(2), null),
                fromFile.checkpoints());
        assertEquals(Duration.ofSeconds(30), fromFile.checkpointInterval(), "given: wins over the cluster's");
        JobArguments option = JobArguments.parse(List.of("--jdbc-url", "jdbc:x", "--config", file.toString(),
                "--checkpoint-interval-ms", "1500"));
        assertEquals(new CheckpointSettings(Duration.ofMillis(1500), Duration.ofMinutes(2), null),
                option.checkpoints());

        Files.writeString(file, "job:\n  checkpoints:\n    timeout: 2m\n");
        JobArguments timeoutOnly = JobArguments.parse(List.of("--jdbc-url", "jdbc:x", "--config", file.toString()));
        assertNull(timeoutOnly.checkpointInterval(), "not given: the cluster's interval, else the default");
        assertEquals(CheckpointSettings.DEFAULTS.interval(), timeoutOnly.checkpoints().interval());

        Files.writeString(file, "job:\n  checkpoints:\n    interval: 5ms\n");
        var tooOften = assertThrows(io.shopfloor.config.ConfigException.class, () -> JobArguments.parse(List.of(
                "--jdbc-url", "jdbc:x", "--config", file.toString())).checkpoints());
        assertTrue(tooOften.getMessage().startsWith(file + ": job.checkpoints.interval must be at least 10ms"),
                tooOften.getMessage());
        Files.writeString(file, "job:\n  checkpoints:\n    intervall: 5s\n");
        var misspelt = assertThrows(io.shopfloor.config.ConfigException.class, () -> JobArguments.parse(List.of(
                "--jdbc-url", "jdbc:x", "--config", file.toString())).jobConfig());
        assertEquals(file + ": unknown setting job.checkpoints.intervall", misspelt.getMessage());
        Files.writeString(file, "job:\n  checkpoints:\n    directory: s3://bucket/checkpoints\n");
        var directory = assertThrows(io.shopfloor.config.ConfigException.class, () -> JobArguments.parse(List.of(
                "--jdbc-url", "jdbc:x", "--config", file.toString())).checkpoints());
        assertTrue(directory.getMessage().contains("job.checkpoints.directory"), directory.getMessage());
    }

    @Test
    void theJobJarCheckpointsAsConfiguredElseAtTheClustersInterval() {
        var cluster = new org.apache.flink.configuration.Configuration();
        cluster.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(3));
        var env = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(
                cluster);
        ClusterPostingJob.define(env, JobArguments.parse(List.of("--bootstrap-servers", "k:1", "--jdbc-url",
                "jdbc:postgresql://db/ledger")));
        assertEquals(3_000, env.getCheckpointConfig().getCheckpointInterval(), "the cluster's interval");
        assertEquals(CheckpointSettings.DEFAULTS.timeout().toMillis(),
                env.getCheckpointConfig().getCheckpointTimeout());

        var given = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(
                cluster);
        ClusterPostingJob.define(given, JobArguments.parse(List.of("--bootstrap-servers", "k:1", "--jdbc-url",
                "jdbc:postgresql://db/ledger", "--checkpoint-interval-ms", "1500")));
        assertEquals(1_500, given.getCheckpointConfig().getCheckpointInterval());

        var none = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        ClusterPostingJob.define(none, JobArguments.parse(List.of("--bootstrap-servers", "k:1", "--jdbc-url",
                "jdbc:postgresql://db/ledger")));
        assertEquals(CheckpointSettings.DEFAULTS.interval().toMillis(), none.getCheckpointConfig()
                .getCheckpointInterval(), "a cluster without an interval: the job's default");
    }
}

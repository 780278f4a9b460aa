package io.shopfloor.jobjar;

import org.junit.jupiter.api.Test;

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
        assertEquals("k1:9092,k2:9092", a.bootstrapServers());
        assertEquals("jdbc:postgresql://db:5432/ledger", a.jdbcUrl());
        assertEquals("postgres", a.owner());
        assertEquals("", a.ownerPassword());
        assertEquals("ledger_writer", a.writer());
        assertEquals("ledger_writer", a.writerPassword());
        assertEquals("shopfloor-posting-job", a.groupId());
        assertEquals("shopfloor-posting-job", a.transactionalIdPrefix());
        assertNull(a.checkpointInterval());
        assertNull(a.idleness());
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
        assertEquals("plant-7", a.groupId());
        assertEquals("plant-7", a.transactionalIdPrefix(), "the prefix follows the group id");
        assertEquals(Duration.ofMillis(750), a.checkpointInterval());
        assertEquals(Duration.ofSeconds(30), a.idleness());
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
}

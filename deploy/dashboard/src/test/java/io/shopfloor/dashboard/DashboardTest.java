package io.shopfloor.dashboard;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DashboardTest {
    @Test
    void queryParametersAreDecoded() {
        URI uri = URI.create("http://localhost/api/jobcard?x=1&order=RPO%2F7%20A&flag");
        assertEquals(Optional.of("RPO/7 A"), Dashboard.queryParameter(uri, "order"));
        assertEquals(Optional.of(""), Dashboard.queryParameter(uri, "flag"));
        assertEquals(Optional.empty(), Dashboard.queryParameter(uri, "missing"));
        assertEquals(Optional.empty(), Dashboard.queryParameter(URI.create("http://localhost/"), "order"));
    }

    @Test
    void aDashboardThatCannotStartLeavesItsPortFree() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int free = port;
        assertThrows(org.apache.kafka.common.KafkaException.class, () -> Dashboard.start(new DashboardSettings(free,
                "jdbc:postgresql://localhost:1/none", "u", "p", "not a host list")));
        try (java.net.ServerSocket again = new java.net.ServerSocket(free)) {
            assertEquals(free, again.getLocalPort());
        }
    }

    @Test
    void settingsRefuseAPortOutOfRangeAndMissingConnections() {
        assertEquals("port out of range: 70000", assertThrows(IllegalArgumentException.class,
                () -> new DashboardSettings(70000, "jdbc:postgresql://x/y", "u", "p", "k:9092")).getMessage());
        assertEquals("kafkaBootstrapServers", assertThrows(NullPointerException.class,
                () -> new DashboardSettings(0, "jdbc:postgresql://x/y", "u", "p", null)).getMessage());
    }
}

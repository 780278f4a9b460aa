package io.shopfloor.dashboard;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    record Times(Instant at, LocalDate day) {
    }

    @Test
    void amountsKeepTheirScaleAsText() {
        assertEquals("{\"costBucket\":\"TOTAL\",\"standardCost\":\"781.00\",\"expectedCost\":\"781.00\","
                        + "\"actualCost\":\"797.65\",\"deviationPct\":\"2.1319\",\"variance\":\"16.65\"}",
                Json.write(new LedgerRows.StatisticsRow("TOTAL", new BigDecimal("781.00"), new BigDecimal("781.00"),
                        new BigDecimal("797.65"), new BigDecimal("2.1319"), new BigDecimal("16.65"))));
    }

    @Test
    void amountsNeverUseExponentNotation() {
        assertEquals("[\"200\",\"0.0000001\"]", Json.write(List.of(new BigDecimal("2E+2"), new BigDecimal("1E-7"))));
    }

    @Test
    void timesAreIso8601Text() {
        assertEquals("{\"at\":\"2026-03-02T06:30:00Z\",\"day\":\"2026-03-02\"}",
                Json.write(new Times(Instant.parse("2026-03-02T06:30:00Z"), LocalDate.parse("2026-03-02"))));
    }
}

package io.shopfloor.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What really happened in the simulated plant, for comparing the ledger with it. Times are milliseconds; what the
 * ledger must show follows the posting job's rules: a micro-stop (shorter than 30 s) stays run time, the gateway
 * dropout is neither run nor stop time (no signal), setup is the time between setup start and operation start.
 */
public record GroundTruth(long seed, Instant start, Instant end, List<OrderTruth> orders,
                          List<OperationTruth> operations, List<MachineTruth> machines, List<Incident> incidents,
                          int duplicatedMessages, int reorderedMessages) {

    /** An order: when its last operation finished (the job then finishes it by itself). */
    public record OrderTruth(String orderNo, String itemNo, int quantity, int lineNo, boolean inSampleData,
                             Instant finishedAt) {
    }

    /** One operation of an order on the machine that ran it. */
    public record OperationTruth(String orderNo, String operationNo, String machineId, long good, long scrap,
                                 long setupMillis, long runMillis, Map<String, Long> stopMillisByCode,
                                 long noSignalMillis, Instant startedAt, Instant finishedAt) {
    }

    /** A machine's time from the start to the end of the plan. */
    public record MachineTruth(String machineId, long good, long scrap, long setupMillis, long runMillis,
                               long stopMillis, long noSignalMillis, long idleMillis) {
    }

    /** Something a real gateway does that the ledger must see through. */
    public record Incident(String kind, String machineId, Instant from, Instant to, String detail) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public OperationTruth operation(String orderNo, String operationNo) {
        return operations.stream().filter(o -> o.orderNo().equals(orderNo) && o.operationNo().equals(operationNo))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no operation " + orderNo + "/"
                        + operationNo));
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(temporary.toFile(), this);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static GroundTruth read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), GroundTruth.class);
    }
}

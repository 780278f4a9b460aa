package io.shopfloor.bridge.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.Backoff;
import io.shopfloor.bridge.BridgeMetrics;
import io.shopfloor.bridge.translate.OutboundRecord;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MQTT acknowledgement waits for Kafka's, and a failed send is retried rather than acknowledged. */
class KafkaSinkTest {
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BridgeMetrics metrics = new BridgeMetrics();
    private final KafkaSink sink = new KafkaSink(producer, new Backoff(1, 4), scheduler, metrics);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void acknowledgesOnlyWhenKafkaHasEveryRecordOfTheMessage() {
        CountDownLatch acknowledged = new CountDownLatch(1);
        sink.sendAll(List.of(record("a"), record("b")), acknowledged::countDown);
        assertEquals(2, producer.history().size());
        assertTrue(producer.completeNext());
        assertEquals(1, acknowledged.getCount(), "one of two records acknowledged: not yet");
        assertTrue(producer.completeNext());
        assertEquals(0, acknowledged.getCount());
    }

    @Test
    void aFailedSendIsSentAgainAndOnlyThenAcknowledged() throws Exception {
        CountDownLatch acknowledged = new CountDownLatch(1);
        sink.sendAll(List.of(record("a")), acknowledged::countDown);
        assertTrue(producer.errorNext(new TimeoutException("Kafka unreachable")));
        assertFalse(acknowledged.await(50, TimeUnit.MILLISECONDS), "not acknowledged after a failure");
        // The retry is scheduled after the backoff: wait for the second send, then let it succeed.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (producer.history().size() < 2 && System.nanoTime() < deadline) {
            assertFalse(acknowledged.await(5, TimeUnit.MILLISECONDS));
        }
        assertEquals(2, producer.history().size());
        assertEquals("a", new String(producer.history().get(1).key()));
        assertTrue(producer.completeNext());
        assertTrue(acknowledged.await(10, TimeUnit.SECONDS));
        assertEquals(1, metrics.kafkaRetries.sum());
    }

    @Test
    void aMessageWithoutRecordsIsAcknowledgedAtOnce() {
        CountDownLatch acknowledged = new CountDownLatch(1);
        sink.sendAll(List.of(), acknowledged::countDown);
        assertEquals(0, acknowledged.getCount());
        assertEquals(0, producer.history().size());
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff backoff = new Backoff(100, 1000);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), List.of(backoff.delayMillis(1),
                backoff.delayMillis(2), backoff.delayMillis(3), backoff.delayMillis(4), backoff.delayMillis(5),
                backoff.delayMillis(60)));
    }

    private static OutboundRecord record(String key) {
        return new OutboundRecord("machine-counters", key, new byte[] {1, 2, 3});
    }
}

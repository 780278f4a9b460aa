package io.shopfloor.ledger;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.function.SerializableFunction;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink sink that appends to the ledger store. Exactly once by idempotency: every buffered row is committed
 * before a checkpoint completes ({@link SinkWriter#flush} runs before the barrier), and whatever a restore replays
 * after the last checkpoint is skipped by its idempotency key. Rows are also committed when the buffer is full or
 * has waited {@code maxDelay}, which bounds the latency from a posting to its committed row.
 *
 * @param <T> what the job emits (posted entries, cost plans, KPIs, dead letters)
 */
public final class LedgerStoreSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Where and how the sink writes. */
    public record Settings(String jdbcUrl, String user, String password, int batchSize, Duration maxDelay)
            implements Serializable {
        public static Settings of(String jdbcUrl, String user, String password) {
            return new Settings(jdbcUrl, user, password, 5_000, Duration.ofMillis(200));
        }
    }

    /**
     * Told after each commit, with when each committed row reached the sink and when the commit returned
     * (System.nanoTime()), and the CPU time the writing thread spent in the write (encoding was done as rows came).
     */
    public interface CommitListener extends Serializable {
        void committed(long[] receivedNanos, int count, long committedNanos, long writeCpuNanos);
    }

    private final Settings settings;
    private final SerializableFunction<T, StoreRow> toRow;
    private final CommitListener listener;

    public LedgerStoreSink(Settings settings, SerializableFunction<T, StoreRow> toRow, CommitListener listener) {
        this.settings = settings;
        this.toRow = toRow;
        this.listener = listener;
    }

    public LedgerStoreSink(Settings settings, SerializableFunction<T, StoreRow> toRow) {
        this(settings, toRow, (received, count, committed, cpu) -> { });
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer<>(new LedgerWriter(settings.jdbcUrl(), settings.user(), settings.password()), settings,
                    toRow, listener, context);
        } catch (SQLException e) {
            throw new IOException("cannot connect to the ledger store at " + settings.jdbcUrl(), e);
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final LedgerWriter ledger;
        private final Settings settings;
        private final SerializableFunction<T, StoreRow> toRow;
        private final CommitListener listener;
        private final ProcessingTimeService time;
        private final Counter appended;
        private final Counter replayed;
        private final Counter conflicts;
        private final List<StoreRow> buffer = new ArrayList<>();
        private long[] receivedNanos = new long[1024];
        private boolean flushScheduled;

        Writer(LedgerWriter ledger, Settings settings, SerializableFunction<T, StoreRow> toRow,
               CommitListener listener, WriterInitContext context) {
            this.ledger = ledger;
            this.settings = settings;
            this.toRow = toRow;
            this.listener = listener;
            this.time = context.getProcessingTimeService();
            this.appended = context.metricGroup().counter("ledgerRowsAppended");
            this.replayed = context.metricGroup().counter("ledgerRowsReplayed");
            this.conflicts = context.metricGroup().counter("ledgerConflicts");
        }

        @Override
        public void write(T element, Context context) throws IOException {
            if (buffer.size() == receivedNanos.length) {
                receivedNanos = java.util.Arrays.copyOf(receivedNanos, receivedNanos.length * 2);
            }
            receivedNanos[buffer.size()] = System.nanoTime();
            buffer.add(toRow.apply(element));
            if (buffer.size() >= settings.batchSize()) {
                commit();
            } else if (!flushScheduled) {
                flushScheduled = true;
                time.registerTimer(time.getCurrentProcessingTime() + settings.maxDelay().toMillis(), t -> {
                    flushScheduled = false;
                    commit();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            commit();
        }

        private void commit() throws IOException {
            if (buffer.isEmpty()) {
                return;
            }
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            try {
                LedgerWriter.BatchResult result = ledger.write(buffer);
                appended.inc(result.appended());
                replayed.inc(result.replayed());
                conflicts.inc(result.conflicts().size());
            } catch (SQLException e) {
                throw new IOException("ledger store write of " + buffer.size() + " rows failed", e);
            }
            long committed = System.nanoTime();
            listener.committed(receivedNanos, buffer.size(), committed, THREADS.getCurrentThreadCpuTime() - cpuBefore);
            buffer.clear();
        }

        @Override
        public void close() throws Exception {
            ledger.close();
        }
    }
}

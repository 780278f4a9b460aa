package io.shopfloor.dashboard;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server-sent-event endpoint: every connected page gets every published event. Each client has its own queue
 * and is written by the HTTP thread that serves it, so a slow browser never holds up the Kafka reader.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    /** A client further behind than this is dropped; its browser reconnects and starts from a fresh snapshot. */
    private static final int CLIENT_QUEUE_CAPACITY = 10_000;
    private static final String CLOSE = "\u0000close";

    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private final Duration keepAlive;
    private volatile boolean closed;

    public EventStream(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    /** Sends an event to every connected client. */
    public void publish(String type, String data) {
        String frame = SseFraming.event(type, data);
        for (BlockingQueue<String> client : clients) {
            if (!client.offer(frame)) {
                LOG.warn("dropping an SSE client {} events behind", client.size());
                clients.remove(client);
                client.clear();
                client.offer(CLOSE);
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    /**
     * Serves one client until it disconnects or the stream closes; {@code greeting} is written first (the current
     * state, so the page needs nothing else after a reconnect).
     */
    public void serve(HttpExchange exchange, Supplier<String> greeting) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(CLIENT_QUEUE_CAPACITY);
        clients.add(queue);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, SseFraming.retry(1000) + greeting.get());
            while (!closed) {
                String frame = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (CLOSE.equals(frame)) {
                    break;
                }
                write(out, frame != null ? frame : SseFraming.comment("keep-alive"));
            }
        } catch (IOException e) {
            LOG.debug("SSE client gone: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
            exchange.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<String> client : clients) {
            client.offer(CLOSE);
        }
    }
}

package io.shopfloor.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopfloor.dashboard.LedgerRows.LedgerSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live dashboard: a web page with machine tiles (state, OEE, parts, charts), orders with progress, output and
 * scrap, the latest ledger entries, the statistics of finished orders, and a printable job card per order. Machine
 * data comes from Kafka as it happens; the ledger is read every second. The page gets both through server-sent
 * events ({@code /events}), so it never reloads.
 *
 * <p>HTTP: {@code /} the page, {@code /jobcard.html?order=NO} a job card, {@code /api/state} everything as JSON,
 * {@code /api/jobcard?order=NO} one job card as JSON, {@code /events} the event stream.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    static final Duration LEDGER_POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * Machine updates go out at once, then at most this often: a tile shows the latest of what came in meanwhile,
     * so catching up on a topic's history (or a burst) sends one event per machine and interval, not one per record.
     */
    static final Duration MACHINE_PUBLISH_INTERVAL = Duration.ofMillis(100);
    private static final Duration SSE_KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "ico", "image/x-icon");

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService ledgerPoller;
    private final ScheduledExecutorService machinePublisher;
    private final Set<String> changedMachines = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean machinePublishScheduled = new AtomicBoolean();
    private volatile long lastMachinePublishNanos = System.nanoTime() - MACHINE_PUBLISH_INTERVAL.toNanos();
    private final EventStream events;
    private final MachineBoard board = new MachineBoard();
    private final MasterData masterData = new MasterData();
    private final LedgerQueries ledger;
    private final PlantFeed feed;
    private final AtomicReference<DashboardState.LedgerPart> ledgerPart = new AtomicReference<>(
            DashboardState.LedgerPart.of(LedgerSnapshot.EMPTY, List.of(), null));
    private final URI uri;

    private Dashboard(DashboardSettings settings) throws IOException {
        events = new EventStream(SSE_KEEP_ALIVE);
        ledger = new LedgerQueries(settings.ledgerJdbcUrl(), settings.ledgerUser(), settings.ledgerPassword());
        // The Kafka clients before the port: they fail on unusable settings, and a bound but never started
        // HttpServer does not give its port back until its selector is collected.
        feed = new PlantFeed(settings.kafkaBootstrapServers(), board, masterData,
                machine -> machineChanged(machine.machineId()), Clock.systemUTC());
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
        } catch (IOException e) {
            feed.close();
            throw e;
        }
        // Each open page holds one thread for its event stream: a growing pool, not a fixed one.
        httpThreads = Executors.newCachedThreadPool(daemonThreads("dashboard-http"));
        server.setExecutor(httpThreads);
        server.createContext("/", this::serve);
        ledgerPoller = Executors.newSingleThreadScheduledExecutor(daemonThreads("dashboard-ledger"));
        machinePublisher = Executors.newSingleThreadScheduledExecutor(daemonThreads("dashboard-machines"));
        uri = URI.create("http://" + (server.getAddress().getAddress().isAnyLocalAddress() ? "localhost"
                : server.getAddress().getHostString()) + ":" + server.getAddress().getPort() + "/");
    }

    /** Starts serving; returns once the page can be opened (the data follows as it is read). */
    public static Dashboard start(DashboardSettings settings) throws Exception {
        Dashboard dashboard = new Dashboard(settings);
        try {
            dashboard.server.start();
            dashboard.feed.start();
            dashboard.ledgerPoller.scheduleWithFixedDelay(dashboard::pollLedger, 0,
                    LEDGER_POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            dashboard.close();
            throw e;
        }
        LOG.info("dashboard at {}", dashboard.uri);
        return dashboard;
    }

    /** {@code http://localhost:<port>/} */
    public URI uri() {
        return uri;
    }

    /** The state the page would get now. */
    public DashboardState state() {
        return new DashboardState(board.machines(), board.lineTrends(), ledgerPart.get());
    }

    private void machineChanged(String machineId) {
        changedMachines.add(machineId);
        if (machinePublishScheduled.compareAndSet(false, true)) {
            long wait = lastMachinePublishNanos + MACHINE_PUBLISH_INTERVAL.toNanos() - System.nanoTime();
            machinePublisher.schedule(this::publishChangedMachines, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
    }

    private void publishChangedMachines() {
        // Cleared first: a change from now on schedules the next run (at worst one that finds nothing to send).
        machinePublishScheduled.set(false);
        lastMachinePublishNanos = System.nanoTime();
        try {
            boolean any = false;
            for (String machineId : List.copyOf(changedMachines)) {
                changedMachines.remove(machineId);
                board.machine(machineId).ifPresent(machine -> events.publish("machine", Json.write(machine)));
                any = true;
            }
            if (any) {
                events.publish("lines", Json.write(board.lineTrends())); // once per interval, not per machine
            }
        } catch (RuntimeException e) {
            LOG.error("cannot publish machine updates", e); // and go on: the next change publishes again
        }
    }

    private void pollLedger() {
        DashboardState.LedgerPart previous = ledgerPart.get();
        DashboardState.LedgerPart next;
        try {
            next = DashboardState.LedgerPart.of(ledger.snapshot(), masterData.orders(), null);
        } catch (SQLException | RuntimeException e) {
            if (previous.ledgerError() == null) {
                LOG.warn("cannot read the ledger store: {}", e.toString());
            }
            next = new DashboardState.LedgerPart(previous.orders(), previous.latestEntries(),
                    previous.finishedOrderStatistics(), previous.deadLetters(),
                    "cannot read the ledger store: " + e.getMessage());
        }
        if (!next.equals(previous)) {
            ledgerPart.set(next);
            events.publish("ledger", Json.write(next));
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain; charset=utf-8", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/events" -> events.serve(exchange, () -> SseFraming.event("state", Json.write(state())));
                case "/api/state" -> json(exchange, 200, state());
                case "/api/jobcard" -> jobCard(exchange);
                case "/" -> resource(exchange, "index.html");
                default -> resource(exchange, path.substring(1));
            }
        } catch (RuntimeException e) {
            LOG.error("request {} failed", exchange.getRequestURI(), e);
            respond(exchange, 500, "text/plain; charset=utf-8",
                    String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    private void jobCard(HttpExchange exchange) throws IOException {
        String orderNo = queryParameter(exchange.getRequestURI(), "order").orElse("");
        Optional<MasterData.OrderMasterData> order = masterData.order(orderNo);
        if (order.isEmpty()) {
            json(exchange, 404, Map.of("error", "no master data for order " + orderNo));
            return;
        }
        try {
            JobCard card = JobCards.assemble(order.get(), masterData::centerName,
                    workCenter -> masterData.capacityUnit(workCenter).orElse("MINUTES"),
                    ledger.operationsReported(orderNo), ledger.componentConsumption(orderNo),
                    ledgerPart.get().orders().stream().filter(o -> o.orderNo().equals(orderNo)).findFirst()
                            .map(LedgerRows.OrderProgress::status).orElse(null));
            json(exchange, 200, card);
        } catch (SQLException e) {
            json(exchange, 503, Map.of("error", "cannot read the ledger store: " + e.getMessage()));
        }
    }

    static Optional<String> queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void resource(HttpExchange exchange, String name) throws IOException {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = CONTENT_TYPES.get(extension);
        // Only plain file names of known types: nothing else on the class path is served.
        InputStream in = type == null || !name.matches("[A-Za-z0-9_-]+\\.[a-z]+") ? null
                : Dashboard.class.getResourceAsStream("/dashboard/" + name);
        if (in == null) {
            respond(exchange, 404, "text/plain; charset=utf-8", ("not found: " + name)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (in) {
            respond(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, "application/json; charset=utf-8", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        feed.close(); // first: nothing schedules machine updates after this
        events.close();
        server.stop(0);
        ledgerPoller.shutdownNow();
        machinePublisher.shutdownNow();
        httpThreads.shutdownNow();
        ledger.close();
        LOG.info("dashboard at {} stopped", uri);
    }

    @Override
    public String toString() {
        return "Dashboard " + Objects.toString(uri);
    }
}

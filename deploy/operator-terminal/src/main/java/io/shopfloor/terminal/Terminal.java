package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopfloor.dashboard.Json;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator terminal: a web page and its JSON API for people to post what machines cannot. Every posting goes
 * through the {@code journal-lines} (or {@code order-status-changes}) topic, so the posting job applies the same rules,
 * determinism and idempotency as to everything else; the form token issued with each form is the journal line's
 * source id, so a double-clicked Post posts once.
 *
 * <p>HTTP ({@code /api/...} answers JSON; every POST needs the session's CSRF token in {@value #CSRF_HEADER} and a
 * JSON body): {@code POST /api/login}, {@code POST /api/logout}, {@code GET /api/session}, {@code GET /api/orders},
 * {@code GET /api/open-output-entries?order=NO&line=N}, {@code GET /api/consumption-entries?order=NO&line=N},
 * {@code GET /api/stops}, {@code POST /api/forms},
 * {@code POST /api/preview}, {@code POST /api/post}, {@code GET /api/posted?sourceId=ID}; put-aways
 * ({@link PutAways}): {@code GET /api/put-aways[?location=CODE]}, {@code POST /api/put-away/preview},
 * {@code POST /api/put-away/post}.
 */
public final class Terminal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Terminal.class);
    static final String COOKIE = "terminal_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Largest request body: a journal form is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final TerminalSettings settings;
    private final Clock clock;
    private final UsersFile users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final MasterDataFeed masterData;
    private final LedgerReads ledger;
    private final Journals journals;
    private final PutAways putAways;
    private final KafkaProducer<byte[], byte[]> producer;
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final URI uri;

    private Terminal(TerminalSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        users = UsersFile.read(settings.usersFile());
        sessions = new Sessions(clock, settings.sessionLifetime(), TerminalSettings.MAX_SESSIONS);
        throttle = new LoginThrottle(clock);
        ledger = new LedgerReads(settings.ledgerJdbcUrl(), settings.ledgerUser(), settings.ledgerPassword());
        masterData = new MasterDataFeed(settings.kafkaBootstrapServers());
        journals = new Journals(new PostingRules(settings.postingSettings()), masterData, ledger);
        putAways = new PutAways(new PostingRules(settings.postingSettings()), masterData, ledger);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "operator-terminal",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000"),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
        } catch (IOException e) {
            producer.close();
            throw e;
        }
        httpThreads = Executors.newFixedThreadPool(8, daemonThreads("terminal-http"));
        server.setExecutor(httpThreads);
        server.createContext("/", this::serve);
        uri = URI.create("http://" + (server.getAddress().getAddress().isAnyLocalAddress() ? "localhost"
                : server.getAddress().getHostString()) + ":" + server.getAddress().getPort() + "/");
    }

    public static Terminal start(TerminalSettings settings) throws Exception {
        return start(settings, Clock.systemUTC());
    }

    /** Starts serving once the master data the topics held is read. */
    public static Terminal start(TerminalSettings settings, Clock clock) throws Exception {
        Terminal terminal = new Terminal(settings, clock);
        try {
            terminal.masterData.start();
            if (!terminal.masterData.awaitCaughtUp(java.time.Duration.ofSeconds(60))) {
                LOG.warn("master data not read completely within 60 s; orders appear as they are read");
            }
            terminal.server.start();
        } catch (Exception e) {
            terminal.close();
            throw e;
        }
        LOG.info("operator terminal at {} ({} users)", terminal.uri, terminal.users.users().size());
        return terminal;
    }

    public URI uri() {
        return uri;
    }

    /** A request that ends with this answer (a refusal, bad input). */
    private static final class Answer extends Exception {
        final int status;
        final Object body;

        Answer(int status, String code, String message) {
            this(status, Map.of("error", code, "message", message));
        }

        Answer(int status, Object body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith("/api/")) {
                if (!"GET".equals(method)) {
                    throw new Answer(405, "METHOD_NOT_ALLOWED", "GET only");
                }
                resource(exchange, path.equals("/") ? "index.html" : path.substring(1));
                return;
            }
            boolean post = "POST".equals(method);
            if (!post && !"GET".equals(method)) {
                throw new Answer(405, "METHOD_NOT_ALLOWED", "GET or POST");
            }
            JsonNode body = post ? body(exchange) : null;
            if (post && path.equals("/api/login")) {
                login(exchange, body);
                return;
            }
            Sessions.Session session = session(exchange);
            if (post) {
                checkCsrf(exchange, session);
            }
            Object answer = switch (method + " " + path) {
                case "GET /api/session" -> sessionView(session);
                case "POST /api/logout" -> logout(exchange, session);
                case "GET /api/orders" -> orders(session.user());
                case "GET /api/open-output-entries" -> journals.openOutputEntries(
                        query(exchange, "order"), parseInt(query(exchange, "line")));
                case "GET /api/stops" -> ledger.stopsWithoutReason(
                        session.user().role() == Role.OPERATOR ? session.user().workCenterNo() : null);
                case "GET /api/consumption-entries" -> ledger.consumptionEntries(query(exchange, "order"),
                        parseInt(query(exchange, "line")));
                case "POST /api/forms" -> Map.of("formToken", session.newForm());
                case "POST /api/preview" -> preview(session, body);
                case "POST /api/post" -> post(session, body);
                case "GET /api/posted" -> ledger.posted(query(exchange, "sourceId"));
                case "GET /api/put-aways" -> putAways.openRequests(optionalQuery(exchange, "location"));
                case "POST /api/put-away/preview" -> putAways.preview(putAwayRequest(session, body), "preview",
                        session.user().name());
                case "POST /api/put-away/post" -> postPutAway(session, body);
                default -> throw new Answer(404, "NOT_FOUND", "no " + method + " " + path);
            };
            json(exchange, 200, answer);
        } catch (Answer answer) {
            json(exchange, answer.status, answer.body);
        } catch (SQLException e) {
            LOG.warn("cannot read the ledger store: {}", e.toString());
            json(exchange, 503, Map.of("error", "LEDGER_UNAVAILABLE", "message", "cannot read the ledger store"));
        } catch (Exception e) {
            LOG.error("request {} failed", exchange.getRequestURI(), e);
            json(exchange, 500, Map.of("error", "INTERNAL", "message", "the terminal failed; see its log"));
        } finally {
            exchange.close();
        }
    }

    private void login(HttpExchange exchange, JsonNode body) throws Answer, IOException {
        String name = body.path("user").asText("");
        char[] password = body.path("password").asText("").toCharArray();
        if (throttle.locked(name)) {
            throw new Answer(429, "LOGIN_LOCKED", "too many failed logins: try again in a minute");
        }
        Optional<User> user = users.user(name);
        // An unknown name costs a hash too, so timing does not tell which names exist.
        boolean matches = user.map(u -> PasswordHashing.matches(u, password)).orElseGet(() -> {
            PasswordHashing.hash(password, new byte[16], PasswordHashing.DEFAULT_ITERATIONS);
            return false;
        });
        if (!matches) {
            throttle.failed(name);
            LOG.info("failed login for '{}'", name.length() > 64 ? name.substring(0, 64) : name);
            throw new Answer(401, "LOGIN_FAILED", "unknown user or wrong password");
        }
        throttle.succeeded(name);
        Sessions.Session session = sessions.start(user.get());
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; "
                + "SameSite=Strict; Max-Age=" + settings.sessionLifetime().toSeconds()
                + (settings.secureCookies() ? "; Secure" : ""));
        LOG.info("{} logged in as {}", name, user.get().role());
        json(exchange, 200, sessionView(session));
    }

    private Object logout(HttpExchange exchange, Sessions.Session session) {
        sessions.end(session.id());
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        return Map.of("loggedOut", session.user().name());
    }

    private static Map<String, Object> sessionView(Sessions.Session session) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("user", session.user().name());
        view.put("role", session.user().role());
        view.put("workCenterNo", session.user().workCenterNo());
        view.put("csrfToken", session.csrfToken());
        view.put("expiresAt", session.expiresAt().toString());
        return view;
    }

    private Sessions.Session session(HttpExchange exchange) throws Answer {
        String id = null;
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=")) {
                    id = c.substring(COOKIE.length() + 1);
                }
            }
        }
        Sessions.Lookup lookup = sessions.find(id);
        if (lookup.session() == null) {
            throw lookup.expired() ? new Answer(401, "SESSION_EXPIRED", "the session expired: log in again")
                    : new Answer(401, "NOT_LOGGED_IN", "log in first");
        }
        return lookup.session();
    }

    private static void checkCsrf(HttpExchange exchange, Sessions.Session session) throws Answer {
        String token = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new Answer(403, "CSRF_TOKEN_INVALID", "the request did not carry this session's CSRF token");
        }
    }

    private static JsonNode body(HttpExchange exchange) throws Answer, IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        // JSON only: a cross-site HTML form cannot send it without a CORS preflight this server never allows.
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Answer(415, "JSON_ONLY", "send application/json");
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Answer(413, "TOO_LARGE", "a request body has at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new Answer(400, "INVALID_JSON", "send a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Answer(400, "INVALID_JSON", "the body is not JSON");
        }
    }

    private JournalRequest request(Sessions.Session session, JsonNode body) throws Answer, SQLException {
        JournalRequest request = JournalRequest.read(body, LocalDate.ofInstant(clock.instant(), settings.plantZone()));
        if (!request.fieldErrors().isEmpty()) {
            throw new Answer(400, Map.of("error", "INVALID_INPUT", "message", "check the marked fields",
                    "fields", request.fieldErrors()));
        }
        Optional<Journals.Refusal> refusal = journals.mayPost(session.user(), request);
        if (refusal.isPresent()) {
            throw new Answer(403, refusal.get().code(), refusal.get().message());
        }
        return request;
    }

    private Object preview(Sessions.Session session, JsonNode body) throws Answer, SQLException {
        JournalRequest request = request(session, body);
        return journals.preview(request, "preview", session.user().name());
    }

    private Object post(Sessions.Session session, JsonNode body) throws Exception {
        return postOnce(session, body, () -> {
            JournalRequest request = request(session, body);
            return new Posting(token -> journals.preview(request, token, session.user().name()), token -> {
                send(session.user(), request, token);
                LOG.info("{} posted {} {} as {}", session.user().name(), request.kind(),
                        request.orderNo() != null ? request.orderNo() : request.stopKey() != null
                                ? request.stopKey() + " stop " + request.stopEntryNo() : request.capacityNo(), token);
                return null;
            });
        });
    }

    /** One step of a posting, given the form token (the posting's source id). */
    private interface FormStep<T> {
        T apply(String token) throws Exception;
    }

    /** What a checked form posts: its preview, and sending it. */
    private record Posting(FormStep<Preview> preview, FormStep<Void> send) {
    }

    /** Checks a form's fields and the person's right to post it (an {@link Answer} when not). */
    private interface CheckedForm {
        Posting check() throws Exception;
    }

    /**
     * Posts a form once: its token is the source id; a second Post of it (a double click) sends nothing; a refused
     * preview sends nothing and frees the form, and so does a failed send (the person may post it again).
     */
    private Object postOnce(Sessions.Session session, JsonNode body, CheckedForm checkedForm) throws Exception {
        String token = body.path("formToken").asText("");
        Sessions.Form form = session.form(token).orElseThrow(() -> new Answer(400, "FORM_TOKEN_UNKNOWN",
                "this form was not issued to this session (or is too old): open the form again"));
        Posting posting = checkedForm.check();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sourceId", token);
        if (!form.claim()) {
            answer.put("alreadyPosted", true); // a double click: the first Post's line is the only one
            return answer;
        }
        Preview preview;
        try {
            preview = posting.preview().apply(token);
            if (preview.refused()) {
                form.release(); // nothing posted: the person may correct the form and post it again
                throw new Answer(422, Map.of("error", preview.reasonCode(), "message", preview.reason(),
                        "preview", preview));
            }
            posting.send().apply(token);
        } catch (Answer e) {
            throw e;
        } catch (Exception e) {
            form.release(); // not produced (or not known to be): the person may post the form again
            throw e;
        }
        answer.put("alreadyPosted", false);
        answer.put("preview", preview);
        return answer;
    }

    private PutAwayRequest putAwayRequest(Sessions.Session session, JsonNode body) throws Answer {
        PutAwayRequest request = PutAwayRequest.read(body, LocalDate.ofInstant(clock.instant(), settings.plantZone()));
        if (!request.fieldErrors().isEmpty()) {
            throw new Answer(400, Map.of("error", "INVALID_INPUT", "message", "check the marked fields",
                    "fields", request.fieldErrors()));
        }
        Optional<Journals.Refusal> refusal = PutAways.mayPost(session.user());
        if (refusal.isPresent()) {
            throw new Answer(403, refusal.get().code(), refusal.get().message());
        }
        return request;
    }

    /** As {@link #post}, for a completed put-away line. */
    private Object postPutAway(Sessions.Session session, JsonNode body) throws Exception {
        return postOnce(session, body, () -> {
            PutAwayRequest request = putAwayRequest(session, body);
            return new Posting(token -> putAways.preview(request, token, session.user().name()), token -> {
                JournalLine line = PutAways.journalLine(request, token, session.user().name());
                producer.send(new ProducerRecord<>(KafkaTopics.JOURNAL_LINES, null, clock.millis(),
                        bytes(request.orderNo()), bytes(ShopfloorSchemas.encoder(JournalLine.class).encode(line))))
                        .get(30, TimeUnit.SECONDS);
                LOG.info("{} put away {} of {} line {} as {}", session.user().name(), request.quantity(),
                        request.orderNo(), request.orderLineNo(), token);
                return null;
            });
        });
    }

    private void send(User user, JournalRequest request, String sourceId) throws Exception {
        ProducerRecord<byte[], byte[]> record;
        if (request.kind() == JournalRequest.Kind.FINISH) {
            OrderStatusChange change = Journals.finish(request, sourceId, clock.instant());
            record = new ProducerRecord<>(KafkaTopics.ORDER_STATUS_CHANGES, null, clock.millis(),
                    bytes(request.orderNo()),
                    bytes(ShopfloorSchemas.encoder(OrderStatusChange.class).encode(change)));
        } else {
            boolean recoding = request.kind() == JournalRequest.Kind.RECODE;
            JournalLine line = recoding ? journals.recodingLine(request, sourceId, user.name())
                    : Journals.journalLine(request, sourceId, user.name());
            String key = recoding ? request.stopKey() : request.kind() == JournalRequest.Kind.CAPACITY
                    ? io.shopfloor.job.order.OrderInput.CAPACITY_KEY_PREFIX + request.capacityNo() : request.orderNo();
            record = new ProducerRecord<>(KafkaTopics.JOURNAL_LINES, null, clock.millis(), bytes(key),
                    bytes(ShopfloorSchemas.encoder(JournalLine.class).encode(line)));
        }
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private List<Map<String, Object>> orders(User user) throws SQLException {
        List<Map<String, Object>> orders = new ArrayList<>();
        java.util.Set<String> finished = ledger.finishedOrders();
        for (MasterDataFeed.ReleasedOrder order : masterData.releasedOrders()) {
            if (finished.contains(order.no())
                    || user.role() == Role.OPERATOR && !order.workCenters().contains(user.workCenterNo())) {
                continue;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("no", order.no());
            view.put("description", order.description());
            view.put("sourceNo", order.sourceNo());
            List<Map<String, Object>> lines = new ArrayList<>();
            for (ProdOrderLine line : order.lines()) {
                lines.add(Map.of("lineNo", line.getLineNo(), "itemNo", String.valueOf(line.getItemNo()),
                        "quantity", line.getQuantity(),
                        "unitOfMeasureCode", String.valueOf(line.getUnitOfMeasureCode()),
                        "routingReferenceNo", line.getRoutingReferenceNo()));
            }
            view.put("lines", lines);
            List<Map<String, Object>> operations = new ArrayList<>();
            for (ProdOrderRoutingLine r : order.routingLines()) {
                operations.add(Map.of("operationNo", String.valueOf(r.getOperationNo()),
                        "routingReferenceNo", r.getRoutingReferenceNo(),
                        "description", String.valueOf(r.getDescription()),
                        "workCenterNo", String.valueOf(r.getWorkCenterNo()),
                        "mayPost", user.mayPostFor(String.valueOf(r.getWorkCenterNo()))));
            }
            view.put("operations", operations);
            List<Map<String, Object>> components = new ArrayList<>();
            for (ProdOrderComponent c : order.components()) {
                components.add(Map.of("orderLineNo", c.getProdOrderLineNo(), "lineNo", c.getLineNo(),
                        "itemNo", String.valueOf(c.getItemNo()), "description", String.valueOf(c.getDescription()),
                        "expectedQuantity", c.getExpectedQuantity(),
                        "unitOfMeasureCode", String.valueOf(c.getUnitOfMeasureCode())));
            }
            view.put("components", components);
            orders.add(view);
        }
        return orders;
    }

    private static String query(HttpExchange exchange, String name) throws Answer {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        throw new Answer(400, "INVALID_INPUT", "parameter " + name + " is missing");
    }

    /** A query parameter, or null when it is missing or blank. */
    private static String optionalQuery(HttpExchange exchange, String name) {
        try {
            String value = query(exchange, name);
            return value.isBlank() ? null : value;
        } catch (Answer missing) {
            return null;
        }
    }

    private static int parseInt(String text) throws Answer {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Answer(400, "INVALID_INPUT", "not a whole number: " + text);
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void resource(HttpExchange exchange, String name) throws IOException {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = CONTENT_TYPES.get(extension);
        // Only plain file names of known types: nothing else on the class path is served.
        InputStream in = type == null || !name.matches("[A-Za-z0-9_-]+\\.[a-z]+") ? null
                : Terminal.class.getResourceAsStream("/terminal/" + name);
        if (in == null) {
            respond(exchange, 404, "text/plain; charset=utf-8",
                    ("not found: " + name).getBytes(StandardCharsets.UTF_8));
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
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
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
    public void close() throws Exception {
        server.stop(0);
        httpThreads.shutdownNow();
        masterData.close();
        producer.close();
        LOG.info("operator terminal at {} stopped", uri);
    }
}

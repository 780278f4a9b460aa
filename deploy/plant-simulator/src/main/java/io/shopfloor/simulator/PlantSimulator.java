package io.shopfloor.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running plant: plays the {@link PlantModel}'s plan against an accelerated clock ({@code speed} simulated
 * seconds per real second) and publishes each message over MQTT when its time comes. After the plan the machines
 * stand idle and keep reporting their counters, so event time goes on. Its progress (the plan's seed and start, the
 * simulated time published up to, the Sparkplug bdSeq) lives in {@code <dataDirectory>/progress.json}, its ground
 * truth in {@code ground-truth.json}: a restart continues the same plant where it stopped.
 */
public final class PlantSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlantSimulator.class);
    private static final long LOOP_MILLIS = 20;
    private static final long SAVE_EVERY_MILLIS = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** Where to publish, how fast, where progress lives, and the plant (used on the first start only). */
    public record Settings(MqttServer mqtt, double speed, Path dataDirectory, PlantSettings plant) {
    }

    /** What survives a restart. */
    public record Progress(PlantSettings plant, long publishedThroughMillis, long bdSeq) {
    }

    private final Settings settings;
    private final PlantModel.PlantPlan plan;
    private final Path progressFile;
    private final List<MachineGateway> gateways = new ArrayList<>();
    private final Map<String, MachineGateway> gatewayOf = new HashMap<>();
    private final JsonGateway json;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong simulatedMillis;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private final long bdSeq;
    private volatile boolean running = true;
    private int next;
    private final Map<String, Long> nextHeartbeat = new HashMap<>();

    private PlantSimulator(Settings settings, Progress progress) throws Exception {
        this.settings = settings;
        this.progressFile = settings.dataDirectory().resolve("progress.json");
        this.plan = PlantModel.plan(progress.plant());
        this.bdSeq = progress.bdSeq();
        long resumeAt = progress.publishedThroughMillis();
        simulatedMillis = new AtomicLong(resumeAt);
        plan.truth().write(settings.dataDirectory().resolve("ground-truth.json"));
        while (next < plan.messages().size() && plan.messages().get(next).publishAtMillis() <= resumeAt) {
            next++;
        }
        json = new JsonGateway(settings.mqtt(), "plant-simulator-json", plan.layout());
        gateways.add(json);
        Map<String, MachineMessage> lastCounters = plan.lastCountersAt(resumeAt);
        Map<String, MachineMessage> lastStates = plan.lastStatesAt(resumeAt);
        for (int line = 1; line <= plan.layout().lines(); line++) {
            int lineNo = line;
            List<SimulatedMachine> machines = plan.layout().machines().stream()
                    .filter(m -> m.lineNo() == lineNo && m.protocol() == Protocol.SPARKPLUG).toList();
            if (machines.isEmpty()) {
                continue;
            }
            SparkplugGateway node = new SparkplugGateway(settings.mqtt(), machines.get(0).lineName(),
                    machines, bdSeq, Math.max(resumeAt, progress.plant().start().toEpochMilli()), lastCounters,
                    lastStates);
            gateways.add(node);
            machines.forEach(m -> gatewayOf.put(m.machineId(), node));
        }
        plan.layout().machines().stream().filter(m -> m.protocol() == Protocol.JSON)
                .forEach(m -> gatewayOf.put(m.machineId(), json));
        thread = new Thread(this::run, "plant-simulator");
        thread.setDaemon(true);
    }

    /**
     * Starts the plant, or resumes it from the progress file. On a first start the plant begins at the next whole
     * minute of the wall clock (after what the ERP committed, so that releases precede the machines' events).
     */
    public static PlantSimulator start(Settings settings) throws Exception {
        Files.createDirectories(settings.dataDirectory());
        Path progressFile = settings.dataDirectory().resolve("progress.json");
        Progress progress;
        if (Files.exists(progressFile)) {
            progress = MAPPER.readValue(progressFile.toFile(), Progress.class);
            LOG.info("resuming the plant at {}", Instant.ofEpochMilli(progress.publishedThroughMillis()));
        } else {
            long now = System.currentTimeMillis();
            Instant start = Instant.ofEpochMilli((now / 60_000 + 1) * 60_000);
            progress = new Progress(settings.plant().withStart(start), start.toEpochMilli() - 1, 1);
            save(progressFile, progress);
        }
        PlantSimulator simulator = new PlantSimulator(settings, progress);
        simulator.thread.start();
        return simulator;
    }

    /** Where a plant on this data folder resumes in simulated time; empty for a new plant. */
    public static Optional<Instant> resumeTime(Settings settings) throws IOException {
        Path progressFile = settings.dataDirectory().resolve("progress.json");
        if (!Files.exists(progressFile)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(MAPPER.readValue(progressFile.toFile(), Progress.class)
                .publishedThroughMillis()));
    }

    /** The plan of a plant without publishing it (the orders to put into the ERP before the plant starts). */
    public static PlantModel.PlantPlan planOf(Settings settings) throws IOException {
        Path progressFile = settings.dataDirectory().resolve("progress.json");
        if (Files.exists(progressFile)) {
            return PlantModel.plan(MAPPER.readValue(progressFile.toFile(), Progress.class).plant());
        }
        return PlantModel.plan(settings.plant());
    }

    public PlantModel.PlantPlan plan() {
        return plan;
    }

    public GroundTruth truth() {
        return plan.truth();
    }

    /** Messages published so far (a duplicate counts twice; both counters of a JSON reading count once). */
    public long publishedMessages() {
        return published.get();
    }

    /** The simulated time published up to. */
    public Instant simulatedTime() {
        return Instant.ofEpochMilli(simulatedMillis.get());
    }

    /** Whether every planned message was published. */
    public boolean planPublished() {
        return next >= plan.messages().size();
    }

    public Throwable failure() {
        return failure.get();
    }

    private void run() {
        long realStart = System.nanoTime();
        long simulatedStart = simulatedMillis.get();
        long lastSave = System.nanoTime();
        try {
            while (running) {
                double realMillis = (System.nanoTime() - realStart) / 1e6;
                long now = simulatedStart + (long) (realMillis * settings.speed());
                publishUntil(now);
                gateways.forEach(PlantSimulator::flushQuietly);
                simulatedMillis.set(now);
                if (System.nanoTime() - lastSave > SAVE_EVERY_MILLIS * 1_000_000) {
                    save(progressFile, new Progress(plan.settings(), now, bdSeq));
                    lastSave = System.nanoTime();
                }
                stopped.await(LOOP_MILLIS, TimeUnit.MILLISECONDS);
            }
            gateways.forEach(PlantSimulator::flushQuietly);
            save(progressFile, new Progress(plan.settings(), simulatedMillis.get(), bdSeq));
        } catch (Throwable e) {
            failure.set(e);
            LOG.error("the plant simulator stopped", e);
        }
    }

    private void publishUntil(long now) throws Exception {
        List<MachineMessage> messages = plan.messages();
        while (next < messages.size() && messages.get(next).publishAtMillis() <= now) {
            MachineMessage message = messages.get(next);
            gatewayFor(message).publish(message);
            published.addAndGet(message.copies());
            next++;
        }
        if (next >= messages.size()) {
            heartbeats(now);
        }
    }

    /** After the plan: each machine idle, reporting its last counters every reading interval. */
    private void heartbeats(long now) throws Exception {
        long end = plan.endMillis();
        Map<String, MachineMessage> last = null;
        for (SimulatedMachine machine : plan.layout().machines()) {
            Long due = nextHeartbeat.get(machine.machineId());
            if (due == null) {
                long interval = PlantLayout.READING_INTERVAL_MILLIS;
                long base = plan.settings().start().toEpochMilli() + machine.readingPhaseMillis();
                due = base + ((Math.max(end, simulatedMillis.get()) - base) / interval + 1) * interval;
            }
            while (due <= now) {
                if (last == null) {
                    last = plan.lastCountersAt(Long.MAX_VALUE);
                }
                MachineMessage counters = last.get(machine.machineId());
                MachineMessage heartbeat = MachineMessage.counters(due, machine.machineId(),
                        counters.goodCounter(), counters.scrapCounter(), counters.bootEpoch());
                gatewayFor(heartbeat).publish(heartbeat);
                published.incrementAndGet();
                due += PlantLayout.READING_INTERVAL_MILLIS;
            }
            nextHeartbeat.put(machine.machineId(), due);
        }
    }

    private MachineGateway gatewayFor(MachineMessage message) {
        return message.kind() == MachineMessage.Kind.OPERATION ? json : gatewayOf.get(message.machineId());
    }

    private static void flushQuietly(MachineGateway gateway) {
        try {
            gateway.flush();
        } catch (Exception e) {
            throw new IllegalStateException("MQTT publish not acknowledged", e);
        }
    }

    private static void save(Path file, Progress progress) throws IOException {
        Path temporary = file.resolveSibling("progress.json.tmp");
        MAPPER.writeValue(temporary.toFile(), progress);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stops publishing, saves the progress (what was published and acknowledged) and disconnects. */
    @Override
    public void close() throws Exception {
        running = false;
        stopped.countDown();
        thread.join(30_000);
        for (MachineGateway gateway : gateways) {
            try {
                gateway.close();
            } catch (Exception e) {
                LOG.warn("gateway did not disconnect cleanly", e);
            }
        }
    }
}

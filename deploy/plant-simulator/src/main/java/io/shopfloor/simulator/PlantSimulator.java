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
import java.util.Comparator;
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
 * The running plant: plays the {@link PlantModel} against an accelerated clock ({@code speed} simulated seconds per
 * real second) and publishes each message over MQTT when its time comes. The planner's rounds are planned ahead of
 * the clock by a bounded horizon ({@link #planningHorizonMillis}), and each round's orders are released (into the
 * ERP, through {@link Settings#releaseOrders}) before any of its messages is sent; a continuous plant goes on like
 * that for as long as it runs. After the last round of a finite plant the machines stand idle and keep reporting
 * their counters, so event time goes on. Its progress (the plant's settings, the simulated time published up to, the
 * Sparkplug bdSeq) lives in {@code <dataDirectory>/progress.json}, its ground truth (through the planned rounds) in
 * {@code ground-truth.json}: a restart plans the same rounds again from the seed and continues where it stopped.
 */
public final class PlantSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlantSimulator.class);
    private static final long LOOP_MILLIS = 20;
    private static final long SAVE_EVERY_MILLIS = 1_000;
    /** Rounds are planned at least this much simulated time ahead of the clock ... */
    private static final long MIN_HORIZON_MILLIS = 60 * 60_000;
    /** ... and at least this much real time, so that CDC carries the released orders before their first event. */
    private static final long MIN_HORIZON_REAL_MILLIS = 60_000;
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Where to publish (and the gateways' login), how fast, where progress lives, the plant (used on the first start
     * only), and who releases the orders of each round before the plant runs them (the ERP; again after a restart:
     * it must skip orders it has).
     */
    public record Settings(MqttServer mqtt, double speed, Path dataDirectory, PlantSettings plant,
                           OrderRelease releaseOrders) {
        /** Orders are not released anywhere (a plant without ERP). */
        public Settings(MqttServer mqtt, double speed, Path dataDirectory, PlantSettings plant) {
            this(mqtt, speed, dataDirectory, plant, orders -> { });
        }
    }

    /** Releases a round's orders, as a planner does; called on the simulator's thread before the round runs. */
    @FunctionalInterface
    public interface OrderRelease {
        void release(List<SimulatedOrder> orders) throws Exception;
    }

    /** What survives a restart. */
    public record Progress(PlantSettings plant, long publishedThroughMillis, long bdSeq) {
    }

    private final Settings settings;
    private final PlantModel model;
    private final Path progressFile;
    private final Path truthFile;
    private final List<MachineGateway> gateways = new ArrayList<>();
    private final Map<String, MachineGateway> gatewayOf = new HashMap<>();
    private final JsonGateway json;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong simulatedMillis;
    private final AtomicLong releasedOrders = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private final long bdSeq;
    private final long horizonMillis;
    /** What an earlier run published already: skipped when its rounds are planned again. */
    private final long resumeAtMillis;
    /** Planned messages not yet published, by publishing time: at most the rounds within the horizon. */
    private final List<MachineMessage> pending = new ArrayList<>();
    private int next;
    private final PlantModel.LastMessages last = new PlantModel.LastMessages();
    private volatile GroundTruth truth;
    private volatile boolean running = true;
    private final Map<String, Long> nextHeartbeat = new HashMap<>();

    private PlantSimulator(Settings settings, Progress progress) throws Exception {
        this.settings = settings;
        this.progressFile = settings.dataDirectory().resolve("progress.json");
        this.truthFile = settings.dataDirectory().resolve("ground-truth.json");
        this.model = PlantModel.of(progress.plant());
        this.bdSeq = progress.bdSeq();
        this.horizonMillis = planningHorizonMillis(settings.speed());
        // Like a store-and-forward gateway, re-send the last moments before the saved progress (see RESEND_*).
        long resumeAt = Math.max(progress.plant().start().toEpochMilli() - 1,
                progress.publishedThroughMillis() - resendMillis(settings.speed()));
        simulatedMillis = new AtomicLong(resumeAt);
        this.resumeAtMillis = resumeAt;
        planAhead(progress.publishedThroughMillis()); // the rounds released before the stop, as then
        json = new JsonGateway(settings.mqtt(), "plant-simulator-json", model.layout());
        gateways.add(json);
        Map<String, MachineMessage> lastCounters = last.counters();
        Map<String, MachineMessage> lastStates = last.states();
        for (int line = 1; line <= model.layout().lines(); line++) {
            int lineNo = line;
            List<SimulatedMachine> machines = model.layout().machines().stream()
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
        model.layout().machines().stream().filter(m -> m.protocol() == Protocol.JSON)
                .forEach(m -> gatewayOf.put(m.machineId(), json));
        thread = new Thread(this::run, "plant-simulator");
        thread.setDaemon(true);
    }

    /**
     * What a restart publishes again from before its saved progress: at least this much real time (the embedded
     * MQTT broker keeps its queues' positions in a checkpoint it writes about once a second, so a killed broker can
     * lose messages it had acknowledged; real gateways cover that with store-and-forward) ...
     */
    private static final long RESEND_REAL_MILLIS = 2_000;
    /** ... but at most this much simulated time: older messages would reach the job as stale. */
    private static final long MAX_RESEND_MILLIS = 4 * 60_000;

    /** How much simulated time a restart publishes again (duplicates are harmless: readings are cumulative). */
    public static long resendMillis(double speed) {
        return Math.min(MAX_RESEND_MILLIS, (long) (speed * RESEND_REAL_MILLIS));
    }

    /** How far ahead of the clock rounds are planned and their orders released, in simulated time. */
    public static long planningHorizonMillis(double speed) {
        return Math.max(MIN_HORIZON_MILLIS, (long) (speed * MIN_HORIZON_REAL_MILLIS));
    }

    /**
     * Plans rounds until the planned ones reach {@code now} plus the horizon (or none are left), releases their
     * orders, and drops what was published (the pending list stays within the horizon's rounds).
     */
    private void planAhead(long now) throws Exception {
        boolean planned = false;
        while (model.hasNextRound() && model.endMillis() <= now + horizonMillis) {
            PlantModel.Round round = model.nextRound();
            settings.releaseOrders().release(round.orders());
            releasedOrders.addAndGet(round.orders().size());
            pending.subList(0, next).clear();
            next = 0;
            // Reordered readings of the last round may be published after the first of this one: merge, stable.
            pending.addAll(round.messages());
            pending.sort(Comparator.comparingLong(MachineMessage::publishAtMillis));
            while (next < pending.size() && pending.get(next).publishAtMillis() <= resumeAtMillis) {
                last.track(pending.get(next));
                next++;
            }
            planned = true;
        }
        if (planned) {
            truth = model.truth();
            truth.write(truthFile);
        }
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

    /**
     * The plan known at the start of a plant without publishing it: its layout and the orders to put into the ERP
     * before the plant starts (every round of a finite plant, the first of a continuous one).
     */
    public static PlantModel.PlantPlan planOf(Settings settings) throws IOException {
        return PlantModel.plan(plantOf(settings));
    }

    /** The plant of the data directory: the one started there before, else the one of the settings. */
    private static PlantSettings plantOf(Settings settings) throws IOException {
        Path progressFile = settings.dataDirectory().resolve("progress.json");
        if (Files.exists(progressFile)) {
            return MAPPER.readValue(progressFile.toFile(), Progress.class).plant();
        }
        return settings.plant();
    }

    /** The plant's settings (those of its first start). */
    public PlantSettings plant() {
        return model.settings();
    }

    public PlantLayout layout() {
        return model.layout();
    }

    /** The ground truth through the rounds planned so far. */
    public GroundTruth truth() {
        return truth;
    }

    /** Orders released since this start (again after a restart: the ERP skips the ones it has). */
    public long releasedOrders() {
        return releasedOrders.get();
    }

    /** Messages published so far (a duplicate counts twice; both counters of a JSON reading count once). */
    public long publishedMessages() {
        return published.get();
    }

    /** The simulated time published up to. */
    public Instant simulatedTime() {
        return Instant.ofEpochMilli(simulatedMillis.get());
    }

    /** Whether every planned message was published (never, while a continuous plant runs). */
    public boolean planPublished() {
        return !model.hasNextRound() && next >= pending.size();
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
                planAhead(now);
                publishUntil(now);
                gateways.forEach(PlantSimulator::flushQuietly);
                simulatedMillis.set(now);
                if (System.nanoTime() - lastSave > SAVE_EVERY_MILLIS * 1_000_000) {
                    save(progressFile, new Progress(model.settings(), now, bdSeq));
                    lastSave = System.nanoTime();
                }
                stopped.await(LOOP_MILLIS, TimeUnit.MILLISECONDS);
            }
            gateways.forEach(PlantSimulator::flushQuietly);
            save(progressFile, new Progress(model.settings(), simulatedMillis.get(), bdSeq));
        } catch (Throwable e) {
            failure.set(e);
            LOG.error("the plant simulator stopped", e);
        }
    }

    private void publishUntil(long now) throws Exception {
        while (next < pending.size() && pending.get(next).publishAtMillis() <= now) {
            MachineMessage message = pending.get(next);
            gatewayFor(message).publish(message);
            last.track(message);
            published.addAndGet(message.copies());
            next++;
        }
        if (!model.hasNextRound() && next >= pending.size()) {
            heartbeats(now);
        }
    }

    /** After the last round: each machine idle, reporting its last counters every reading interval. */
    private void heartbeats(long now) throws Exception {
        long end = model.endMillis();
        Map<String, MachineMessage> lastCounters = null;
        for (SimulatedMachine machine : model.layout().machines()) {
            Long due = nextHeartbeat.get(machine.machineId());
            if (due == null) {
                long interval = PlantLayout.READING_INTERVAL_MILLIS;
                long base = model.settings().start().toEpochMilli() + machine.readingPhaseMillis();
                due = base + ((Math.max(end, simulatedMillis.get()) - base) / interval + 1) * interval;
            }
            while (due <= now) {
                if (lastCounters == null) {
                    lastCounters = last.counters();
                }
                MachineMessage counters = lastCounters.get(machine.machineId());
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

package io.shopfloor.job.benchmark;

import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.kafka.AvroKafkaDeserializer;
import io.shopfloor.job.kafka.Decoded;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStatsSummarySnapshot;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Throughput of the posting job (a program, not a test): starts an in-process Kafka broker, writes a simulated
 * plant to it ({@link BenchmarkPlant}), measures a plain Kafka consumer that only decodes the counter readings,
 * then runs {@link KafkaPostingJob} bounded (read every topic to its current end, post, flush, finish) on a local
 * MiniCluster, and prints readings per second of both, their ratio, and what the job wrote. Like the consumer,
 * whose measured passes follow a cold one, the measured job run follows a warm-up run on a smaller plant and a
 * broker of its own ({@link #warmUp}). The job's rate is given twice: sustained, while its machine stage takes in
 * the middle 80% of its inputs (sampled through a metric reporter, {@link JobProgress}), which is what the ratio
 * compares with the consumer; and from submission to finish, which adds deployment and the wait for the
 * checkpoint that commits the exactly-once sinks at the end (up to one checkpoint interval).
 *
 * <pre>
 * java -jar posting-job-benchmark.jar [--readings=1000000] [--machines=20[,2000,...]] [--orders=20[,5000,...]]
 *     [--state-backends=hashmap,rocksdb] [--partitions=4] [--parallelism=2] [--checkpoint-ms=10000]
 *     [--checkpoint-storage=filesystem|jobmanager] [--warmup-readings=500000] [--seed=42] [--timeout-s=900]
 * </pre>
 * Every combination of machines and orders is posted with each state backend (RocksDB is the production one), and
 * a summary table prints them side by side with the checkpoints' largest state size and longest duration.
 * Bare numbers are taken as readings, then machines. Checkpoints go to a temporary directory, as a cluster's
 * configuration would send them to a file system; {@code jobmanager} is Flink's default when nothing is
 * configured (state handles of at most 5 MB: the job's checkpoints fail beyond that). {@code --warmup-readings=0}
 * measures the job in a cold JVM.
 */
public final class PostingJobBenchmark {

    /**
     * The command line. {@code machines}, {@code orders} and {@code stateBackends} are lists: every combination of
     * machines and orders is a plant of its own, and each plant is posted once per state backend, on a broker of
     * its own (the job appends to the ledger topics, so a second run on one broker would count twice).
     */
    record Options(long readings, List<Integer> machines, List<Integer> orders, List<String> stateBackends,
                   int partitions, int parallelism, long checkpointMillis, String checkpointStorage,
                   long warmupReadings, long seed, long timeoutSeconds) {
        static final String USAGE = "usage: java -jar posting-job-benchmark.jar [--readings=1000000]"
                + " [--machines=20[,2000,...]] [--orders=20[,5000,...]] [--state-backends=hashmap,rocksdb]"
                + " [--partitions=4] [--parallelism=2] [--checkpoint-ms=10000]"
                + " [--checkpoint-storage=filesystem|jobmanager] [--warmup-readings=500000] [--seed=42]"
                + " [--timeout-s=900]";

        static Options parse(String[] args) {
            Map<String, String> values = new TreeMap<>(Map.ofEntries(Map.entry("readings", "1000000"),
                    Map.entry("machines", "20"), Map.entry("orders", "20"),
                    Map.entry("state-backends", "hashmap,rocksdb"), Map.entry("partitions", "4"),
                    Map.entry("parallelism", "2"), Map.entry("checkpoint-ms", "10000"),
                    Map.entry("checkpoint-storage", "filesystem"), Map.entry("warmup-readings", "500000"),
                    Map.entry("seed", "42"), Map.entry("timeout-s", "900")));
            List<String> positional = List.of("readings", "machines");
            int position = 0;
            for (String arg : args) {
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                String name;
                String value;
                if (arg.startsWith("--") && arg.contains("=")) {
                    name = arg.substring(2, arg.indexOf('='));
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (!arg.startsWith("-") && position < positional.size()) {
                    name = positional.get(position++);
                    value = arg;
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + " (try --help)");
                }
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + " (try --help)");
                }
                values.put(name, value.replace("_", ""));
            }
            List<String> backends = List.of(values.get("state-backends").split(","));
            for (String backend : backends) {
                if (!List.of("hashmap", "rocksdb").contains(backend)) {
                    throw new IllegalArgumentException("--state-backends takes hashmap and rocksdb, not " + backend);
                }
            }
            return new Options(Long.parseLong(values.get("readings")), counts(values.get("machines")),
                    counts(values.get("orders")), backends, Integer.parseInt(values.get("partitions")),
                    Integer.parseInt(values.get("parallelism")), Long.parseLong(values.get("checkpoint-ms")),
                    values.get("checkpoint-storage"), Long.parseLong(values.get("warmup-readings")),
                    Long.parseLong(values.get("seed")), Long.parseLong(values.get("timeout-s")));
        }

        private static List<Integer> counts(String list) {
            return Arrays.stream(list.split(",")).map(Integer::parseInt).toList();
        }
    }

    /** One plant posted with one state backend. */
    record Run(int machines, int orders, String stateBackend, long readings, double sustainedRate,
               double finishRate, Checkpoints checkpoints, boolean complete) {
    }

    /** The job's completed checkpoints: how many, the largest full state size and the longest end-to-end time. */
    record Checkpoints(long completed, long maxStateBytes, long maxDurationMillis, double averageDurationMillis) {
        static Checkpoints of(CheckpointStatsSnapshot stats) {
            if (stats == null || stats.getSummaryStats().getStateSizeStats().getCount() == 0) {
                return new Checkpoints(0, 0, 0, 0);
            }
            CompletedCheckpointStatsSummarySnapshot summary = stats.getSummaryStats();
            return new Checkpoints(stats.getCounts().getNumberOfCompletedCheckpoints(),
                    summary.getStateSizeStats().getMaximum(), summary.getEndToEndDurationStats().getMaximum(),
                    summary.getEndToEndDurationStats().getAverage());
        }

        @Override
        public String toString() {
            return completed == 0 ? "no checkpoint completed" : String.format("%d checkpoints, state up to %.1f MB,"
                    + " up to %,d ms (average %,.0f ms)", completed, maxStateBytes / 1e6, maxDurationMillis,
                    averageDurationMillis);
        }
    }

    /** The job's per-machine operator (see {@code PostingJob}): every machine input passes it once. */
    static final String MACHINE_STAGE = "machine signals";
    static final long SAMPLE_MILLIS = 10;

    private PostingJobBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(Options.parse(args));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // Kafka's and Flink's non-daemon threads may linger after close.
        System.exit(status);
    }

    static void run(Options options) throws Exception {
        long clusterStarted = System.nanoTime();
        MiniCluster cluster = startCluster(options);
        System.out.printf("local cluster       started in %.1f s; %d cores%n", (System.nanoTime() - clusterStarted) / 1e9,
                Runtime.getRuntime().availableProcessors());
        if (options.warmupReadings() > 0) {
            for (String backend : options.stateBackends()) {
                warmUp(cluster, options, backend);
            }
        }
        List<Run> runs = new java.util.ArrayList<>();
        for (int machines : options.machines()) {
            for (int orders : options.orders()) {
                for (String backend : options.stateBackends()) {
                    // The reference rates (plain consumer, Flink's ceiling) once per plant: they have no state.
                    runs.add(runPlant(cluster, options, machines, orders, backend,
                            backend.equals(options.stateBackends().get(0))));
                }
            }
        }
        cluster.closeAsync().get(60, TimeUnit.SECONDS);
        printTable(runs);
    }

    /** The side-by-side summary: one line per plant and backend. */
    static void printTable(List<Run> runs) {
        System.out.printf("%nsummary (sustained: readings/s into the machine stage over 10%% to 90%% of its inputs;"
                + " finish: readings / seconds from submission to finish)%n");
        System.out.printf("%9s %7s %-8s %11s %12s %11s %12s %15s %13s %s%n", "machines", "orders", "backend",
                "readings", "sustained/s", "finish/s", "checkpoints", "max state MB", "max ckpt ms", "posted");
        for (Run run : runs) {
            System.out.printf("%,9d %,7d %-8s %,11d %,12.0f %,11.0f %12d %15.1f %,13d %s%n", run.machines(),
                    run.orders(), run.stateBackend(), run.readings(), run.sustainedRate(), run.finishRate(),
                    run.checkpoints().completed(), run.checkpoints().maxStateBytes() / 1e6,
                    run.checkpoints().maxDurationMillis(), run.complete() ? "complete" : "INCOMPLETE");
        }
    }

    static Run runPlant(MiniCluster cluster, Options options, int machines, int orders, String backend,
                        boolean references) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String bootstrap = kafka.bootstrapServers();
            KafkaTopics.createMissing(bootstrap, options.partitions(), (short) 1);
            kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));

            BenchmarkPlant plant = new BenchmarkPlant(options.readings(), machines, orders, options.seed(),
                    Instant.now());
            BenchmarkPlant.Produced produced = plant.produceTo(bootstrap);
            long onOp10 = plant.machines.stream().filter(m -> m.operationNo.equals("10")).count();
            System.out.printf("%nposting job benchmark: %,d readings from %,d machines (%d on op 10, %d on op 20)"
                            + " for %,d orders over %,d simulated seconds from %s; %d partitions, parallelism %d,"
                            + " %s state backend, checkpoints every %,d ms to %s storage%n",
                    produced.readings(), machines, onOp10, machines - onOp10, orders, produced.seconds(), plant.start,
                    options.partitions(), options.parallelism(), backend, options.checkpointMillis(),
                    options.checkpointStorage());
            System.out.printf("produced            %,d readings, %,d state changes, %,d operation events, %,d master"
                            + " data records in %.1f s%n", produced.readings(), produced.stateChanges(),
                    produced.operationEvents(), produced.masterDataRecords(), produced.wallSeconds());

            double consumerRate = Double.NaN;
            if (references) {
                consumerRate = measureReferences(cluster, bootstrap, options, produced);
            }
            long machineInputs = produced.readings() + produced.stateChanges() + produced.operationEvents();
            JobRun job = runJob(cluster, bootstrap, options, backend, machineInputs);
            double jobRate = produced.readings() / job.seconds();
            System.out.printf("posting job         %,d readings in %.2f s (submission to finish; Flink net runtime"
                            + " %.2f s): %,.0f readings/s; %s%n",
                    produced.readings(), job.seconds(), job.netRuntimeSeconds(), jobRate, job.load());
            Steady steady = job.steady();
            System.out.printf("  of which          %.2f s until the first input reached the machine stage, %.2f s"
                            + " from there to the last, %.2f s from the last to the finish (the rest of the input"
                            + " behind the watermark, then the final checkpoint that commits the ledger)%n",
                    steady.firstInputSeconds(), steady.lastInputSeconds() - steady.firstInputSeconds(),
                    job.seconds() - steady.lastInputSeconds());
            System.out.printf("sustained           %,.0f readings/s into the machine stage while %.0f%% to %.0f%% of"
                            + " its inputs came in (%,d inputs in %.2f s); %s; %.1f µs CPU per reading%n",
                    steady.rate(), Steady.FROM * 100, Steady.TO * 100, steady.inputs(), steady.seconds(),
                    steady.load(), steady.load().cpuMicrosPer(steady.inputs()));
            System.out.printf("checkpoints         %s%n", job.checkpoints());
            if (references) {
                System.out.printf("ratio job/consumer  %.2f sustained, %.2f submission to finish (target: 100,000"
                        + " readings/s or more through the job, ratio 0.5 or more)%n", steady.rate() / consumerRate,
                        jobRate / consumerRate);
            }
            boolean complete = report(kafka, produced);
            return new Run(machines, orders, backend, produced.readings(), steady.rate(), jobRate, job.checkpoints(),
                    complete);
        }
    }

    /**
     * The rates any reader of the counter topic can reach here: a plain consumer that only decodes (a cold pass,
     * then the median of three), Flink's Kafka source alone, and with the keyed exchange. Returns the consumer's.
     */
    static double measureReferences(MiniCluster cluster, String bootstrap, Options options,
                                    BenchmarkPlant.Produced produced) throws Exception {
        double cold = consumeAndDecode(bootstrap, produced.readings());
        Load consumerLoad = Load.start();
        double[] passes = new double[3];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = consumeAndDecode(bootstrap, produced.readings());
        }
        Load.Sample consumerSample = consumerLoad.stop();
        double[] sorted = passes.clone();
        Arrays.sort(sorted);
        double consumerSeconds = sorted[1];
        double consumerRate = produced.readings() / consumerSeconds;
        System.out.printf("plain consumer      %,d readings decoded in %.2f s: %,.0f readings/s (median of %.2f,"
                        + " %.2f and %.2f s; cold pass %.2f s); %s; %.1f µs CPU per reading%n",
                produced.readings(), consumerSeconds, consumerRate, passes[0], passes[1], passes[2], cold,
                consumerSample, consumerSample.cpuMicrosPer(passes.length * produced.readings()));
        for (boolean keyed : new boolean[] {false, true}) {
            double seconds = readWithFlink(cluster, bootstrap, options, keyed);
            System.out.printf("flink ceiling       %,d readings %s in %.2f s (submission to finish): %,.0f"
                            + " readings/s, ratio to the plain consumer %.2f%n", produced.readings(),
                    keyed ? "decoded and exchanged by machine to a discarding sink"
                            : "decoded by Flink's Kafka source into a discarding sink",
                    seconds, produced.readings() / seconds, produced.readings() / seconds / consumerRate);
        }
        return consumerRate;
    }

    /**
     * The job once over a smaller plant on a broker of its own, on the same local cluster, so that the measured run
     * finds the cluster's and the job's code compiled, as the measured consumer passes find theirs after a cold
     * pass: in a cold JVM the JIT compilers take a large share of the two cores while the job runs (sampled from
     * /proc: more than the job's own threads), and a second local cluster would bring its classes to compile
     * again. A cluster and a long-running job pay that once; the steady state is what the target is about. Prints
     * what the cold run did.
     */
    static void warmUp(MiniCluster cluster, Options options, String backend) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String bootstrap = kafka.bootstrapServers();
            KafkaTopics.createMissing(bootstrap, options.partitions(), (short) 1);
            kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
            BenchmarkPlant.Produced produced = new BenchmarkPlant(options.warmupReadings(),
                    options.machines().get(0), options.orders().get(0), options.seed() + 1, Instant.now())
                    .produceTo(bootstrap);
            JobRun job = runJob(cluster, bootstrap, options, backend,
                    produced.readings() + produced.stateChanges() + produced.operationEvents());
            System.out.printf("warm-up run         " + backend + ", %,d readings in %.2f s (submission to"
                            + " finish): %,.0f readings/s; sustained %,.0f readings/s; %s; %.1f µs CPU per reading"
                            + " (cold JVM)%n", produced.readings(), job.seconds(), produced.readings() / job.seconds(),
                    job.steady().rate(), job.steady().load(), job.steady().load().cpuMicrosPer(job.steady().inputs()));
        }
    }

    /** Reads every counter reading with a plain consumer and decodes it; returns the seconds from first poll. */
    static double consumeAndDecode(String bootstrap, long expected) {
        BinaryMessageDecoder<MachineCounterReading> decoder = ShopfloorSchemas.decoder(MachineCounterReading.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.MACHINE_COUNTERS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long started = System.nanoTime();
            long count = 0;
            long checksum = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        checksum += decoder.decode(record.value()).getValue();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (count != expected) {
                throw new IllegalStateException("consumer read " + count + " readings, expected " + expected
                        + " (checksum " + checksum + ")");
            }
            return seconds;
        }
    }

    /**
     * The counter readings through Flink's Kafka source with the job's decoder into a discarding sink, bounded, on
     * the local cluster; {@code keyed}: through an exchange keyed by machine first, as the job's machine stage gets
     * them. Returns the seconds from submission to finish.
     */
    static double readWithFlink(MiniCluster cluster, String bootstrap, Options options, boolean keyed)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().enableObjectReuse();
        env.setParallelism(options.parallelism());
        KafkaSource<Decoded<MachineCounterReading>> source = KafkaSource.<Decoded<MachineCounterReading>>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(KafkaTopics.MACHINE_COUNTERS)
                .setGroupId("posting-job-benchmark-ceiling")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new AvroKafkaDeserializer<>(MachineCounterReading.class))
                .build();
        DataStream<Decoded<MachineCounterReading>> readings = env.fromSource(source,
                WatermarkStrategy.noWatermarks(), "machine-counters");
        if (keyed) {
            readings = readings.keyBy(decoded -> decoded.isRecord() ? decoded.record().getMachineId() : "")
                    .filter(Decoded::isRecord);
        }
        readings.sinkTo(new DiscardingSink<>());
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("posting-job-benchmark-ceiling");
        long submitted = System.nanoTime();
        JobID job = cluster.submitJob(graph).get().getJobID();
        JobResult result = cluster.requestJobResult(job).get(options.timeoutSeconds(), TimeUnit.SECONDS);
        if (!result.isSuccess()) {
            throw new IllegalStateException("the ceiling job failed", result.getSerializedThrowable()
                    .map(t -> t.deserializeError(PostingJobBenchmark.class.getClassLoader())).orElse(null));
        }
        return (System.nanoTime() - submitted) / 1e9;
    }

    record JobRun(double seconds, double netRuntimeSeconds, Load.Sample load, Steady steady,
                  Checkpoints checkpoints) {
    }

    /**
     * The job's steady state: the inputs the machine stage took in between {@link #FROM} and {@link #TO} of all of
     * them, over the time that took (seconds from submission), and the load meanwhile.
     */
    record Steady(double firstInputSeconds, double lastInputSeconds, long inputs, double seconds, Load.Sample load) {
        static final double FROM = 0.1;
        static final double TO = 0.9;

        double rate() {
            return inputs / seconds;
        }
    }

    /**
     * The local cluster both job runs go to: one TaskManager with a slot per parallel subtask, as a local
     * environment would start for each job, but started once, as a cluster runs before and after a job.
     */
    static MiniCluster startCluster(Options options) throws Exception {
        Configuration configuration = new Configuration();
        JobProgress.configure(configuration, MACHINE_STAGE);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(options.parallelism())
                .withRandomPorts()
                .build());
        cluster.start();
        return cluster;
    }

    /**
     * The posting job, bounded, as {@code KafkaPostingJob.main} defines it, on the local cluster; samples how many
     * of the {@code machineInputs} its machine stage has taken in while it runs.
     */
    static JobRun runJob(MiniCluster cluster, String bootstrap, Options options, String stateBackend,
                         long machineInputs) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        Path checkpoints = null;
        if (options.checkpointStorage().equals("filesystem")) {
            checkpoints = Files.createTempDirectory("posting-job-benchmark-checkpoints");
            configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        } else {
            configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, options.checkpointStorage());
        }
        // A benchmark run either runs through or fails: no restarts (Flink's default with checkpoints restarts
        // forever, and a run that restarted measures something else).
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(options.parallelism());
        env.enableCheckpointing(options.checkpointMillis());
        KafkaPostingJob.Config defaults = KafkaPostingJob.Config.defaults(bootstrap);
        KafkaPostingJob.define(env, defaults.boundedTo("posting-job-benchmark", defaults.posting()));
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("posting-job-benchmark");

        JobProgress.reset();
        Progress progress = new Progress(machineInputs);
        long submitted = System.nanoTime();
        Load load = Load.start();
        JobResult result;
        JobID job;
        try {
            job = cluster.submitJob(graph).get().getJobID();
            CompletableFuture<JobResult> finish = cluster.requestJobResult(job);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
            result = null;
            while (result == null) {
                try {
                    // Waiting on the result with a short timeout paces the sampling of the machine stage's input.
                    result = finish.get(SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
                        throw new IllegalStateException("the job did not finish within " + options.timeoutSeconds()
                                + " s", e);
                    }
                }
                progress.sample(JobProgress.recordsIn());
            }
        } finally {
            if (checkpoints != null) {
                deleteRecursively(checkpoints);
            }
        }
        long finished = System.nanoTime();
        Load.Sample sample = load.stop();
        if (!result.isSuccess()) {
            throw new IllegalStateException("the job failed", result.getSerializedThrowable()
                    .map(t -> t.deserializeError(PostingJobBenchmark.class.getClassLoader())).orElse(null));
        }
        Checkpoints checkpointStats = Checkpoints.of(cluster.getArchivedExecutionGraph(job)
                .get(60, TimeUnit.SECONDS).getCheckpointStatsSnapshot());
        return new JobRun((finished - submitted) / 1e9, result.getNetRuntime() / 1e3, sample,
                progress.steady(submitted), checkpointStats);
    }

    /** Samples of the machine stage's input count: when it passed the steady-state marks, and the load between. */
    static final class Progress {
        private final long total;
        private long firstAt;
        private long lastAt;
        private long fromAt;
        private long fromCount;
        private long toAt;
        private long toCount;
        private Load load;
        private Load.Sample steadyLoad;

        Progress(long total) {
            this.total = total;
        }

        void sample(long count) {
            long now = System.nanoTime();
            if (count > 0 && firstAt == 0) {
                firstAt = now;
            }
            if (count >= total && lastAt == 0) {
                lastAt = now;
            }
            if (count >= Steady.FROM * total && fromAt == 0) {
                fromAt = now;
                fromCount = count;
                load = Load.start();
            }
            if (count >= Steady.TO * total && toAt == 0 && fromAt != 0) {
                toAt = now;
                toCount = count;
                steadyLoad = load.stop();
            }
        }

        Steady steady(long submittedAt) {
            if (toAt == 0 || lastAt == 0 || toAt == fromAt) {
                throw new IllegalStateException("the machine stage took in too few of its " + total + " inputs to"
                        + " time its steady state (sampled every " + SAMPLE_MILLIS + " ms)");
            }
            return new Steady((firstAt - submittedAt) / 1e9, (lastAt - submittedAt) / 1e9, toCount - fromCount,
                    (toAt - fromAt) / 1e9, steadyLoad);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Prints what the job wrote (read back with read_committed consumers); whether every counted part was posted. */
    static boolean report(EmbeddedKafka kafka, BenchmarkPlant.Produced produced) throws Exception {
        Duration timeout = Duration.ofSeconds(60);
        BinaryMessageDecoder<CapacityLedgerEntry> capacityDecoder =
                ShopfloorSchemas.decoder(CapacityLedgerEntry.class);
        BinaryMessageDecoder<ItemLedgerEntry> itemDecoder = ShopfloorSchemas.decoder(ItemLedgerEntry.class);
        BinaryMessageDecoder<DeadLetter> deadLetterDecoder = ShopfloorSchemas.decoder(DeadLetter.class);
        BigDecimal[] output = {BigDecimal.ZERO, BigDecimal.ZERO};
        Map<String, Long> itemEntryTypes = new TreeMap<>();
        Map<String, Long> deadLetterReasons = new TreeMap<>();

        Map<String, OutputDigest> digests = new TreeMap<>();
        for (String topic : List.of(KafkaTopics.LEDGER_CAPACITY_ENTRIES, KafkaTopics.LEDGER_ITEM_ENTRIES,
                KafkaTopics.LEDGER_VALUE_ENTRIES, KafkaTopics.LEDGER_WAREHOUSE_ENTRIES,
                KafkaTopics.LEDGER_ORDER_STATUS, KafkaTopics.DEAD_LETTERS, KafkaTopics.MACHINE_KPIS)) {
            digests.put(topic, new OutputDigest());
        }
        long capacity = kafka.forEach(KafkaTopics.LEDGER_CAPACITY_ENTRIES, true, timeout, r -> {
            CapacityLedgerEntry e = decode(capacityDecoder, r);
            output[0] = output[0].add(e.getOutputQuantity());
            output[1] = output[1].add(e.getScrapQuantity());
            digests.get(KafkaTopics.LEDGER_CAPACITY_ENTRIES).add(r);
        });
        long items = kafka.forEach(KafkaTopics.LEDGER_ITEM_ENTRIES, true, timeout, r -> {
            itemEntryTypes.merge(String.valueOf(decode(itemDecoder, r).getEntryType()), 1L, Long::sum);
            digests.get(KafkaTopics.LEDGER_ITEM_ENTRIES).add(r);
        });
        long values = kafka.forEach(KafkaTopics.LEDGER_VALUE_ENTRIES, true, timeout,
                digests.get(KafkaTopics.LEDGER_VALUE_ENTRIES)::add);
        long warehouse = kafka.forEach(KafkaTopics.LEDGER_WAREHOUSE_ENTRIES, true, timeout,
                digests.get(KafkaTopics.LEDGER_WAREHOUSE_ENTRIES)::add);
        long statuses = kafka.forEach(KafkaTopics.LEDGER_ORDER_STATUS, true, timeout,
                digests.get(KafkaTopics.LEDGER_ORDER_STATUS)::add);
        long deadLetters = kafka.forEach(KafkaTopics.DEAD_LETTERS, true, timeout, r -> {
            DeadLetter d = decode(deadLetterDecoder, r);
            deadLetterReasons.merge(d.getStage() + "/" + d.getReasonCode(), 1L, Long::sum);
            digests.get(KafkaTopics.DEAD_LETTERS).add(r);
        });
        System.out.printf("ledger entries      %,d in all (read_committed): capacity %,d, item %,d %s, value %,d,"
                        + " warehouse %,d, order status %,d%n", capacity + items + values + warehouse + statuses,
                capacity, items, itemEntryTypes, values, warehouse, statuses);
        boolean complete = output[0].compareTo(BigDecimal.valueOf(produced.goodCounted())) == 0
                && output[1].compareTo(BigDecimal.valueOf(produced.scrapCounted())) == 0;
        System.out.printf("posted parts        output %s of %,d good counted, scrap %s of %,d counted (capacity"
                        + " ledger entries): %s%n", output[0].stripTrailingZeros().toPlainString(),
                produced.goodCounted(), output[1].stripTrailingZeros().toPlainString(), produced.scrapCounted(),
                complete ? "complete" : "INCOMPLETE");
        System.out.printf("dead letters        %,d %s%n", deadLetters, deadLetterReasons);
        long kpis = kafka.forEach(KafkaTopics.MACHINE_KPIS, false, timeout, digests.get(KafkaTopics.MACHINE_KPIS)::add);
        System.out.printf("machine KPIs        %,d (at least once)%n", kpis);
        // Same seed, same day, same job semantics: same digests (the plant's dates follow the wall clock).
        System.out.printf("output digests      %s%n", digests.entrySet().stream()
                .map(d -> d.getKey() + " " + d.getValue().hex()).collect(Collectors.joining(", ")));

        // Exactly-once sinks: everything written must be committed once the job has finished.
        long uncommitted = 0;
        for (String topic : List.of(KafkaTopics.LEDGER_CAPACITY_ENTRIES, KafkaTopics.LEDGER_ITEM_ENTRIES,
                KafkaTopics.LEDGER_VALUE_ENTRIES, KafkaTopics.LEDGER_WAREHOUSE_ENTRIES,
                KafkaTopics.LEDGER_ORDER_STATUS, KafkaTopics.DEAD_LETTERS)) {
            uncommitted += kafka.forEach(topic, false, timeout, r -> { });
        }
        uncommitted -= capacity + items + values + warehouse + statuses + deadLetters;
        List<String> open = kafka.openTransactions();
        System.out.printf("transactions        %d still open after the job%s; %,d ledger and dead-letter records"
                        + " readable only read_uncommitted (aborted, or behind an open transaction)%n", open.size(),
                open.isEmpty() ? "" : " " + open, uncommitted);
        return complete;
    }

    private static <T> T decode(BinaryMessageDecoder<T> decoder, ConsumerRecord<byte[], byte[]> record) {
        try {
            return decoder.decode(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU use of this process and of the whole machine, and GC time, over one phase. */
    static final class Load {
        private final long wall = System.nanoTime();
        private final long processCpu = processCpuNanos();
        private final long gc = gcMillis();
        private final long[] system = systemJiffies();

        record Sample(double seconds, double processCores, double systemBusy, double steal, double gcSeconds) {
            /** CPU time of this JVM per item, in microseconds: less sensitive to other load than a rate. */
            double cpuMicrosPer(long items) {
                return processCores * seconds * 1e6 / items;
            }

            @Override
            public String toString() {
                return String.format("load: this JVM %.2f cores, machine %s busy (%s steal), GC %.2f s", processCores,
                        systemBusy < 0 ? "?" : String.format("%.0f%%", systemBusy * 100),
                        steal < 0 ? "?" : String.format("%.0f%%", steal * 100), gcSeconds);
            }
        }

        static Load start() {
            return new Load();
        }

        Sample stop() {
            double seconds = (System.nanoTime() - wall) / 1e9;
            long[] now = systemJiffies();
            double busy = -1;
            double steal = -1;
            if (system != null && now != null && now[0] > system[0]) {
                busy = 1.0 - (double) (now[1] - system[1]) / (now[0] - system[0]);
                steal = (double) (now[2] - system[2]) / (now[0] - system[0]);
            }
            return new Sample(seconds, (processCpuNanos() - processCpu) / 1e9 / seconds, busy, steal,
                    (gcMillis() - gc) / 1e3);
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
        }

        /**
         * Total, idle (idle + iowait) and steal (time the hypervisor gave to other guests) jiffies of all CPUs from
         * /proc/stat; null where there is none.
         */
        private static long[] systemJiffies() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < cpu.length; i++) {
                    total += Long.parseLong(cpu[i]);
                }
                return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]),
                        cpu.length > 8 ? Long.parseLong(cpu[8]) : 0};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}

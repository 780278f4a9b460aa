package io.shopfloor.ledger;

import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.DeadLetters;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.kafka.AvroKafkaDeserializer;
import io.shopfloor.job.kafka.AvroRecordTypeInfo;
import io.shopfloor.job.kafka.Decoded;
import io.shopfloor.schema.KafkaTopics;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.shopfloor.job.PostingJob;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.common.DeadLetter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;


/**
 * The posting job writing to the PostgreSQL ledger store as well as to Kafka: ledger entries, cost plans, machine
 * KPIs and dead letters (the job's and those other stages wrote to Kafka) each through a {@link LedgerStoreSink}.
 * {@code main} wires it to the command line.
 */
public final class LedgerStoreJob {

    private LedgerStoreJob() {
    }

    /**
     * Attaches the ledger store's sinks to the job's streams: its outputs, its own dead letters (directly), and
     * the dead letters other stages (MQTT bridge, ERP CDC, dashboard) wrote to the {@code dead-letters} topic,
     * read committed. Both go to the same table, idempotent by the letter's id.
     */
    public static void attach(KafkaPostingJob.Streams streams, LedgerStoreSink.Settings settings) {
        attach(streams.outputs(), settings);
        streams.deadLetters().union(otherStagesDeadLetters(streams.deadLetters().getExecutionEnvironment(),
                        streams.config()))
                .sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: dead letters").uid("ledger-store-dead-letters");
    }

    /**
     * The dead letters on Kafka that the job did not write (its own reach the store directly, and before their
     * transaction commits). Event time plays no part here, so the source has no watermarks.
     */
    static DataStream<DeadLetter> otherStagesDeadLetters(StreamExecutionEnvironment env,
                                                         KafkaPostingJob.Config config) {
        var builder = KafkaSource.<Decoded<DeadLetter>>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(KafkaTopics.DEAD_LETTERS)
                .setGroupId(config.groupId() + "-ledger-store-dead-letters")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new AvroKafkaDeserializer<>(DeadLetter.class));
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "dead-letters of other stages")
                .uid("ledger-store-dead-letters-source")
                .flatMap(new OtherStages(), new AvroRecordTypeInfo<>(DeadLetter.class))
                .name("dead letters of other stages").uid("ledger-store-other-stages");
    }

    /** Keeps the letters of stages other than the job's; an undecodable record on the topic is logged, not kept. */
    static final class OtherStages implements FlatMapFunction<Decoded<DeadLetter>, DeadLetter> {
        private static final Logger LOG = LoggerFactory.getLogger(OtherStages.class);

        @Override
        public void flatMap(Decoded<DeadLetter> decoded, Collector<DeadLetter> out) {
            if (!decoded.isRecord()) {
                // A dead letter of a dead letter would need its own table; it stays on the topic.
                LOG.warn("skipping an undecodable record on {}: {}", KafkaTopics.DEAD_LETTERS, decoded);
                return;
            }
            if (!DeadLetters.JOB_STAGES.contains(decoded.record().getStage())) {
                out.collect(decoded.record());
            }
        }
    }

    /** Attaches the sinks of the job's own outputs (entries, cost plans, machine KPIs). */
    public static void attach(PostingJob.Outputs outputs, LedgerStoreSink.Settings settings) {
        outputs.entries().sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: entries").uid("ledger-store-entries");
        outputs.costPlans().sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: cost plans").uid("ledger-store-cost-plans");
        outputs.machineKpis().sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: machine KPIs").uid("ledger-store-machine-kpis");
    }

    /**
     * Arguments ({@link LedgerStoreArguments}): optionally {@code --config FILE} (its kafka, plant, job and ledger
     * sections), then Kafka bootstrap servers, JDBC URL of the ledger database, owner user, owner password,
     * checkpoint directory, each in place of the file's setting. Migrates the schema (as the owner), then runs the
     * job writing as the pipeline role.
     */
    public static void main(String[] args) throws Exception {
        LedgerStoreArguments arguments;
        try {
            arguments = LedgerStoreArguments.parse(java.util.List.of(args), System.getenv());
        } catch (IllegalArgumentException | io.shopfloor.config.ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
        LedgerStoreSchema.migrate(arguments.jdbcUrl(), arguments.owner(), arguments.ownerPassword(), roles,
                arguments.job().posting().posting().deviationBasis());
        CheckpointSettings checkpoints = arguments.checkpoints();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                checkpoints.storage(new Configuration(), CheckpointSettings.LOCAL_DIRECTORY));
        checkpoints.enable(env);
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, arguments.job());
        attach(streams, LedgerStoreSink.Settings.of(arguments.jdbcUrl(), roles.writer(), roles.writerPassword()));
        env.execute("shopfloor-posting-job");
    }
}

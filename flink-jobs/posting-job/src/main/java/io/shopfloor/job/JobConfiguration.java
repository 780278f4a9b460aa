package io.shopfloor.job;

import io.shopfloor.config.Section;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.machine.ShopCalendar;
import io.shopfloor.job.operator.StateLimits;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.posting.PostingSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The posting job's settings from the configuration file's {@code kafka}, {@code plant} and {@code job} sections
 * (docs/configuration.md). Every default is {@link KafkaPostingJob.Config#defaults}'s; this class only reads and
 * checks what the file changes.
 */
public final class JobConfiguration {
    /** Where the job looks for Kafka when nothing says otherwise. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private JobConfiguration() {
    }

    /** The job's configuration from the file's root; its sections must hold no setting it does not know. */
    public static KafkaPostingJob.Config read(Section root) {
        KafkaPostingJob.Config config = of(root);
        root.section("kafka").requireAllRead();
        root.section("plant").requireAllRead();
        root.section("job").requireAllRead();
        return config;
    }

    /**
     * {@code job.checkpoints}: when and where the job checkpoints; what the file leaves out is
     * {@link CheckpointSettings#DEFAULTS}'s.
     */
    public static CheckpointSettings checkpoints(Section root) {
        Section section = root.section("job").section("checkpoints");
        CheckpointSettings d = CheckpointSettings.DEFAULTS;
        Duration interval = section.duration("interval", d.interval());
        if (interval.compareTo(CheckpointSettings.MIN_INTERVAL) < 0) {
            throw section.invalid("interval", "must be at least " + CheckpointSettings.MIN_INTERVAL.toMillis()
                    + "ms, not " + interval.toMillis() + "ms");
        }
        Duration timeout = section.duration("timeout", d.timeout());
        if (timeout.compareTo(CheckpointSettings.MIN_INTERVAL) < 0) {
            throw section.invalid("timeout", "must be at least " + CheckpointSettings.MIN_INTERVAL.toMillis()
                    + "ms, not " + timeout.toMillis() + "ms");
        }
        return new CheckpointSettings(interval, timeout, section.string("directory", d.directory()));
    }

    /** Whether the file (or an option in its place) gives the checkpoint interval, so that it wins over a runner's. */
    public static boolean checkpointIntervalGiven(Section root) {
        return root.section("job").section("checkpoints").has("interval");
    }

    /** As {@link #read}, leaving the check for unknown settings to the caller (who reads more of the sections). */
    public static KafkaPostingJob.Config of(Section root) {
        checkpoints(root); // read with the job's other settings: a wrong one stops the start wherever they are read
        String bootstrapServers = root.section("kafka").string("bootstrapServers", DEFAULT_BOOTSTRAP_SERVERS);
        KafkaPostingJob.Config d = KafkaPostingJob.Config.defaults(bootstrapServers);
        Section plant = root.section("plant");
        ZoneId zone = plant.zone("timeZone", d.plantZone());
        ShiftCalendar shifts = shifts(plant, zone, d.posting().machines().shifts());
        Section job = root.section("job");
        MachineTimeline.Settings m = d.posting().machines();
        MachineTimeline.Settings machines = new MachineTimeline.Settings(
                job.duration("postingInterval", m.postingInterval()),
                job.duration("microStopThreshold", m.microStopThreshold()),
                job.duration("noSignalTimeout", m.noSignalTimeout()), shifts);
        OrderLedger.Settings o = d.posting().orders();
        OrderLedger.Settings orders = new OrderLedger.Settings(job.bool("finishWhenComplete", o.finishWhenComplete()),
                job.bool("adjustCostAtFinish", o.adjustCostAtFinish()));
        PostingJob.Settings posting = new PostingJob.Settings(machines,
                job.duration("allowedLateness", d.posting().allowedLateness()), rules(job.section("rules"),
                d.posting().posting()), orders, job.duration("finishedOrderRetention",
                d.posting().finishedOrderRetention()), ShopCalendar.allPlanned(shifts), limits(job.section("limits"),
                d.posting().limits()), new HashSet<>(job.strings("plannedStopCodes",
                List.copyOf(d.posting().plannedStopCodes()))));
        String groupId = job.string("groupId", d.groupId());
        return new KafkaPostingJob.Config(bootstrapServers, groupId, job.string("transactionalIdPrefix", groupId),
                job.duration("outOfOrderness", d.outOfOrderness()), job.duration("idleness", d.idleness()),
                job.duration("maxAhead", d.maxAhead()), zone, posting, false);
    }

    /** {@code plant.shifts}: a list of {@code {code, start}}; each shift lasts until the next one starts. */
    private static ShiftCalendar shifts(Section plant, ZoneId zone, ShiftCalendar defaults) {
        List<Section> listed = plant.sections("shifts");
        Map<LocalTime, String> starts = new LinkedHashMap<>();
        if (listed.isEmpty()) {
            starts.putAll(defaults.shiftStarts());
        }
        for (Section shift : listed) {
            String code = shift.requiredString("code");
            shift.requiredString("start");
            LocalTime start = shift.timeOfDay("start", null);
            if (starts.containsValue(code) || starts.put(start, code) != null) {
                throw shift.invalid("code", code + ": a shift of this code, or starting at " + start
                        + ", is given twice");
            }
        }
        return new ShiftCalendar(zone, starts);
    }

    /** {@code job.limits}: what the keyed operators hold at most before an input becomes a dead letter. */
    private static StateLimits limits(Section limits, StateLimits d) {
        return new StateLimits(limits.integer("maxHeldInputsPerMachine", d.maxHeldInputsPerMachine(), 1,
                Integer.MAX_VALUE), limits.integer("maxHeldInputsPerOrder", d.maxHeldInputsPerOrder(), 1,
                Integer.MAX_VALUE), limits.integer("maxVersionsPerRecord", d.maxVersionsPerRecord(), 1,
                Integer.MAX_VALUE), limits.integer("maxCachedKeysPerState", d.maxCachedKeysPerState(), 1,
                Integer.MAX_VALUE));
    }

    /** {@code job.rules}: the posting rules' choices where Business Central leaves the behaviour open. */
    private static PostingSettings rules(Section rules, PostingSettings d) {
        return new PostingSettings(rules.choice("snapRule", d.snapRule()),
                rules.choice("outputOnFinishedOperation", d.outputOnFinishedOperation()),
                rules.choice("missingOutputAtFinish", d.missingOutputAtFinish()),
                rules.choice("missingConsumptionAtFinish", d.missingConsumptionAtFinish()),
                rules.choice("stopTimeWithOtherQuantities", d.stopTimeWithOtherQuantities()),
                rules.choice("orderlessCapacityTime", d.orderlessCapacityTime()),
                rules.choice("capacityUnitCostScaling", d.capacityUnitCostScaling()),
                rules.choice("outputAdjustmentLayout", d.outputAdjustmentLayout()),
                rules.choice("deviationBasis", d.deviationBasis()));
    }
}

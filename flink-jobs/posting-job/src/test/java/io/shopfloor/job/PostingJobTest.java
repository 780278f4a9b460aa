package io.shopfloor.job;

import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.posting.Ledger;
import io.shopfloor.posting.LedgerText;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.ledger.LedgerEntry;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole job on a Flink MiniCluster with finite sources: spec example 1 played as machine signals. */
class PostingJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void example1FromMachineSignalsGivesTheExamplesLedger(int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        PostingJob.Outputs outputs = PostingJob.build(new PostingJob.Sources(
                machineInputs(env), Timed.source(env, Example1Plant.orderInputs(), PostingJob.ORDER_INPUT_TYPE),
                Timed.source(env, Example1Plant.masterData(), PostingJob.MASTER_DATA_TYPE)), Example1Plant.SETTINGS);
        CloseableIterator<PostedEntry> entries = outputs.entries().collectAsync();
        CloseableIterator<Rejected> machineRejections = outputs.machineRejections().collectAsync();
        CloseableIterator<Rejection> orderRejections = outputs.orderRejections().collectAsync();
        CloseableIterator<OrderCostPlan> costPlans = outputs.costPlans().collectAsync();
        env.execute("example 1");

        List<LedgerEntry> ledger = new ArrayList<>();
        entries.forEachRemaining(e -> ledger.add(e.entry()));
        List<Object> rejected = new ArrayList<>();
        machineRejections.forEachRemaining(rejected::add);
        orderRejections.forEachRemaining(rejected::add);

        assertEquals(List.of(), rejected);
        List<String> text = LedgerText.of(ledger);
        assertEquals(34, text.size(), () -> String.join("\n", text));
        assertEquals(List.of(
                "STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01",
                "CLE 1 WC-CUT op 10 qty 150 inv 150 setup 30 run 120 stop 0 out 60 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1 CONSUMPTION STEEL qty -126 rem 0 inv -126 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 1 DIRECT_COST ILE 1 valued -126 inv -126 actual -189.00 expected 0.00",
                "VE 2 DIRECT_COST CLE 1 valued 150 inv 150 actual 150.00 expected 0.00",
                "VE 3 INDIRECT_COST CLE 1 valued 150 inv 0 actual 30.00 expected 0.00",
                "CLE 2 MC-ASSY op 20 qty 60 inv 60 setup 0 run 60 stop 0 out 60 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 2 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 4 DIRECT_COST ILE 2 valued -400 inv -400 actual -40.00 expected 0.00",
                "VE 5 DIRECT_COST CLE 2 valued 60 inv 60 actual 30.00 expected 0.00",
                "ILE 3 OUTPUT FG-100 qty 60 rem 60 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 MACHINE 2026-03-02",
                "VE 6 DIRECT_COST ILE 3 valued 60 inv 0 actual 0.00 expected 468.60",
                "CLE 3 WC-CUT op 10 qty 86 inv 86 setup 0 run 86 stop 0 out 40 scrap 3 last false item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 4 CONSUMPTION STEEL qty -84 rem 0 inv -84 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 7 DIRECT_COST ILE 4 valued -84 inv -84 actual -126.00 expected 0.00",
                "ILE 5 CONSUMPTION STEEL qty -6.3 rem 0 inv -6.3 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 8 DIRECT_COST ILE 5 valued -6.3 inv -6.3 actual -9.45 expected 0.00",
                "VE 9 DIRECT_COST CLE 3 valued 86 inv 86 actual 86.00 expected 0.00",
                "VE 10 INDIRECT_COST CLE 3 valued 86 inv 0 actual 17.20 expected 0.00",
                "CLE 4 MC-ASSY op 20 qty 40 inv 40 setup 0 run 40 stop 0 out 40 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "VE 11 DIRECT_COST CLE 4 valued 40 inv 40 actual 20.00 expected 0.00",
                "ILE 6 OUTPUT FG-100 qty 40 rem 40 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 MACHINE 2026-03-02",
                "VE 12 DIRECT_COST ILE 6 valued 40 inv 0 actual 0.00 expected 312.40",
                "ILE 7 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 13 DIRECT_COST ILE 7 valued -5 inv -5 actual -100.00 expected 0.00",
                "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-02",
                "VE 14 DIRECT_COST ILE 3 valued 60 inv 60 actual 478.59 expected -468.60 adjustment",
                "VE 15 VARIANCE MATERIAL ILE 3 valued 60 inv 0 actual -5.67 expected 0.00 adjustment",
                "VE 16 VARIANCE CAPACITY ILE 3 valued 60 inv 0 actual -3.60 expected 0.00 adjustment",
                "VE 17 VARIANCE CAPACITY_OVERHEAD ILE 3 valued 60 inv 0 actual -0.72 expected 0.00 adjustment",
                "VE 18 DIRECT_COST ILE 6 valued 40 inv 40 actual 319.06 expected -312.40 adjustment",
                "VE 19 VARIANCE MATERIAL ILE 6 valued 40 inv 0 actual -3.78 expected 0.00 adjustment",
                "VE 20 VARIANCE CAPACITY ILE 6 valued 40 inv 0 actual -2.40 expected 0.00 adjustment",
                "VE 21 VARIANCE CAPACITY_OVERHEAD ILE 6 valued 40 inv 0 actual -0.48 expected 0.00 adjustment"),
                text);
        assertEquals(0, Ledger.wip(ledger, SetA.ORDER).compareTo(BigDecimal.ZERO));

        // The plan the statistics compare with: at release, and after the adjustment (100 finished = 100 planned);
        // capacity need 330 minutes as in the spec's statistics.
        List<String> plans = new ArrayList<>();
        costPlans.forEachRemaining(plan -> plans.add(plan.status() + " " + plan.postingDate() + " standard "
                + plan.standard().values() + " expected " + plan.expected().values() + " need "
                + plan.expectedCapacityNeed().stripTrailingZeros().toPlainString() + " lines " + plan.lines()
                + " components " + plan.components().size()));
        String line = "[LinePlan[lineNo=10000, itemNo=FG-100, routingReferenceNo=10000, quantityBase=100.00000, "
                + "indirectCostPct=0, overheadRate=0]]";
        assertEquals(List.of(
                "RELEASED 2026-03-01 standard [455.00, 280.00, 0.00, 46.00, 0.00] expected [455.00, 280.00, 0.00, 46.00, "
                        + "0.00] need 330 lines " + line + " components 3",
                "FINISHED 2026-03-02 standard [455.00, 280.00, 0.00, 46.00, 0.00] expected [455.00, 280.00, 0.00, 46.00, "
                        + "0.00] need 330 lines " + line + " components 3"), plans);
    }

    private static DataStream<MachineInput> machineInputs(StreamExecutionEnvironment env) {
        return env.fromData(Example1Plant.machineInputs(), TypeInformation.of(MachineInput.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MachineInput>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                        .withTimestampAssigner((input, previous) -> input.eventTime().toEpochMilli()));
    }

}

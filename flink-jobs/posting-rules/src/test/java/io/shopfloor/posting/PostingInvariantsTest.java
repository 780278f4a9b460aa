package io.shopfloor.posting;

import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.InMemoryMasterData;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.SingleLevelCost;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingLineDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.posted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based: random orders (routing, flushing, links, scrap, units- and time-costed centers, standard and
 * FIFO parents) and random event sequences, each reproducible from its seed. The invariants are checked on the
 * ledger alone, independently of the rules' own state.
 */
class PostingInvariantsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final String[] ITEMS = {"STEEL", "BOLT", "PAINT", "RESIN"};
    private static final String[] QUANTITIES_PER = {"0.05", "0.5", "1", "2", "4", "0.335"};
    private static final String[] CENTERS = {"WC-CUT", "MC-ASSY", "WC-PACK"};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void invariantsHoldForRandomOrdersAndEvents(long seed) {
        List<LedgerEntry> ledger = new RandomOrderRun(seed).run();
        assertEquals(ledger.stream().map(LedgerEntry::toString).toList(),
                new RandomOrderRun(seed).run().stream().map(LedgerEntry::toString).toList(),
                "same seed, same ledger");
    }

    /** One random order from release to cost adjustment, with the invariants checked along the way. */
    static final class RandomOrderRun {
        private final long seed;
        private final Random random;
        private final InMemoryMasterData masterData = masterData();
        private final PostingRules rules = new PostingRules(PostingSettings.DEFAULTS);
        private final EntryNumbers numbers = EntryNumbers.startingAtOne();
        private final List<LedgerEntry> ledger = new ArrayList<>();
        private ProductionOrder order;
        private int events;

        RandomOrderRun(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        List<LedgerEntry> run() {
            order = rules.refresh(randomOrder(), OrderStatus.FIRM_PLANNED, masterData).order();
            post(rules.release(order, new ReleaseOrder("REL", DAY), masterData, numbers));
            OrderLine line = order.lines().get(0);
            int count = 1 + random.nextInt(30);
            for (int i = 0; i < count; i++) {
                post(rules.postOutput(order, randomLine(line), masterData, numbers));
            }
            RoutingLine last = line.lastOperation().orElseThrow();
            if (last.flushingMethod() != RoutingFlushingMethod.BACKWARD && line.remainingQtyBase().signum() > 0) {
                post(rules.postOutput(order, OutputJournalLine.builder("S" + seed + "-rest", order.no(), 10000,
                        last.operationNo()).postingDate(DAY).output(line.remainingQtyBase()).finished(true).build(),
                        masterData, numbers));
            }
            post(rules.finish(order, FinishOrder.on("FIN", DAY), masterData, numbers));
            checkOutputAddsUp(line);
            checkBackwardLinkedConsumption(line);
            post(rules.adjustCost(order, new CostAdjustmentRun("ADJ", DAY), masterData, numbers));
            assertDec("0", Ledger.wip(ledger, order.no()));
            checkNoZeroEntries();
            checkKeysAndNumbers();
            return ledger;
        }

        private void post(PostingResult result) {
            ledger.addAll(posted(result).entries());
        }

        private OrderDefinition randomOrder() {
            int operations = 1 + random.nextInt(3);
            List<RoutingLineDefinition> routing = new ArrayList<>();
            List<String> links = new ArrayList<>();
            for (int i = 1; i <= operations; i++) {
                String link = random.nextInt(4) == 0 ? null : "L" + i;
                links.add(link);
                String center = CENTERS[random.nextInt(CENTERS.length)];
                CapacityType type = center.startsWith("MC") ? CapacityType.MACHINE_CENTER : CapacityType.WORK_CENTER;
                int flushing = random.nextInt(10);
                routing.add(RoutingLineDefinition.of("R", 10000, String.valueOf(i * 10), type, center,
                                String.valueOf(random.nextInt(40)), String.valueOf(1 + random.nextInt(3)), link,
                                flushing == 0 ? RoutingFlushingMethod.FORWARD
                                        : flushing == 1 ? RoutingFlushingMethod.BACKWARD : RoutingFlushingMethod.MANUAL)
                        .withScrap(random.nextBoolean() ? "0" : "5", "0"));
            }
            List<ComponentDefinition> components = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 1; i <= count; i++) {
                String link = random.nextInt(3) == 0 ? null : links.get(random.nextInt(links.size()));
                components.add(ComponentDefinition.of(10000, i * 10000, ITEMS[random.nextInt(ITEMS.length)], "BASE",
                        QUANTITIES_PER[random.nextInt(QUANTITIES_PER.length)], random.nextBoolean() ? "0" : "5",
                        FlushingMethod.values()[random.nextInt(FlushingMethod.values().length)], link, "MAIN"));
            }
            String parent = random.nextBoolean() ? "FG-STD" : "FG-FIFO";
            return new OrderDefinition("RPO-" + seed, "random", parent, "MAIN", false,
                    List.of(LineDefinition.of(10000, parent, "MAIN", String.valueOf(1 + random.nextInt(300)), "PCS", "R")),
                    routing, components);
        }

        private OutputJournalLine randomLine(OrderLine line) {
            RoutingLine operation = line.routing().get(random.nextInt(line.routing().size()));
            OutputJournalLine.Builder builder = OutputJournalLine.builder("S" + seed + "-E" + (++events), order.no(),
                    10000, operation.operationNo()).postingDate(DAY).documentNo(order.no());
            int kind = random.nextInt(20);
            if (kind < 2) {
                return builder.stopTime(BigDecimal.valueOf(1 + random.nextInt(30)), "JAM").build();
            }
            if (kind == 2 && !operation.isLastOperation()) {
                return builder.output(BigDecimal.ONE.negate()).runTime(BigDecimal.ONE.negate()).build();
            }
            int output = random.nextInt(1 + line.quantityBase().intValue() / 4);
            return builder.setupTime(BigDecimal.valueOf(random.nextInt(3) == 0 ? 10 : 0))
                    .runTime(BigDecimal.valueOf(output * 2L))
                    .output(BigDecimal.valueOf(output))
                    .scrap(BigDecimal.valueOf(random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0), "BURR")
                    .finished(random.nextInt(10) == 0)
                    .build();
        }

        /** Σ output item entries = Σ output on the last operation's capacity entries = the line's finished quantity. */
        private void checkOutputAddsUp(OrderLine line) {
            BigDecimal itemOutput = ledger.stream().filter(ItemLedgerEntry.class::isInstance).map(ItemLedgerEntry.class::cast)
                    .filter(e -> e.entryType() == ItemLedgerEntryType.OUTPUT).map(ItemLedgerEntry::quantity)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal lastOperationOutput = capacityEntries().stream().filter(CapacityLedgerEntry::lastOutputLine)
                    .map(CapacityLedgerEntry::outputQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertDec(lastOperationOutput.toPlainString(), itemOutput);
            assertDec(line.finishedQtyBase().toPlainString(), itemOutput);
        }

        /**
         * A Backward component with a routing link consumes, per posting on its operation with output ≥ 0,
         * RoundUp(perParent × (1 + scrap %) × (output + scrap)); the completing posting may snap to the remainder,
         * which moves the total by at most one rounding precision.
         */
        private void checkBackwardLinkedConsumption(OrderLine line) {
            for (Component component : line.components()) {
                if (!component.flushingMethod().isBackward() || !component.isLinked()) {
                    continue;
                }
                RoutingLine operation = line.routing().stream()
                        .filter(r -> component.routingLinkCode().equals(r.routingLinkCode())).findFirst().orElse(null);
                if (operation == null) {
                    continue;
                }
                BigDecimal precision = masterData.item(component.itemNo()).orElseThrow().roundingPrecision();
                BigDecimal perOutput = component.quantity().multiply(
                        BigDecimal.ONE.add(component.definition().scrapPct().movePointLeft(2)));
                BigDecimal expected = capacityEntries().stream()
                        .filter(e -> operation.operationNo().equals(e.operationNo()) && e.outputQuantity().signum() >= 0)
                        .map(e -> Rounding.roundUp(perOutput.multiply(e.outputQuantity().add(e.scrapQuantity())), precision))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal consumed = ledger.stream().filter(ItemLedgerEntry.class::isInstance).map(ItemLedgerEntry.class::cast)
                        .filter(e -> e.entryType() == ItemLedgerEntryType.CONSUMPTION
                                && e.prodOrderCompLineNo() == component.lineNo())
                        .map(ItemLedgerEntry::quantity).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
                assertTrue(consumed.subtract(expected).abs().compareTo(precision) <= 0,
                        () -> "seed " + seed + " component " + component.lineNo() + ": consumed " + consumed
                                + ", formula " + expected);
            }
        }

        private void checkNoZeroEntries() {
            for (LedgerEntry entry : ledger) {
                if (entry instanceof ItemLedgerEntry e) {
                    assertTrue(e.quantity().signum() != 0, () -> "zero item entry " + e);
                } else if (entry instanceof CapacityLedgerEntry e) {
                    assertTrue(e.quantity().signum() != 0 || e.setupTime().signum() != 0 || e.runTime().signum() != 0
                            || e.stopTime().signum() != 0 || e.outputQuantity().signum() != 0
                            || e.scrapQuantity().signum() != 0, () -> "zero capacity entry " + e);
                } else if (entry instanceof ValueEntry e) {
                    assertTrue(e.valuedQuantity().signum() != 0 || e.costAmountActual().signum() != 0
                            || e.costAmountExpected().signum() != 0, () -> "zero value entry " + e);
                }
            }
        }

        private void checkKeysAndNumbers() {
            Set<String> keys = new HashSet<>();
            ledger.forEach(e -> assertTrue(keys.add(e.idempotencyKey()), () -> "duplicate key " + e.idempotencyKey()));
            List<Long> valueEntryNumbers = Ledger.valueEntries(ledger).stream().map(ValueEntry::entryNo).toList();
            for (int i = 1; i < valueEntryNumbers.size(); i++) {
                assertEquals(valueEntryNumbers.get(i - 1) + 1, valueEntryNumbers.get(i));
            }
        }

        private List<CapacityLedgerEntry> capacityEntries() {
            return ledger.stream().filter(CapacityLedgerEntry.class::isInstance).map(CapacityLedgerEntry.class::cast).toList();
        }
    }

    static InMemoryMasterData masterData() {
        SingleLevelCost standard = new SingleLevelCost(new BigDecimal("4.55"), new BigDecimal("2.80"), BigDecimal.ZERO,
                new BigDecimal("0.46"), BigDecimal.ZERO);
        return new InMemoryMasterData()
                .put(Location.simple("MAIN"))
                .put(Item.of("FG-STD", "PCS", CostingMethod.STANDARD, "7.81", "1").withSingleLevelCost(standard))
                .put(Item.of("FG-FIFO", "PCS", CostingMethod.FIFO, "7.81", "1").withSingleLevelCost(standard)
                        .withOverhead(new BigDecimal("10"), new BigDecimal("0.05")))
                .put(Item.of("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"))
                .put(Item.of("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"))
                .put(Item.of("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"))
                .put(Item.of("RESIN", "KG", CostingMethod.AVERAGE, "2.35", "0.01"))
                .put(WorkCenter.of("WC-CUT", "MINUTES", CapacityCost.of("1.00", "10", "0.10"), UnitCostCalculation.TIME))
                .put(WorkCenter.of("WC-ASSY", "MINUTES", CapacityCost.of("0.50", "0", "0"), UnitCostCalculation.TIME))
                .put(WorkCenter.of("WC-PACK", "MINUTES", CapacityCost.of("0.40", "5", "0.02"), UnitCostCalculation.UNITS))
                .put(MachineCenter.of("MC-ASSY", "WC-ASSY", CapacityCost.of("0.50", "0", "0")));
    }
}

package io.shopfloor.job;

import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.masterdata.DefaultDimensionValuePosting;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.WorkCenter;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Set A's G/L posting setup (docs/general-ledger.md, example 1 per account): FG-100 FINISHED/RETAIL, the components
 * RAW MAT, the centers MANUFACT; inventory accounts 2120/2121 (finished), 2130/2131 (raw), one WIP account 2140;
 * Direct Cost Applied 7791, Overhead Applied 7792, Inventory Adjmt. 7270, variances 7890-7894; expected cost posted
 * to G/L; global dimensions DEPARTMENT and PROJECT, DEPARTMENT values PROD (FG-100), CUT (WC-CUT), ASSY (MC-ASSY).
 * As the job's master-data changes and as the ERP's CDC records on Kafka.
 */
public final class Example1GlSetup {
    private static final String[][] ITEMS = {
            {"FG-100", "FINISHED", "RETAIL"}, {"STEEL", "RAW MAT", "RAW MAT"}, {"BOLT", "RAW MAT", "RAW MAT"},
            {"PAINT", "RAW MAT", "RAW MAT"}};
    private static final String[][] DIMENSIONS = {
            {"27", "FG-100", "PROD"}, {"99000754", "WC-CUT", "CUT"}, {"99000758", "MC-ASSY", "ASSY"}};

    private Example1GlSetup() {
    }

    /** With or without the inventory posting setup of MAIN x RAW MAT (without: consumption cannot post to G/L). */
    public static List<Timed<MasterDataChange>> masterData(boolean rawMaterialSetup) {
        List<MasterDataChange> changes = new ArrayList<>();
        for (String[] item : ITEMS) {
            changes.add(MasterDataChange.itemPostingGroups(item[0], new PostingGroups(item[1], item[2])));
        }
        changes.add(MasterDataChange.capacityPostingGroups(CapacityType.WORK_CENTER, "WC-CUT",
                new PostingGroups("", "MANUFACT")));
        changes.add(MasterDataChange.capacityPostingGroups(CapacityType.WORK_CENTER, "WC-ASSY",
                new PostingGroups("", "MANUFACT")));
        changes.add(MasterDataChange.capacityPostingGroups(CapacityType.MACHINE_CENTER, "MC-ASSY",
                new PostingGroups("", "MANUFACT")));
        changes.add(MasterDataChange.of(new InventoryPostingSetup("MAIN", "FINISHED",
                inventoryAccounts("2120", "2121"))));
        if (rawMaterialSetup) {
            changes.add(MasterDataChange.of(new InventoryPostingSetup("MAIN", "RAW MAT",
                    inventoryAccounts("2130", "2131"))));
        }
        for (String product : List.of("MANUFACT", "RETAIL")) {
            changes.add(MasterDataChange.of(new GeneralPostingSetup("", product, Map.of(
                    GlAccountType.DIRECT_COST_APPLIED, "7791", GlAccountType.OVERHEAD_APPLIED, "7792",
                    GlAccountType.INVENTORY_ADJMT, "7270"))));
        }
        changes.add(MasterDataChange.of(new GeneralLedgerSetup("DEPARTMENT", "PROJECT", true)));
        for (String[] dimension : DIMENSIONS) {
            changes.add(MasterDataChange.defaultDimension(Integer.parseInt(dimension[0]), dimension[1],
                    new DefaultDimension("DEPARTMENT", dimension[2])));
        }
        List<Timed<MasterDataChange>> timed = new ArrayList<>(Example1Plant.masterData());
        changes.forEach(change -> timed.add(new Timed<>(change, 0)));
        return timed;
    }

    private static Map<GlAccountType, String> inventoryAccounts(String inventory, String interim) {
        Map<GlAccountType, String> accounts = new EnumMap<>(GlAccountType.class);
        accounts.put(GlAccountType.INVENTORY, inventory);
        accounts.put(GlAccountType.INVENTORY_INTERIM, interim);
        accounts.put(GlAccountType.WIP, "2140");
        accounts.put(GlAccountType.MATERIAL_VARIANCE, "7890");
        accounts.put(GlAccountType.CAPACITY_VARIANCE, "7891");
        accounts.put(GlAccountType.SUBCONTRACTED_VARIANCE, "7892");
        accounts.put(GlAccountType.CAPACITY_OVERHEAD_VARIANCE, "7893");
        accounts.put(GlAccountType.MFG_OVERHEAD_VARIANCE, "7894");
        return accounts;
    }

    /**
     * {@link KafkaPostingJobTest#masterData} with the cards' posting groups, and the setup's CDC records; the default
     * dimensions only if asked for: a master-data source whose reader gets its partitions late may be read after
     * the postings it should serve (module README, "G/L posting setup"), and dimension values are part of the
     * G/L entries' content.
     */
    public static void kafkaMasterData(List<ProducerRecord<byte[], byte[]>> records) {
        kafkaMasterData(records, false);
    }

    public static void kafkaMasterData(List<ProducerRecord<byte[], byte[]>> records, boolean defaultDimensions) {
        List<ProducerRecord<byte[], byte[]>> cards = new ArrayList<>();
        KafkaPostingJobTest.masterData(cards);
        for (ProducerRecord<byte[], byte[]> card : cards) {
            records.add(switch (card.topic()) {
                case KafkaTopics.MD_ITEMS -> {
                    Item item = decode(Item.class, card.value());
                    String[] groups = java.util.Arrays.stream(ITEMS).filter(i -> i[0].equals(item.getNo()))
                            .findFirst().orElseThrow();
                    yield KafkaPostingJobTest.record(card.topic(), item.getNo(), Item.class, Item.newBuilder(item)
                            .setInventoryPostingGroup(groups[1]).setGenProdPostingGroup(groups[2]).build());
                }
                case KafkaTopics.MD_WORK_CENTERS -> {
                    WorkCenter wc = decode(WorkCenter.class, card.value());
                    yield KafkaPostingJobTest.record(card.topic(), wc.getNo(), WorkCenter.class,
                            WorkCenter.newBuilder(wc).setGenProdPostingGroup("MANUFACT").build());
                }
                case KafkaTopics.MD_MACHINE_CENTERS -> {
                    MachineCenter mc = decode(MachineCenter.class, card.value());
                    yield KafkaPostingJobTest.record(card.topic(), mc.getNo(), MachineCenter.class,
                            MachineCenter.newBuilder(mc).setGenProdPostingGroup("MANUFACT").build());
                }
                default -> card;
            });
        }
        for (String[] group : new String[][] {{"FINISHED", "2120", "2121"}, {"RAW MAT", "2130", "2131"}}) {
            records.add(KafkaPostingJobTest.record(KafkaTopics.MD_INVENTORY_POSTING_SETUP, "MAIN|" + group[0],
                    io.shopfloor.schema.masterdata.InventoryPostingSetup.class,
                    io.shopfloor.schema.masterdata.InventoryPostingSetup.newBuilder().setLocationCode("MAIN")
                            .setInvtPostingGroupCode(group[0]).setInventoryAccount(group[1])
                            .setInventoryAccountInterim(group[2]).setWipAccount("2140")
                            .setMaterialVarianceAccount("7890").setCapacityVarianceAccount("7891")
                            .setSubcontractedVarianceAccount("7892").setCapOverheadVarianceAccount("7893")
                            .setMfgOverheadVarianceAccount("7894").build()));
        }
        for (String product : List.of("MANUFACT", "RETAIL")) {
            records.add(KafkaPostingJobTest.record(KafkaTopics.MD_GENERAL_POSTING_SETUP, "|" + product,
                    io.shopfloor.schema.masterdata.GeneralPostingSetup.class,
                    io.shopfloor.schema.masterdata.GeneralPostingSetup.newBuilder().setGenBusPostingGroup("")
                            .setGenProdPostingGroup(product).setInventoryAdjmtAccount("7270")
                            .setDirectCostAppliedAccount("7791").setOverheadAppliedAccount("7792").build()));
        }
        records.add(KafkaPostingJobTest.record(KafkaTopics.MD_GENERAL_LEDGER_SETUP, "",
                io.shopfloor.schema.masterdata.GeneralLedgerSetup.class,
                io.shopfloor.schema.masterdata.GeneralLedgerSetup.newBuilder().setPrimaryKey("")
                        .setGlobalDimension1Code("DEPARTMENT").setGlobalDimension2Code("PROJECT")
                        .setExpectedCostPostingToGl(true).build()));
        for (String[] dimension : defaultDimensions ? DIMENSIONS : new String[0][]) {
            records.add(KafkaPostingJobTest.record(KafkaTopics.MD_DEFAULT_DIMENSIONS,
                    dimension[0] + "|" + dimension[1] + "|DEPARTMENT",
                    io.shopfloor.schema.masterdata.DefaultDimension.class,
                    io.shopfloor.schema.masterdata.DefaultDimension.newBuilder()
                            .setTableId(Integer.parseInt(dimension[0])).setNo(dimension[1])
                            .setDimensionCode("DEPARTMENT").setDimensionValueCode(dimension[2])
                            .setValuePosting(DefaultDimensionValuePosting.BLANK).build()));
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decode(Class<T> type, byte[] bytes) {
        try {
            return ShopfloorSchemas.decoder(type).decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Example 1's G/L per account with expected cost posted (docs/examples.md): account debit credit net. */
    public static final List<String> TRIAL_BALANCE = List.of(
            "2120 797.65 16.65 781.00",
            "2121 781.00 781.00 0.00",
            "2130 0.00 464.45 -464.45",
            "2140 1578.65 1578.65 0.00",
            "7791 0.00 286.00 -286.00",
            "7792 0.00 47.20 -47.20",
            "7890 9.45 0.00 9.45",
            "7891 6.00 0.00 6.00",
            "7893 1.20 0.00 1.20");

    /** account debit credit net, by account. */
    public static List<String> trialBalance(List<io.shopfloor.posting.gl.GlEntry> entries) {
        Map<String, java.math.BigDecimal[]> sums = new java.util.TreeMap<>();
        for (io.shopfloor.posting.gl.GlEntry e : entries) {
            java.math.BigDecimal[] sum = sums.computeIfAbsent(e.accountNo(), a -> new java.math.BigDecimal[] {
                    new java.math.BigDecimal("0.00"), new java.math.BigDecimal("0.00")});
            sum[0] = sum[0].add(e.debitAmount());
            sum[1] = sum[1].add(e.creditAmount());
        }
        List<String> lines = new ArrayList<>();
        sums.forEach((account, sum) -> lines.add(account + " " + sum[0] + " " + sum[1] + " "
                + sum[0].subtract(sum[1])));
        return lines;
    }
}

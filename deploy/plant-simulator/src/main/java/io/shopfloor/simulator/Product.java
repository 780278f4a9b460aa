package io.shopfloor.simulator;

/**
 * What a line makes: the reference ERP's two items, their two operations and the machines' real cycle and setup
 * times (near the routing's planned times, as a plant's are).
 */
public enum Product {
    /** Set A's routing R-100: op 10 cutting (WC-CUT, 30 min setup, 2 min per piece), op 20 assembly (MC-ASSY). */
    FG_100("FG-100", "CUT", "ASSY", 120_000, 60_000, 20, 35),
    /** op 10 milling (MC-MILL-1, 15 min setup, 1.5 min per piece), op 20 packing (WC-PACK, 0.2 min). */
    FG_200("FG-200", "MILL", "PACK", 90_000, 12_000, 10, 20);

    public static final String FIRST_OPERATION = "10";
    public static final String LAST_OPERATION = "20";

    private final String itemNo;
    private final String firstMachineKind;
    private final String lastMachineKind;
    private final long firstCycleMillis;
    private final long lastCycleMillis;
    private final int minSetupMinutes;
    private final int maxSetupMinutes;

    Product(String itemNo, String firstMachineKind, String lastMachineKind, long firstCycleMillis,
            long lastCycleMillis, int minSetupMinutes, int maxSetupMinutes) {
        this.itemNo = itemNo;
        this.firstMachineKind = firstMachineKind;
        this.lastMachineKind = lastMachineKind;
        this.firstCycleMillis = firstCycleMillis;
        this.lastCycleMillis = lastCycleMillis;
        this.minSetupMinutes = minSetupMinutes;
        this.maxSetupMinutes = maxSetupMinutes;
    }

    public String itemNo() {
        return itemNo;
    }

    public String machineKind(MachineRole role) {
        return role == MachineRole.FIRST_OPERATION ? firstMachineKind : lastMachineKind;
    }

    public long cycleMillis(MachineRole role) {
        return role == MachineRole.FIRST_OPERATION ? firstCycleMillis : lastCycleMillis;
    }

    public int minSetupMinutes() {
        return minSetupMinutes;
    }

    public int maxSetupMinutes() {
        return maxSetupMinutes;
    }
}

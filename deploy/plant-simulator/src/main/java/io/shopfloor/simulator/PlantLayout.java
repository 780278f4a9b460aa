package io.shopfloor.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Machines on lines: about five per line, more op 10 machines than op 20 ones (op 10 is the slow one). Odd lines
 * make FG-100 (cut, assemble), even lines FG-200 (mill, pack); lines 1 and 4 (mod 4) send JSON, lines 2 and 3
 * Sparkplug B. One machine counts on 16 bits, starting just below the wrap.
 */
public record PlantLayout(List<SimulatedMachine> machines, int lines) {
    public static final long READING_INTERVAL_MILLIS = 30_000;
    public static final String SITE = "site1";
    public static final String AREA = "area1";
    public static final String SPARKPLUG_GROUP = "Plant1";

    public static PlantLayout of(int machineCount, Random random) {
        int lines = Math.max(2, Math.round(machineCount / 5f));
        List<SimulatedMachine> machines = new ArrayList<>();
        int index = 0;
        for (int line = 1; line <= lines; line++) {
            int onLine = machineCount / lines + (line <= machineCount % lines ? 1 : 0);
            int first = (onLine + 1) / 2;
            Product product = line % 2 == 1 ? Product.FG_100 : Product.FG_200;
            Protocol protocol = line % 4 == 2 || line % 4 == 3 ? Protocol.SPARKPLUG : Protocol.JSON;
            for (int m = 0; m < onLine; m++) {
                MachineRole role = m < first ? MachineRole.FIRST_OPERATION : MachineRole.LAST_OPERATION;
                int number = role == MachineRole.FIRST_OPERATION ? m + 1 : m - first + 1;
                String lineName = "L" + line;
                String id = lineName + "-" + product.machineKind(role) + "-" + number;
                boolean wraps = line == 1 && m == 1;
                int width = wraps ? 16 : 32;
                long goodStart = wraps ? 65_536 - 25 : random.nextInt(500_000);
                // Readings 1.5 s off the 3 s grid of events, spread over the interval.
                long phase = 1_500 + 3_000L * (index % 10);
                machines.add(new SimulatedMachine(id, line, lineName, role, protocol, product, width, goodStart,
                        random.nextInt(10_000), phase));
                index++;
            }
        }
        return new PlantLayout(List.copyOf(machines), lines);
    }

    public List<SimulatedMachine> onLine(int line, MachineRole role) {
        return machines.stream().filter(m -> m.lineNo() == line && m.role() == role).toList();
    }

    public SimulatedMachine machine(String machineId) {
        return machines.stream().filter(m -> m.machineId().equals(machineId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no machine " + machineId));
    }
}

package io.shopfloor.launcher;

import io.shopfloor.simulator.PlantSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The chaos test's plant, in a process of its own so that it can be killed: the end-to-end test's plant (20
 * machines, one order per line, quantities 6 to 10) at the given speed on the given data folder. Prints
 * {@code STARTED <kafka bootstrap servers>} once everything runs, then runs until it is killed or stopped.
 */
public final class ChaosPlantMain {
    static final String STARTED = "STARTED ";

    private ChaosPlantMain() {
    }

    public static void main(String[] args) throws Exception {
        PlantSettings plant = new PlantSettings(11, Instant.parse("2026-01-01T00:00:00Z"), 20, 1, 6, 10, false);
        EmbeddedPlant embedded = EmbeddedPlant.start(new EmbeddedPlant.Settings(Path.of(args[0]),
                Double.parseDouble(args[1]), plant, 0, line -> System.out.println("  " + line)));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            embedded.close();
            closed.countDown();
        }));
        System.out.println(STARTED + embedded.kafkaBootstrapServers());
        System.out.flush();
        closed.await();
    }
}

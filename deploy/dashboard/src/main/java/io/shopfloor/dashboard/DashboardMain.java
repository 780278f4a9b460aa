package io.shopfloor.dashboard;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the dashboard on its own against a running plant: {@code DashboardMain [--config=FILE]
 * [<port> <ledger-jdbc-url> <user> <password> <kafka-bootstrap-servers>]} ({@link DashboardArguments}; port 0: a
 * free one). Stops on SIGTERM / Ctrl-C.
 */
public final class DashboardMain {
    private DashboardMain() {
    }

    public static void main(String[] args) throws Exception {
        DashboardSettings settings;
        try {
            settings = DashboardArguments.parse(java.util.List.of(args), System.getenv());
        } catch (IllegalArgumentException | io.shopfloor.config.ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Dashboard dashboard = Dashboard.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "dashboard-shutdown"));
        System.out.println("dashboard at " + dashboard.uri());
        stopped.await();
    }
}

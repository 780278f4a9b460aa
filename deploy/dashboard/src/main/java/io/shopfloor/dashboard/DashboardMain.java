package io.shopfloor.dashboard;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the dashboard on its own against a running plant:
 * {@code DashboardMain <port> <ledger-jdbc-url> <user> <password> <kafka-bootstrap-servers>} (port 0: a free one).
 * Stops on SIGTERM / Ctrl-C.
 */
public final class DashboardMain {
    private DashboardMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: DashboardMain <port> <ledger-jdbc-url> <user> <password> <kafka-bootstrap>");
            System.exit(2);
        }
        Dashboard dashboard = Dashboard.start(new DashboardSettings(Integer.parseInt(args[0]), args[1], args[2],
                args[3], args[4]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "dashboard-shutdown"));
        System.out.println("dashboard at " + dashboard.uri());
        stopped.await();
    }
}

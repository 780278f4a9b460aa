package io.shopfloor.terminal;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the terminal: {@code TerminalMain <port> <users file> <ledger jdbc url> <ledger user> <kafka bootstrap>},
 * the ledger password in {@code SHOPFLOOR_LEDGER_PASSWORD}. Listens on 127.0.0.1.
 */
public final class TerminalMain {
    private TerminalMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: TerminalMain <port> <users file> <ledger jdbc url> <ledger user> "
                    + "<kafka bootstrap servers>   (password in SHOPFLOOR_LEDGER_PASSWORD)");
            System.exit(2);
        }
        String password = System.getenv("SHOPFLOOR_LEDGER_PASSWORD");
        Terminal terminal = Terminal.start(new TerminalSettings(Integer.parseInt(args[0]), Path.of(args[1]), args[2],
                args[3], password == null ? "" : password, args[4]));
        System.out.println("operator terminal at " + terminal.uri());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                terminal.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
    }
}

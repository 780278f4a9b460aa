package io.shopfloor.ledger;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The command line of the export commands: JDBC URL, user, password, first and last posting date, output directory.
 * A wrong command line prints what is wrong and the usage, and exits with 2.
 */
record ExportArguments(String jdbcUrl, String user, String password, LocalDate from, LocalDate to, Path directory) {

    static ExportArguments parseOrExit(String command, String exampleDirectory, String[] args) {
        if (args.length != 6) {
            System.err.println("usage: " + command + " <jdbc url> <user> <password> <from yyyy-mm-dd> <to yyyy-mm-dd> "
                    + "<dir>");
            System.err.println("  e.g. jdbc:postgresql://localhost:5432/ledger ledger_reporting <password> "
                    + "2026-03-01 2026-03-31 " + exampleDirectory);
            System.exit(2);
        }
        LocalDate from = null;
        LocalDate to = null;
        try {
            from = LocalDate.parse(args[3]);
            to = LocalDate.parse(args[4]);
        } catch (DateTimeParseException e) {
            System.err.println("posting dates are yyyy-mm-dd: " + e.getParsedString());
            System.exit(2);
        }
        if (to.isBefore(from)) {
            System.err.println("the last posting date " + to + " is before the first " + from);
            System.exit(2);
        }
        return new ExportArguments(args[0], args[1], args[2], from, to, Path.of(args[5]));
    }
}

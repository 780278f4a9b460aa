package io.shopfloor.terminal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Adds a terminal user (or sets a new password): {@code AddUser <users file> <name> <operator|supervisor|
 * cost_controller> [work center]}. The password comes from {@code SHOPFLOOR_TERMINAL_PASSWORD}, else from the console
 * (not echoed), else from the first line of standard input; never from the command line, where others could read it.
 */
public final class AddUser {
    static final String PASSWORD_VARIABLE = "SHOPFLOOR_TERMINAL_PASSWORD";

    private AddUser() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: AddUser <users file> <name> <operator|supervisor|cost_controller> "
                    + "[work center, required for operators]");
            System.exit(2);
        }
        Role role = Role.valueOf(args[2].toUpperCase(Locale.ROOT));
        char[] password = password();
        Path file = Path.of(args[0]);
        User user = PasswordHashing.newUser(args[1], role, args.length == 4 ? args[3] : null, password,
                PasswordHashing.DEFAULT_ITERATIONS);
        UsersFile.read(file).with(user).write(file);
        System.out.println("user " + user.name() + " (" + role + (user.workCenterNo() != null
                ? ", work center " + user.workCenterNo() : "") + ") written to " + file);
    }

    private static char[] password() throws Exception {
        String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console != null) {
            return console.readPassword("password: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}

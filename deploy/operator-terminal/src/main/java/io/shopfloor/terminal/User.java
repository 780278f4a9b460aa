package io.shopfloor.terminal;

import java.util.Base64;
import java.util.Objects;

/**
 * A terminal login as the users file stores it: the password only as a PBKDF2 hash with its own salt and iteration
 * count (so the count can rise for new users without invalidating old ones). An operator has a work center.
 */
public record User(String name, Role role, String workCenterNo, int iterations, byte[] salt, byte[] hash) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_' or '-': " + name);
        }
        if (role == Role.OPERATOR && (workCenterNo == null || workCenterNo.isBlank())) {
            throw new IllegalArgumentException("operator " + name + " needs a work center");
        }
        workCenterNo = workCenterNo == null || workCenterNo.isBlank() ? null : workCenterNo;
    }

    /** One line of the users file: {@code name:role:workCenter:iterations:salt:hash} (Base64, blank work center). */
    String toLine() {
        Base64.Encoder b64 = Base64.getEncoder();
        return String.join(":", name, role.name(), workCenterNo == null ? "" : workCenterNo,
                Integer.toString(iterations), b64.encodeToString(salt), b64.encodeToString(hash));
    }

    static User fromLine(String line) {
        String[] f = line.split(":", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("a users file line has 6 fields separated by ':'");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new User(f[0], Role.valueOf(f[1]), f[2], Integer.parseInt(f[3]), b64.decode(f[4]), b64.decode(f[5]));
    }

    /** The operator's work center, or any for the other roles. */
    public boolean mayPostFor(String workCenter) {
        return role == Role.SUPERVISOR || (role == Role.OPERATOR && workCenterNo.equals(workCenter));
    }
}

package io.shopfloor.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal's users: one line per user ({@link User#toLine()}), '#' starts a comment. Written owner-only, replaced
 * atomically. Read once at start-up; {@link AddUser} edits it.
 */
public final class UsersFile {
    private final Map<String, User> users;

    private UsersFile(Map<String, User> users) {
        this.users = users;
    }

    public static UsersFile read(Path file) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    User user = User.fromLine(line.strip());
                    users.put(user.name(), user);
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        return new UsersFile(users);
    }

    public static UsersFile of(List<User> users) {
        Map<String, User> byName = new LinkedHashMap<>();
        users.forEach(u -> byName.put(u.name(), u));
        return new UsersFile(byName);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public List<User> users() {
        return List.copyOf(users.values());
    }

    /** Adds or replaces a user (a new password, role or work center). */
    public UsersFile with(User user) {
        Map<String, User> copy = new LinkedHashMap<>(users);
        copy.put(user.name(), user);
        return new UsersFile(copy);
    }

    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Operator terminal users: name:role:workCenter:iterations:salt:PBKDF2-HMAC-SHA256 hash (AddUser)");
        users.values().forEach(u -> lines.add(u.toLine()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".users", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

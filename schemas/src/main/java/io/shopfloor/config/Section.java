package io.shopfloor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the configuration file, read by one part. Every getter takes the part's default (used when the key
 * is absent), checks the value, and records the key as read; a wrong value is a {@link ConfigException} naming the
 * file, the key's full path and what was expected.
 */
public final class Section {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private final ObjectNode node;
    private final String path;
    private final String origin;
    private final Path baseDirectory;
    private final Map<String, Section> children = new HashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    Section(ObjectNode node, String path, String origin, Path baseDirectory) {
        this.node = node;
        this.path = path;
        this.origin = origin;
        this.baseDirectory = baseDirectory;
    }

    /** The key's full path, e.g. {@code job.postingInterval}. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether the file gives this key. */
    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** A nested mapping; empty when absent, so that all its settings take their defaults. */
    public Section section(String key) {
        return children.computeIfAbsent(key, k -> {
            JsonNode value = value(k);
            if (value == null) {
                return new Section(JsonNodeFactory.instance.objectNode(), pathOf(k), origin, baseDirectory);
            }
            if (!(value instanceof ObjectNode object)) {
                throw invalid(k, "must be a mapping of settings");
            }
            return new Section(object, pathOf(k), origin, baseDirectory);
        });
    }

    /** A list of mappings (e.g. the shifts); empty when absent. */
    public List<Section> sections(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof ArrayNode array)) {
            throw invalid(key, "must be a list");
        }
        List<Section> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof ObjectNode object)) {
                throw invalid(key + "[" + i + "]", "must be a mapping of settings");
            }
            Section element = new Section(object, pathOf(key) + "[" + i + "]", origin, baseDirectory);
            children.put(key + "[" + i + "]", element);
            list.add(element);
        }
        return List.copyOf(list);
    }

    /**
     * A nested mapping as it is, for a part that binds its own model to it (and refuses unknown keys there itself);
     * an empty mapping when absent.
     */
    public ObjectNode tree(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(value instanceof ObjectNode object)) {
            throw invalid(key, "must be a mapping of settings");
        }
        return object;
    }

    public String string(String key, String defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw invalid(key, "must be a non-empty text");
        }
        return value.asText();
    }

    /** A text the file must give. */
    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw new ConfigException(origin + ": " + pathOf(key) + " is required");
        }
        return value;
    }

    /** A list of texts; the default when absent. */
    public List<String> strings(String key, List<String> defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof ArrayNode array)) {
            throw invalid(key, "must be a list of texts");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.asText().isBlank()) {
                throw invalid(key, "must be a list of non-empty texts");
            }
            list.add(element.asText());
        }
        return List.copyOf(list);
    }

    /** An integer within {@code [min, max]}. */
    public int integer(String key, int defaultValue, int min, int max) {
        long value = longValue(key, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw invalid(key, "must be a whole number from " + min + " to " + max + ", not '" + value.asText()
                    + "'");
        }
        long number = value.asLong();
        if (number < min || number > max) {
            throw invalid(key, "must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    /** A positive number (a speed, a factor). */
    public double positiveNumber(String key, double defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
            throw invalid(key, "must be a positive number, not '" + value.asText() + "'");
        }
        return value.asDouble();
    }

    /** Only {@code true} or {@code false}: a typo must not quietly turn a safety off. */
    public boolean bool(String key, boolean defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw invalid(key, "must be true or false, not '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    /**
     * A duration: a whole number with its unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}) or
     * ISO 8601 ({@code PT5M}); a bare number is refused, because its unit would be a guess.
     */
    public Duration duration(String key, Duration defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.asText().trim();
        Matcher matcher = DURATION.matcher(text);
        Duration duration;
        try {
            if (value.isTextual() && matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                duration = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else if (value.isTextual() && text.toUpperCase(Locale.ROOT).startsWith("P")) {
                duration = Duration.parse(text);
            } else {
                throw new DateTimeParseException("", text, 0);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw invalid(key, "must be a duration with its unit, like 500ms, 30s, 5m, 2h or 7d, not '" + text
                    + "'");
        }
        if (duration.isNegative()) {
            throw invalid(key, "must not be negative, not '" + text + "'");
        }
        return duration;
    }

    /** A time of day, {@code HH:mm}. */
    public LocalTime timeOfDay(String key, LocalTime defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return LocalTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid(key, "must be a time of day like 06:00, not '" + value.asText() + "'");
        }
    }

    /** A time zone id, e.g. {@code Europe/Berlin}. */
    public ZoneId zone(String key, ZoneId defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return ZoneId.of(value.asText());
        } catch (DateTimeException e) {
            throw invalid(key, "must be a time zone like Europe/Berlin or UTC, not '" + value.asText() + "'");
        }
    }

    /** One of an enum's constants, by name. */
    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        Class<E> type = defaultValue.getDeclaringClass();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.asText())) {
                return constant;
            }
        }
        throw invalid(key, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '"
                + value.asText() + "'");
    }

    /** A path; a relative one is resolved against the configuration file's folder. */
    public Path path(String key, Path defaultValue) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        return baseDirectory.resolve(text).normalize();
    }

    /**
     * A password or other secret, from {@code <key>File} (a file's first line) or {@code <key>Env} (an environment
     * variable); {@code null} when neither is given. The secret itself in the file is refused: configuration files
     * get copied, committed and shown on screens.
     */
    public String secret(String key, Map<String, String> environment) {
        if (value(key) != null) {
            throw invalid(key, "must not hold the secret itself: give " + key + "File (a file holding it) or "
                    + key + "Env (an environment variable holding it)");
        }
        Path file = path(key + "File", null);
        String variable = string(key + "Env", null);
        if (file != null && variable != null) {
            throw invalid(key + "File", "and " + key + "Env are both given; give one");
        }
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw invalid(key + "File", "names " + file + ", which is empty");
                }
                return lines.get(0);
            } catch (IOException e) {
                throw invalid(key + "File", "names " + file + ", which cannot be read (" + e.getMessage() + ")");
            }
        }
        if (variable != null) {
            String secret = environment.get(variable);
            if (secret == null || secret.isEmpty()) {
                throw invalid(key + "Env", "names " + variable + ", which is not set");
            }
            return secret;
        }
        return null;
    }

    /**
     * Fails on every key of this mapping, and of the nested mappings read from it, that no getter asked for: a
     * misspelt or misplaced setting must stop the start, not leave its default in force unnoticed. On the file's
     * root it checks the sections this process read (the file's sections were checked by name when it was read; the
     * other parts check the sections they read).
     */
    public Section requireAllRead() {
        List<String> unknown = new ArrayList<>();
        collectUnread(unknown);
        if (!unknown.isEmpty()) {
            throw new ConfigException(origin + ": unknown setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown));
        }
        return this;
    }

    private void collectUnread(List<String> unknown) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!path.isEmpty() && !read.contains(entry.getKey())) {
                unknown.add(pathOf(entry.getKey()));
            }
        }
        children.values().forEach(child -> child.collectUnread(unknown));
    }

    private JsonNode value(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** A wrong value the caller found: {@code what} follows the file and the key's path in the message. */
    public ConfigException invalid(String key, String what) {
        return new ConfigException(origin + ": " + pathOf(key) + " " + what);
    }
}

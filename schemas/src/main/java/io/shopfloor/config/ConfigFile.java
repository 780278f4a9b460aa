package io.shopfloor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Shopfloor Ledger's one configuration file: YAML (JSON is YAML too), one top-level section per part. Each part reads
 * its own section with {@link Section}'s typed getters, which take that part's defaults (written once, in the part)
 * and check every value; {@link Section#requireAllRead} then fails on any key the part did not read, so a misspelt
 * setting stops the start instead of being ignored. The top-level sections are the ones listed in
 * {@link #SECTIONS}; docs/configuration.md describes every key.
 */
public final class ConfigFile {
    /** The parts' sections; any other top-level key is an error. */
    public static final List<String> SECTIONS = List.of("plant", "kafka", "job", "ledger", "mqtt", "bridge", "erp",
            "dashboard", "simulator", "embedded");
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigFile() {
    }

    /** The file's root: sections by name. */
    public static Section load(Path file) {
        return load(file, Map.of());
    }

    /**
     * As {@link #load(Path)}, with settings given on the command line in place of the file's: {@code overrides} maps a
     * key's path ({@code simulator.speed}) to its value, written as in YAML ({@code 60}, {@code true}, {@code 5m}).
     */
    public static Section load(Path file, Map<String, String> overrides) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent(), overrides);
    }

    /** No file: every setting its default, but for {@code overrides} (see {@link #load(Path, Map)}). */
    public static Section defaults(Map<String, String> overrides) {
        return parse("", "(command line)", Path.of("").toAbsolutePath(), overrides);
    }

    /**
     * {@code text} as a configuration; {@code origin} names it in messages; relative paths in it are resolved
     * against {@code baseDirectory}.
     */
    public static Section parse(String text, String origin, Path baseDirectory, Map<String, String> overrides) {
        JsonNode tree;
        try {
            tree = text.isBlank() ? JsonNodeFactory.instance.objectNode() : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ConfigException(origin + ": must be a mapping of sections (" + String.join(", ", SECTIONS)
                    + ")");
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            set(object, override.getKey(), override.getValue(), origin);
        }
        for (Map.Entry<String, JsonNode> section : object.properties()) {
            if (!SECTIONS.contains(section.getKey())) {
                throw new ConfigException(origin + ": unknown section '" + section.getKey() + "' (sections: "
                        + String.join(", ", SECTIONS) + ")");
            }
        }
        return root(object, origin, baseDirectory);
    }

    /** Sets {@code a.b.c} in {@code root}, creating the mappings on the way; the value is a YAML scalar. */
    private static void set(ObjectNode root, String path, String value, String origin) {
        String[] keys = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(keys[i]);
            }
            if (!(child instanceof ObjectNode object)) {
                throw new ConfigException(origin + ": " + path + " cannot be set: " + keys[i] + " is not a mapping");
            }
            node = object;
        }
        JsonNode scalar;
        try {
            scalar = value.isEmpty() ? null : YAML.readTree(value);
        } catch (JsonProcessingException e) {
            throw new ConfigException(path + ": not a YAML value: " + value);
        }
        if (scalar == null || !scalar.isValueNode()) {
            throw new ConfigException(path + " needs a single value, not '" + value + "'");
        }
        node.set(keys[keys.length - 1], scalar);
    }

    private static Section root(ObjectNode node, String origin, Path baseDirectory) {
        return new Section(node, "", origin, baseDirectory);
    }
}

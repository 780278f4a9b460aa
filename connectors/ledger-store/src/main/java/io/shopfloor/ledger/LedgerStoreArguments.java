package io.shopfloor.ledger;

import io.shopfloor.config.ConfigFile;
import io.shopfloor.config.Section;
import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.JobConfiguration;
import io.shopfloor.job.KafkaPostingJob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LedgerStoreJob#main}'s command line: {@code [--config FILE] [BOOTSTRAP [JDBC_URL [OWNER [OWNER_PASSWORD
 * [CHECKPOINT_DIR]]]]]}. The file's {@code kafka}, {@code plant} and {@code job} sections set the job as for every
 * other runner, its {@code ledger} section the database (docs/configuration.md); the positional arguments take the
 * place of {@code kafka.bootstrapServers}, {@code ledger.jdbcUrl}, {@code ledger.owner}, the owner's password and
 * {@code job.checkpoints.directory}.
 */
public record LedgerStoreArguments(KafkaPostingJob.Config job, CheckpointSettings checkpoints, String jdbcUrl,
                                   String owner, String ownerPassword) {
    public static final String USAGE = "usage: LedgerStoreJob [--config FILE] [<kafka bootstrap> [<jdbc url> [<owner> "
            + "[<owner password> [<checkpoint dir>]]]]]";
    /** Where the ledger is when nothing says otherwise. */
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://localhost:5432/ledger";
    public static final String DEFAULT_OWNER = "postgres";
    private static final List<String> POSITIONAL_PATHS = List.of("kafka.bootstrapServers", "ledger.jdbcUrl",
            "ledger.owner", "", "job.checkpoints.directory");

    /**
     * Parses the arguments; throws IllegalArgumentException with the usage on a malformed command line and
     * {@link io.shopfloor.config.ConfigException} on a wrong setting (naming its path).
     */
    public static LedgerStoreArguments parse(List<String> args, Map<String, String> environment) {
        List<String> positional = new ArrayList<>(args);
        Path file = null;
        if (!positional.isEmpty() && positional.get(0).startsWith("--config")) {
            String option = positional.remove(0);
            if (option.startsWith("--config=")) {
                file = Path.of(option.substring("--config=".length()));
            } else if (option.equals("--config") && !positional.isEmpty()) {
                file = Path.of(positional.remove(0));
            } else {
                throw new IllegalArgumentException(option + " needs a file\n" + USAGE);
            }
        }
        if (positional.size() > POSITIONAL_PATHS.size() || positional.stream().anyMatch(a -> a.startsWith("--"))) {
            throw new IllegalArgumentException("unexpected arguments " + positional + "\n" + USAGE);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            if (!POSITIONAL_PATHS.get(i).isEmpty()) {
                overrides.put(POSITIONAL_PATHS.get(i), "'" + positional.get(i).replace("'", "''") + "'");
            }
        }
        Section root = file == null ? ConfigFile.defaults(overrides) : ConfigFile.load(file, overrides);
        KafkaPostingJob.Config job = JobConfiguration.read(root);
        CheckpointSettings checkpoints = JobConfiguration.checkpoints(root);
        Section ledger = root.section("ledger");
        String jdbcUrl = ledger.string("jdbcUrl", DEFAULT_JDBC_URL);
        String owner = ledger.string("owner", DEFAULT_OWNER);
        String password = ledger.secret("ownerPassword", environment);
        ledger.requireAllRead();
        if (positional.size() > 3) {
            password = positional.get(3);
        }
        return new LedgerStoreArguments(job, checkpoints, jdbcUrl, owner, password == null ? "" : password);
    }

    @Override
    public String toString() {
        return "LedgerStoreArguments[" + jdbcUrl + " as " + owner + "]"; // never the password
    }
}

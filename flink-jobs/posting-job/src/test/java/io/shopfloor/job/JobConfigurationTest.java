package io.shopfloor.job;

import io.shopfloor.config.ConfigFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** job.plannedStopCodes: the order stage's planned stop codes for codes the ERP's stop codes do not know. */
class JobConfigurationTest {

    @Test
    void plannedStopCodesAreTheOrderStagesFallbackAndNoneByDefault() {
        KafkaPostingJob.Config config = JobConfiguration.read(ConfigFile.parse("""
                job:
                  plannedStopCodes: [CLEAN, PM]
                """, "test.yaml", Path.of("."), Map.of()));
        assertEquals(Set.of("CLEAN", "PM"), config.posting().plannedStopCodes());

        KafkaPostingJob.Config defaults = JobConfiguration.read(ConfigFile.defaults(Map.of()));
        assertEquals(Set.of(), defaults.posting().plannedStopCodes(), "a stop is a loss unless declared planned");
    }
}

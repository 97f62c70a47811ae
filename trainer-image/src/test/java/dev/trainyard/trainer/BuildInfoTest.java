package dev.trainyard.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void versionCarriesCommitCountHashAndDirtyFlag() {
        Properties p = new Properties();
        p.setProperty("git.build.version", "0.1.0");
        p.setProperty("git.total.commit.count", "42");
        p.setProperty("git.commit.id.abbrev", "1a2b3c4");
        p.setProperty("git.dirty", "true");
        assertEquals("0.1.0+42.g1a2b3c4.dirty", BuildInfo.fromProperties(p).version());

        p.setProperty("git.dirty", "false");
        assertEquals("0.1.0+42.g1a2b3c4", BuildInfo.fromProperties(p).version());
    }

    @Test
    void buildWithoutGitSaysUnknown() {
        assertEquals("0.1.0+unknown", BuildInfo.fromProperties(new Properties()).version());
    }

    @Test
    void theBuildEmbedsTheGitVersionOfThisCheckout() {
        // The Maven build generates git.properties from the repository it runs in.
        String version = BuildInfo.current().version();
        assertTrue(version.matches("0\\.1\\.0\\+\\d+\\.g[0-9a-f]{7,}(\\.dirty)?"), version);
    }
}

package dev.trainyard.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the code that is running, derived from git at build time:
 * {@code 0.1.0+N.gHASH} with N the number of commits and HASH the abbreviated commit, plus
 * {@code .dirty} when the working tree had uncommitted changes. Logs and checkpoints record it.
 */
public record BuildInfo(String baseVersion, String commitCount, String commitAbbrev, String commitFull, boolean dirty) {

    private static final BuildInfo CURRENT = load();

    /** Build information of this trainer, read from the {@code git.properties} the build embeds. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** The version string, e.g. {@code 0.1.0+42.g1a2b3c4.dirty}. */
    public String version() {
        if (commitAbbrev.isEmpty()) {
            return baseVersion + "+unknown";
        }
        return baseVersion + "+" + commitCount + ".g" + commitAbbrev + (dirty ? ".dirty" : "");
    }

    static BuildInfo fromProperties(Properties p) {
        return new BuildInfo(
                p.getProperty("git.build.version", "0.1.0"),
                p.getProperty("git.total.commit.count", "0"),
                p.getProperty("git.commit.id.abbrev", ""),
                p.getProperty("git.commit.id.full", ""),
                Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
    }

    private static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("git.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded git.properties", e);
        }
        return fromProperties(properties);
    }
}

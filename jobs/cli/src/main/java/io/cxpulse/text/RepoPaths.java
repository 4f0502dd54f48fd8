package io.cxpulse.text;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves default locations relative to the repository root (the directory holding {@code jobs/}). */
public final class RepoPaths {

    private RepoPaths() {
    }

    /**
     * The repository root: {@code -Dcxpulse.home} (bin/cxpulse sets it, so commands work from any directory), else the
     * nearest ancestor of the working directory with {@code jobs/experience-monitor}.
     */
    public static Path root() {
        String home = System.getProperty("cxpulse.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("jobs/experience-monitor"))) {
                return p;
            }
        }
        return cwd;
    }

    /** {@code $CXPULSE_DATASETS} if set, else {@code <root>/../shared/datasets/sentiment}. */
    static Path defaultDatasets() {
        String env = System.getenv("CXPULSE_DATASETS");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            // accept either the sentiment folder itself or its parent datasets folder
            return Files.isDirectory(p.resolve("sentiment")) && !Files.isDirectory(p.resolve("zh"))
                    ? p.resolve("sentiment") : p;
        }
        return root().resolve("../shared/datasets/sentiment").normalize();
    }

    static Path defaultModelDir() {
        return root().resolve("jobs/experience-monitor/src/main/resources/cxpulse/models");
    }

    static Path defaultCheckFile() {
        return root().resolve("jobs/experience-monitor/src/test/resources/text/sentiment-check.tsv");
    }
}

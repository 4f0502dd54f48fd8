package io.cxpulse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The repository the tests run in, and what its files and classes declare. */
final class Repo {

    private Repo() {}

    /** The nearest ancestor of the working directory holding {@code jobs/experience-monitor} (Maven runs in jobs/cli). */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("jobs/experience-monitor")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The long option names, with a negatable option's {@code --no-} form too. */
    static List<String> longOptions(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredFields())
                    .map(f -> f.getAnnotation(Option.class))
                    .filter(o -> o != null)
                    .forEach(o -> {
                        for (String n : o.names()) {
                            if (n.startsWith("--")) {
                                names.add(n);
                            }
                        }
                    });
        }
        return names;
    }
}

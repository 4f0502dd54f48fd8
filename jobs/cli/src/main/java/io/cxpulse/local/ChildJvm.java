package io.cxpulse.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM on this JVM's own class path (the Kafka broker, or the job for the fault-injection tests), its output appended
 * to a log file in its directory.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * @param dir        working directory; holds the class path argument file and the log
     * @param logFile    name of the log file in {@code dir}
     * @param jvmOptions heap, system properties, --add-opens…
     */
    public static Process start(Path dir, String logFile, List<String> jvmOptions, String mainClass, List<String> args) {
        Path argFile = dir.resolve(mainClass + ".jvm.args");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the class path goes through an argument file: a long Maven class path can exceed what one argument may hold
        command.add("@" + argFile);
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(dir);
            Files.writeString(argFile, "-cp " + quoted(String.join(File.pathSeparator, JavaClasspath.ofThisJvm())) + "\n",
                    StandardCharsets.UTF_8);
            return new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(logFile).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass + " in " + dir, e);
        }
    }

    /** Quoting for a java @argfile: inside double quotes a backslash escapes the next character. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

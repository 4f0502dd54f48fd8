package io.cxpulse.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a server's log, for error messages that say why a server did not come up. */
final class LogTail {

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    static String of(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(" + file + " does not exist)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return "last lines of " + file + ":\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "(" + file + " could not be read: " + e.getMessage() + ")";
        }
    }
}

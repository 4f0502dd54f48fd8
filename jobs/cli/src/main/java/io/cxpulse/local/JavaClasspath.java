package io.cxpulse.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of this JVM, spelled out jar by jar, for a child JVM (the Kafka broker) that runs from the
 * same jars.
 *
 * <p>Under Maven Surefire {@code java.class.path} is the real test class path (Surefire restores it after
 * booting from its manifest-only jar). Should a launcher hand us only a manifest-only jar instead, its
 * {@code Class-Path} entries are expanded here: the child must not depend on a temporary jar that its
 * launcher deletes when it exits.
 */
final class JavaClasspath {

    private JavaClasspath() {
    }

    static List<String> ofThisJvm() {
        return expand(System.getProperty("java.class.path", ""));
    }

    static List<String> expand(String classPath) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            List<String> manifestEntries = manifestOnlyClassPath(Path.of(entry));
            if (manifestEntries.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            } else {
                entries.addAll(manifestEntries);
            }
        }
        return List.copyOf(entries);
    }

    /** The Class-Path of a jar that holds nothing but its manifest; empty for any other entry. */
    private static List<String> manifestOnlyClassPath(Path entry) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            boolean onlyManifest = jar.stream().allMatch(e -> e.getName().startsWith("META-INF/"));
            if (classPath == null || !onlyManifest) {
                return List.of();
            }
            List<String> resolved = new ArrayList<>();
            URI base = entry.toAbsolutePath().toUri();
            for (String item : classPath.trim().split("\\s+")) {
                resolved.add(Path.of(base.resolve(new URI(item))).toString());
            }
            return resolved;
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the class path from the manifest of " + entry, e);
        }
    }
}

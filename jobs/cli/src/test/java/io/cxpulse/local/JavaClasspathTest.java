package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaClasspathTest {

    @TempDir
    Path dir;

    @Test
    void manifestOnlyJarIsReplacedByItsClassPath() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("my libs")).resolve("a.jar");
        Files.createFile(lib);
        Path booter = dir.resolve("booter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        // as Surefire writes it: absolute file URIs, percent-encoded
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, lib.toUri() + " " + dir.resolve("classes").toUri());
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        assertThat(JavaClasspath.expand(booter + File.pathSeparator + "/x/plain.jar"))
                .containsExactly(lib.toString(), dir.resolve("classes").toString(), "/x/plain.jar");
    }

    @Test
    void thisJvmsClassPathCarriesTheKafkaBroker() {
        assertThat(JavaClasspath.ofThisJvm()).anyMatch(entry -> entry.contains("kafka_2.13"));
    }
}

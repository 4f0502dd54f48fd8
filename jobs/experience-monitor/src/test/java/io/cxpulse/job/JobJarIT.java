package io.cxpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar a Flink cluster runs: the job and its connectors, without Flink itself or any local-only tooling. */
class JobJarIT {

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith("-job.jar")).toList();
            assertThat(jars).as("the shaded job jar in target/").hasSize(1);
            return jars.get(0);
        }
    }

    @Test
    void carriesTheJobAndItsConnectorsButNotFlinkOrLocalTooling() throws IOException {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(ExperienceMonitorJob.class.getName());
            assertThat(names).contains(
                    "io/cxpulse/job/ExperienceMonitorJob.class",
                    "io/cxpulse/contract/EventDecoder.class",
                    "cxpulse/schemas/events/cx.clicks.schema.json",
                    "cxpulse/clickhouse/migrations/INDEX",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "com/clickhouse/client/api/Client.class");
            assertThat(names).noneMatch(n -> n.startsWith("kafka/server/") || n.startsWith("org/apache/kafka/raft/"))
                    .noneMatch(n -> n.startsWith("io/cxpulse/simulator/") || n.startsWith("io/cxpulse/local/")
                            || n.startsWith("io/cxpulse/cli/"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/streaming/api/environment/")
                            || n.startsWith("org/apache/flink/runtime/"))
                    .noneMatch(n -> n.startsWith("org/apache/logging/log4j/") || n.startsWith("org/slf4j/"));
        }
    }
}

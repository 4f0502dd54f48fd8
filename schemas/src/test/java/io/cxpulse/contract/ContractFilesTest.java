package io.cxpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.model.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files in schemas/ are what the product ships: one contract per input topic, every migration listed in INDEX. */
class ContractFilesTest {

    @Test
    void everyInputTopicHasAContractAndAReadmeSection() throws IOException {
        String readme = Files.readString(Path.of("events/README.md"));
        for (String topic : Topics.INPUT_TOPICS) {
            assertThat(Path.of("events", topic + ".schema.json")).exists();
            assertThat(readme).contains("## `" + topic + "`");
        }
    }

    @Test
    void theMigrationIndexListsExactlyTheMigrationFiles() throws IOException {
        List<String> indexed = Files.readAllLines(Path.of("clickhouse/migrations/INDEX")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        try (Stream<Path> files = Files.list(Path.of("clickhouse/migrations"))) {
            List<String> sql = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            assertThat(indexed).isEqualTo(sql);
        }
    }
}

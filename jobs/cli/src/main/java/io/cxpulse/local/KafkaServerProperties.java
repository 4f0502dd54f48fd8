package io.cxpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** server.properties and the log4j2 configuration of the local single-node KRaft broker. */
final class KafkaServerProperties {

    static final int NODE_ID = 1;

    private KafkaServerProperties() {
    }

    static Properties of(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        // a static quorum of one voter: storage is formatted with a cluster id only, and ports may change between runs
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());

        p.setProperty("num.partitions", "2");
        p.setProperty("auto.create.topics.enable", "false");
        // one node: internal topics cannot have more replicas than that
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // few partitions for the internal topics: 50 each would slow the first consumer group and transaction for nothing
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // the Flink Kafka sink keeps transactions open across checkpoints and asks for up to 15 minutes
        p.setProperty("transaction.max.timeout.ms", "900000");
        return p;
    }

    static void write(Properties properties, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "written by CX Pulse (io.cxpulse.local.KafkaBroker) at every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The broker logs to its stdout, which goes to kafka.log; never to whatever log4j2 file the class path carries. */
    static void writeLog4j(Path file) {
        String config = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c{1})%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out",
                // per-request and state-change chatter: not useful in a local demo's log
                "logger.requests.name = kafka.request.logger",
                "logger.requests.level = warn",
                "logger.state.name = state.change.logger",
                "logger.state.level = warn",
                "logger.controller.name = org.apache.kafka.controller",
                "logger.controller.level = warn",
                // the full configuration, hundreds of lines at every start; server.properties says what was set
                "logger.config.name = kafka.server.KafkaConfig",
                "logger.config.level = warn",
                "");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

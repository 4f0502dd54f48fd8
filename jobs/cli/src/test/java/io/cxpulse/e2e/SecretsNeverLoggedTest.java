package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.local.ClickHouseServer;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * "Logs are searched for secrets": the job is started as its entry point starts it ({@link ExperienceMonitorJob#submit}:
 * configuration printed, migrations, the job on a Flink mini-cluster) with a ClickHouse password (the local server's
 * job user, so it is really used), Kafka SASL and SSL passwords in a properties file, a webhook URL with a token in
 * its path and a webhook signing secret. Every log line of every logger at INFO, Kafka's client configuration dumps
 * included, is captured while it runs and processes a record: none of the secrets appears, and the configuration
 * shows that each is set.
 */
class SecretsNeverLoggedTest {

    private static final String JAAS_PASSWORD = "jaas-Pa55-7f3a";
    private static final String TRUSTSTORE_PASSWORD = "truststore-Pa55-91c2";
    private static final String KEYSTORE_PASSWORD = "keystore-Pa55-44d8";
    private static final String KEY_PASSWORD = "key-Pa55-0be1";
    private static final String WEBHOOK_URL_TOKEN = "T0KEN-in-path-5e6f";
    private static final String WEBHOOK_SECRET = "webhook-signing-Pa55-a9d4";

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInTheLogsOfConfigurationPrintingAndJobStart() throws Exception {
        try (LocalStack stack = new LocalStack(dir, "cxpulse")) {
            String clickhousePassword = Files.readString(dir.resolve("clickhouse").resolve("job-user.password")).strip();
            Path kafkaProperties = Files.writeString(dir.resolve("kafka.properties"), String.join("\n",
                    "security.protocol=PLAINTEXT", // the local broker's; the secrets below are still read and configured
                    "sasl.mechanism=PLAIN",
                    "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"cx\" "
                            + "password=\"" + JAAS_PASSWORD + "\";",
                    "ssl.truststore.password=" + TRUSTSTORE_PASSWORD,
                    "ssl.keystore.password=" + KEYSTORE_PASSWORD,
                    "ssl.key.password=" + KEY_PASSWORD));
            Path webhooks = Files.writeString(dir.resolve("webhooks.json"),
                    "{\"default\": \"http://127.0.0.1:9/hooks/" + WEBHOOK_URL_TOKEN + "\"}");
            JobConfig config = CommandLine.populateCommand(new JobOptions(),
                    "--kafka-bootstrap-servers", stack.kafka.bootstrapServers(),
                    "--kafka-properties-file", kafkaProperties.toString(),
                    "--clickhouse-url", stack.clickhouse.httpUrl(),
                    "--clickhouse-user", ClickHouseServer.JOB_USER,
                    "--clickhouse-password-file", dir.resolve("clickhouse").resolve("job-user.password").toString(),
                    "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString(),
                    "--checkpoint-interval", "2s", "--sink-flush-interval", "300ms", "--parallelism", "1",
                    "--webhook-config", webhooks.toString(),
                    "--transactional-id-prefix", "cxpulse-secrets")
                    .toConfig(Map.of("CXPULSE_WEBHOOK_SECRET", WEBHOOK_SECRET));

            CapturedLogs logs = new CapturedLogs(); // every logger at INFO at least, Kafka's config dumps included
            JobClient job = ExperienceMonitorJob.submit(config);
            try {
                stack.send(Topics.CUSTOMERS, "cust-1", ("{\"customer_id\":\"cust-1\",\"updated_at\":\"2026-01-01T00:00:00Z\","
                        + "\"tier\":\"gold\"}").getBytes(StandardCharsets.UTF_8));
                LocalStack.await("the job to write as its ClickHouse user", Duration.ofSeconds(60),
                        () -> stack.count("SELECT count() FROM cxpulse.customers") == 1);
                LocalStack.await("the Kafka clients' configuration in the logs", Duration.ofSeconds(30),
                        () -> logs.text().contains("ConsumerConfig values") && logs.text().contains("ProducerConfig values"));
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
                logs.close();
            }

            String logged = logs.text();
            assertThat(logged).contains("clickhouse-password = <set>", "webhook-secret = <set>",
                    "sasl.jaas.config=<redacted>", "ssl.keystore.password=<redacted>", "sasl.jaas.config = [hidden]");
            for (String secret : List.of(clickhousePassword, JAAS_PASSWORD, TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD,
                    KEY_PASSWORD, WEBHOOK_URL_TOKEN, WEBHOOK_SECRET)) {
                assertThat(logged).as("%d log lines", logged.lines().count()).doesNotContain(secret);
            }
        }
    }
}

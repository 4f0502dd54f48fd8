package io.cxpulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.alerts.Alert;
import io.cxpulse.config.Secret;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The sink in a real (local) Flink job: created per task, serialised with the job, and draining before it ends. */
class WebhookNotifierJobTest {

    @Test
    void aJobPostsItsAlertsBeforeItFinishes() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookSettings settings = WebhookSettings.parse("{\"teams\": {\"account-management\": \""
                    + receiver.url("/am") + "\"}, \"default\": \"" + receiver.url("/ops") + "\"}");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(List.of(TestAlerts.churn("c-1", Alert.OPEN, 1), TestAlerts.ops("ops", "billing")))
                    .sinkTo(new WebhookNotifier(settings, Secret.of("")));
            env.execute("webhook notifier");

            List<WebhookReceiver.Request> requests = receiver.next(2, Duration.ofSeconds(5));
            assertThat(requests).extracting(WebhookReceiver.Request::path).containsExactlyInAnyOrder("/am", "/ops");
            assertThat(requests).extracting(r -> new ObjectMapper().readTree(r.body()).path("cxpulse").path("kind").asText())
                    .containsExactlyInAnyOrder("churn_risk", "complaint_spike");
        }
    }
}

package io.cxpulse.bench;

import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One realistic record per event topic, as the simulator writes them, stamped a minute ago (inside the skew limit). */
final class SampleRecords {

    static final String[] TOPICS = {Topics.CLICKS, Topics.COMPLAINTS, Topics.SOCIAL_MENTIONS, Topics.SERVICE_EVENTS};

    private SampleRecords() {}

    static byte[][] values() {
        String t = Instant.now().minusSeconds(60).toString();
        String[] json = {
            "{\"event_id\":\"clk-000123456\",\"event_time\":\"" + t + "\",\"customer_id\":\"C000417\",\"schema_version\":1,"
                    + "\"source\":\"web-tracker\",\"session_id\":\"s-77a1f3\",\"page\":\"/account/subscription\","
                    + "\"action\":\"view\",\"duration_ms\":12840,\"device\":\"ios\",\"referrer\":\"/home\"}",
            "{\"event_id\":\"cmp-000098765\",\"event_time\":\"" + t + "\",\"customer_id\":\"C000417\",\"schema_version\":1,"
                    + "\"source\":\"crm\",\"complaint_id\":\"CMP-20931\",\"channel\":\"app\",\"status\":\"opened\","
                    + "\"text\":\"送餐太慢了，等了一个多小时，饭菜都凉了，客服电话也打不通\",\"category\":\"delivery\","
                    + "\"severity\":4,\"order_id\":\"O-5512093\"}",
            "{\"event_id\":\"soc-000045678\",\"event_time\":\"" + t + "\",\"schema_version\":1,\"source\":\"listening\","
                    + "\"platform\":\"weibo\",\"author_handle\":\"@lin_xiaomei\",\"author_followers\":18250,"
                    + "\"text\":\"Still waiting for my refund after 3 weeks 🙄 @acme\",\"url\":\"https://weibo.com/p/5512093\","
                    + "\"likes\":42,\"shares\":7}",
            "{\"event_id\":\"svc-000034567\",\"event_time\":\"" + t + "\",\"customer_id\":\"C000417\",\"schema_version\":1,"
                    + "\"source\":\"contact-center\",\"type\":\"call_answered\",\"case_id\":\"CASE-88120\","
                    + "\"wait_ms\":420000,\"handle_ms\":310000,\"department\":\"billing\"}",
        };
        byte[][] out = new byte[json.length][];
        for (int i = 0; i < json.length; i++) {
            out[i] = json[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Decodes every sample once and fails if the decoder rejects one: a benchmark of the rejection path would mislead. */
    static Ingested[] decodeAll(RecordDecoder decoder, byte[][] values) {
        Ingested[] out = new Ingested[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = decoder.decode(new SourceRef(TOPICS[i], 0, i, System.currentTimeMillis()), null, values[i]);
            if (out[i].event() == null) {
                throw new IllegalStateException("sample " + TOPICS[i] + " rejected: " + out[i].error().reason());
            }
        }
        return out;
    }
}

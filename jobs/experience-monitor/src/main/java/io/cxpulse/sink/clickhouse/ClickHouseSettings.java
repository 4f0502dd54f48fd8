package io.cxpulse.sink.clickhouse;

import com.clickhouse.client.api.Client;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.Secret;
import java.io.Serializable;
import java.time.Duration;

/** How to reach ClickHouse and how to batch into it; serializable so each sink task builds its own client. */
public record ClickHouseSettings(
        String url,
        String user,
        Secret password,
        String database,
        int batchRows,
        Duration flushInterval,
        Duration maxBackoff)
        implements Serializable {

    public static ClickHouseSettings from(JobConfig c) {
        return new ClickHouseSettings(c.clickhouseUrl(), c.clickhouseUser(), c.clickhousePassword(), c.clickhouseDatabase(),
                c.sinkBatchRows(), c.sinkFlushInterval(), c.sinkMaxBackoff());
    }

    /**
     * A client that speaks only what ClickHouse 18.16 and current releases both understand: plain HTTP bodies
     * (no client-side LZ4 framing), JSONEachRow in and out.
     */
    public Client newClient() {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password.reveal())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(10_000)
                .setSocketTimeout(120_000)
                .setClientName("cxpulse")
                .build();
    }

    public String table(String name) {
        return database + "." + name;
    }
}

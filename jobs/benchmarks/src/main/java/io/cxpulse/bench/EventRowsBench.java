package io.cxpulse.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.sink.clickhouse.EventRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ClickHouse row encoding of {@code events} ({@link EventRows} into JSONEachRow bytes, as the sink writer does:
 * one generator over a reused buffer, reset per batch). One op = one row; the four sample events in turn.
 *
 * <pre>java -jar jobs/benchmarks/target/benchmarks.jar EventRowsBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EventRowsBench {

    /** Rows per batch before the buffer is reset, as a sink batch would be (smaller: the buffer stays in cache). */
    private static final int ROWS_PER_BATCH = 1000;

    private final EventRows encoder = new EventRows();
    private EnrichedEvent[] rows;
    private ByteArrayOutputStream buffer;
    private JsonGenerator json;
    private int inBatch;

    @Setup
    public void setup() throws IOException {
        Ingested[] decoded = SampleRecords.decodeAll(new RecordDecoder(1 << 20, TimeUnit.HOURS.toMillis(1)),
                SampleRecords.values());
        rows = new EnrichedEvent[decoded.length];
        for (int i = 0; i < decoded.length; i++) {
            boolean text = decoded[i].event().text() != null;
            rows[i] = new EnrichedEvent(decoded[i].event(), false, text ? -0.72f : null, text ? 0.81f : null,
                    text ? "zh" : null, text ? "sentiment-v1" : null, decoded[i].event().category(),
                    decoded[i].event().category() == null ? null : "producer", "logistics",
                    decoded[i].event().customerId() == null ? null : "event");
        }
        buffer = new ByteArrayOutputStream(1 << 20);
        json = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8);
    }

    /** Encodes the four rows; reported per row. */
    @Benchmark
    @OperationsPerInvocation(4)
    public int encode() throws IOException {
        for (EnrichedEvent row : rows) {
            encoder.write(row, json);
            json.writeRaw('\n');
        }
        inBatch += rows.length;
        if (inBatch >= ROWS_PER_BATCH) {
            json.flush();
            buffer.reset();
            inBatch = 0;
        }
        return buffer.size();
    }
}

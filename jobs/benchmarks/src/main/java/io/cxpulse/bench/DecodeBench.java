package io.cxpulse.bench;

import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.SourceRef;
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
 * Decoding and validation of raw Kafka records ({@link RecordDecoder}, what the source does for every record): one
 * realistic record of each event topic in turn. One op = one record.
 *
 * <pre>java -jar jobs/benchmarks/target/benchmarks.jar DecodeBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecodeBench {

    private RecordDecoder decoder;
    private byte[][] values;
    private SourceRef[] sources;

    @Setup
    public void setup() {
        decoder = new RecordDecoder(1 << 20, TimeUnit.HOURS.toMillis(1));
        values = SampleRecords.values();
        SampleRecords.decodeAll(decoder, values);
        sources = new SourceRef[values.length];
        for (int i = 0; i < values.length; i++) {
            sources[i] = new SourceRef(SampleRecords.TOPICS[i], 0, i, System.currentTimeMillis());
        }
    }

    /** Decodes the four records (click, complaint, mention, service event); reported per record. */
    @Benchmark
    @OperationsPerInvocation(4)
    public int decode() {
        int acc = 0;
        for (int i = 0; i < values.length; i++) {
            Ingested in = decoder.decode(sources[i], null, values[i]);
            acc += in.event().eventId().length();
        }
        return acc;
    }
}

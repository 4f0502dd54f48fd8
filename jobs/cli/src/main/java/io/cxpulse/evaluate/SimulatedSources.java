package io.cxpulse.evaluate;

import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.job.JobSources;
import io.cxpulse.model.SourceRef;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The job's inputs fed from a simulated scenario instead of Kafka: each record goes through the same decoder the
 * Kafka source uses. The generator replays the simulator inside the source, so nothing large travels in the job graph.
 */
final class SimulatedSources {

    private SimulatedSources() {}

    static JobSources of(EvaluationScenario scenario, long eventRecords, RecordDecoder decoder) {
        return new JobSources(
                new DataGeneratorSource<>(new Events(scenario, decoder), eventRecords, TypeInformation.of(Ingested.class)),
                new DataGeneratorSource<>(new Profiles(scenario, decoder), scenario.customers(),
                        TypeInformation.of(Ingested.class)));
    }

    /** Events in stream order: the source must run with parallelism 1 (one split, read in order). */
    static final class Events implements GeneratorFunction<Long, Ingested> {
        private final EvaluationScenario scenario;
        private final RecordDecoder decoder;
        private transient Simulator simulator;
        private transient long next;
        private transient Map<String, Long> offsets;

        Events(EvaluationScenario scenario, RecordDecoder decoder) {
            this.scenario = scenario;
            this.decoder = decoder;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            simulator = new Simulator(scenario.settings());
            simulator.profiles();
            next = 0;
            offsets = new HashMap<>();
        }

        @Override
        public Ingested map(Long index) {
            if (index != next) {
                throw new IllegalStateException("simulated events must be read in order: expected " + next + ", got "
                        + index + " (run the evaluation with parallelism 1)");
            }
            next++;
            return decode(simulator.next(), decoder, offsets);
        }
    }

    static final class Profiles implements GeneratorFunction<Long, Ingested> {
        private final EvaluationScenario scenario;
        private final RecordDecoder decoder;
        private transient List<SimulatedRecord> profiles;
        private transient Map<String, Long> offsets;

        Profiles(EvaluationScenario scenario, RecordDecoder decoder) {
            this.scenario = scenario;
            this.decoder = decoder;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            profiles = new Simulator(scenario.settings()).profiles();
            offsets = new HashMap<>();
        }

        @Override
        public Ingested map(Long index) {
            return decode(profiles.get(index.intValue()), decoder, offsets);
        }
    }

    private static Ingested decode(SimulatedRecord r, RecordDecoder decoder, Map<String, Long> offsets) {
        long offset = offsets.merge(r.topic(), 1L, Long::sum) - 1;
        return decoder.decode(new SourceRef(r.topic(), 0, offset, r.eventTimeMs()), r.keyBytes(), r.value());
    }
}

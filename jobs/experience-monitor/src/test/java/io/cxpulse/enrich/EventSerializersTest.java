package io.cxpulse.enrich;

import static io.cxpulse.enrich.EventSerializers.CX_EVENT;
import static io.cxpulse.enrich.EventSerializers.ENRICHED_EVENT;
import static io.cxpulse.config.StateSerializerChecks.assertCopiesSerializedBytes;
import static io.cxpulse.config.StateSerializerChecks.assertMigratesFromPojo;
import static io.cxpulse.config.StateSerializerChecks.assertRefusesKryoAndUnknownVersions;
import static io.cxpulse.config.StateSerializerChecks.assertSnapshotRoundTrip;
import static io.cxpulse.config.StateSerializerChecks.bytes;
import static io.cxpulse.config.StateSerializerChecks.fingerprint;
import static io.cxpulse.config.StateSerializerChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.config.StateSerializerChecks.VariableLengthContract;
import io.cxpulse.dedupe.DedupeByEventId;
import io.cxpulse.dedupe.FlagLateEvents;
import io.cxpulse.enrich.EventSerializers.CxEventSerializer;
import io.cxpulse.enrich.EventSerializers.EnrichedEventSerializer;
import io.cxpulse.identity.HandleChange;
import io.cxpulse.identity.HandleClaim;
import io.cxpulse.identity.ResolveMentionAuthors;
import io.cxpulse.identity.SplitUnattributedMentions;
import io.cxpulse.identity.WaitingMention;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RouteIngested;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hand-written serializers of the shipped events: complete, exact, used by Flink, and migrating old state. */
class EventSerializersTest {

    private static final CxEventSerializer CX = CxEventSerializer.INSTANCE;
    private static final EnrichedEventSerializer ENRICHED = EnrichedEventSerializer.INSTANCE;
    private static final long T = 1_767_225_600_123L;

    // ---- fixtures ----

    /** A complaint as the decoder builds it from a typical producer record (text, raw JSON payload). */
    static CxEvent complaint() {
        String text = "订单 A-20391 已经晚了五天，客服电话一直打不通，APP 里的物流信息三天没有更新。Third time I write about"
                + " this: the parcel is still 'in transit' and nobody answers. 请尽快处理并退款，否则我会取消会员。😡";
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("customer_id", "cust-000042");
        record.put("schema_version", 1);
        record.put("source", "crm");
        record.put("event_id", "9b2f6c1e-4d7a-4f0e-8a53-2c1d9e7b6a40");
        record.put("event_time", "2026-01-01T00:00:00.123Z");
        record.put("complaint_id", "cmp-000042-3");
        record.put("channel", "app");
        record.put("status", "opened");
        record.put("text", text);
        record.put("category", "delivery");
        record.put("severity", 3);
        record.put("order_id", "A-20391");
        String payload;
        try {
            payload = new ObjectMapper().writeValueAsString(record);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new CxEvent("9b2f6c1e-4d7a-4f0e-8a53-2c1d9e7b6a40", EventType.COMPLAINT, "opened", "cust-000042", T,
                "app", "delivery", "cmp-000042-3", text, 3, null, null, null, null, null, null, null, null, null, null,
                null, new SourceRef("cx.complaints", 3, 18_734_211L, T + 41), payload);
    }

    /** The complaint after enrichment. */
    static EnrichedEvent enriched(CxEvent e) {
        return new EnrichedEvent(e, false, -0.82f, 0.91f, "zh", "sentiment-2026.01", "delivery", "producer",
                "logistics", "event");
    }

    /** Every field set, each to a value no other field has. */
    static CxEvent populated() {
        return new CxEvent("evt-1", EventType.SOCIAL_MENTION, "mention", "cust-000042", T, "weibo", "billing",
                "case-7", "text 文本 😀", 4, 1_500L, 60_000L, 300_000L, 4.5, "logistics", "https://weibo.com/p/1",
                "weibo-platform", "@lily", 25_000L, 310L, 42L, new SourceRef("cx.social-mentions", 5, 987_654_321L,
                T - 20), "{\"k\":1}");
    }

    static EnrichedEvent populatedEnriched() {
        return new EnrichedEvent(populated(), true, 0.25f, 0.5f, "en", "v1", "price", "classified", "sales", "handle");
    }

    /** Every nullable field null. */
    static CxEvent minimal() {
        return new CxEvent(null, null, null, null, 0L, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    static EnrichedEvent minimalEnriched() {
        return new EnrichedEvent(minimal(), false, null, null, null, null, null, null, null, null);
    }

    static EnrichedEvent withoutEvent() {
        return new EnrichedEvent(null, false, null, null, null, null, null, null, null, null);
    }

    /** Empty strings, extremes, signed zeros, NaN. */
    static CxEvent edges() {
        return new CxEvent("", EventType.CLICK, "", "", Long.MIN_VALUE, "", "", "", "", Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE, -1L, Double.longBitsToDouble(0x7ff8_0000_0000_0123L), "", "", "", "",
                0L, Long.MIN_VALUE, Long.MAX_VALUE, new SourceRef("", Integer.MAX_VALUE, Long.MIN_VALUE, -1L), "");
    }

    static EnrichedEvent edgesEnriched() {
        return new EnrichedEvent(edges(), true, -0.0f, Float.NaN, "", "", "", "", "", "");
    }

    /** 100k characters of Chinese, emoji (surrogate pairs), accents and control characters. */
    static String longText() {
        StringBuilder b = new StringBuilder();
        String piece = "价格太贵了😀👍🏽 \u0000\t\r\n\u001f\u007f\u0085\u2028 é ü ß ﬁ 𝄞 \"quoted\" \\ {}";
        while (b.length() < 100_000) {
            b.append(piece);
        }
        b.setLength(100_000);
        if (Character.isHighSurrogate(b.charAt(99_999))) {
            b.setCharAt(99_999, '.'); // no half pair at the cut
        }
        return b.toString();
    }

    static CxEvent longEvent() {
        String text = longText();
        return new CxEvent("evt-long", EventType.SERVICE_EVENT, "chat", "cust-1", T, null, null, "case-1", text, null,
                null, 1L, 2L, -3.5, "support", null, null, null, null, null, null, new SourceRef("cx.service-events", 0,
                1L, T), "{\"text\":\"" + text + "\"}");
    }

    static List<CxEvent> events() {
        return List.of(complaint(), populated(), minimal(), edges(), longEvent());
    }

    static List<EnrichedEvent> enrichedEvents() {
        return List.of(enriched(complaint()), enriched(complaint()).withoutText(), populatedEnriched(),
                minimalEnriched(), withoutEvent(), edgesEnriched(), enriched(longEvent()));
    }

    // ---- the serializers cover the records ----

    @Test
    void writesExactlyTheComponentsOfTheRecords() {
        String hint = " changed: update EventSerializers (FIELDS, serialize, deserialize) and bump CURRENT_VERSION,"
                + " keeping a reader of the old format";
        assertThat(CxEventSerializer.FIELDS).as("CxEvent" + hint).containsExactlyElementsOf(components(CxEvent.class));
        assertThat(CxEventSerializer.SOURCE_FIELDS).as("SourceRef" + hint)
                .containsExactlyElementsOf(components(SourceRef.class));
        assertThat(EnrichedEventSerializer.FIELDS).as("EnrichedEvent" + hint)
                .containsExactlyElementsOf(components(EnrichedEvent.class));
    }

    @Test
    void eachFieldAloneRoundTrips() throws Exception {
        // one component away from null at a time: a field written under the wrong bit or read in the wrong place shows
        for (String c : components(CxEvent.class)) {
            CxEvent e = with(minimal(), populated(), c);
            assertThat(roundTrip(CX, e)).as(c).isEqualTo(e);
        }
        for (String c : components(EnrichedEvent.class)) {
            EnrichedEvent e = with(withoutEvent(), populatedEnriched(), c);
            assertThat(roundTrip(ENRICHED, e)).as(c).isEqualTo(e);
        }
    }

    @Test
    void everyEventTypeRoundTrips() throws Exception {
        for (EventType type : EventType.values()) {
            CxEvent e = with(minimal(), new CxEvent(null, type, null, null, 0L, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null), "type");
            assertThat(roundTrip(CX, e).type()).isEqualTo(type);
        }
    }

    // ---- round trips ----

    @Test
    void roundTripsPopulatedMinimalAndExtremeEvents() throws Exception {
        for (CxEvent e : events()) {
            assertThat(roundTrip(CX, e)).isEqualTo(e);
        }
        for (EnrichedEvent e : enrichedEvents()) {
            assertThat(roundTrip(ENRICHED, e)).isEqualTo(e);
        }
        CxEvent edges = roundTrip(CX, edges());
        assertThat(Double.doubleToRawLongBits(edges.score())).isEqualTo(0x7ff8_0000_0000_0123L);
        assertThat(edges.severity()).isEqualTo(Integer.MIN_VALUE);
        assertThat(edges.text()).isEmpty();
        EnrichedEvent edgesEnriched = roundTrip(ENRICHED, edgesEnriched());
        assertThat(Float.floatToRawIntBits(edgesEnriched.sentiment())).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(edgesEnriched.sentimentConfidence()).isNaN();
        CxEvent minimal = roundTrip(CX, minimal());
        assertThat(minimal.type()).isNull();
        assertThat(minimal.source()).isNull();
        assertThat(minimal.severity()).isNull();
        assertThat(roundTrip(ENRICHED, withoutEvent()).event()).isNull();
    }

    @Test
    void keepsLongTextsExactly() throws Exception {
        CxEvent e = longEvent();
        assertThat(e.text()).hasSize(100_000).contains("价格", "😀", "\u0000", "\u2028");
        CxEvent back = roundTrip(CX, e);
        assertThat(back.text()).isEqualTo(e.text());
        assertThat(back.payload()).isEqualTo(e.payload());
        assertThat(roundTrip(ENRICHED, enriched(e)).event().text()).isEqualTo(e.text());
    }

    @Test
    void malformedUtf16BecomesAReplacementCharacterAsInUtf8Everywhere() throws Exception {
        // only a JSON unicode escape of half a surrogate pair makes one; the events table stores UTF-8 all the same
        CxEvent e = with(minimal(), new CxEvent(null, null, null, null, 0L, null, null, null, "a\uD83Db", null, null,
                null, null, null, null, null, null, null, null, null, null, null, null), "text");
        assertThat(roundTrip(CX, e).text()).isEqualTo("a?b");
    }

    @Test
    void refusesMalformedBytes() {
        assertThatThrownBy(() -> ENRICHED.deserialize(new DataInputDeserializer(new byte[] {(byte) 0x10})))
                .isInstanceOf(IOException.class).hasMessageContaining("flags");
        assertThatThrownBy(() -> CX.deserialize(new DataInputDeserializer(new byte[] {(byte) 0x80, 0x04})))
                .isInstanceOf(IOException.class).hasMessageContaining("mask");
        assertThatThrownBy(() -> CX.deserialize(new DataInputDeserializer(new byte[] {0, 0, 9})))
                .isInstanceOf(IOException.class).hasMessageContaining("event type code 9");
    }

    // ---- copy ----

    @Test
    void copyReturnsTheImmutableRecord() throws Exception {
        assertThat(CX.isImmutableType()).isTrue();
        assertThat(ENRICHED.isImmutableType()).isTrue();
        for (CxEvent e : events()) {
            assertThat(CX.copy(e)).isSameAs(e);
            assertThat(CX.copy(e, minimal())).isSameAs(e);
        }
        for (EnrichedEvent e : enrichedEvents()) {
            assertThat(ENRICHED.copy(e)).isSameAs(e);
            assertThat(ENRICHED.copy(e, minimalEnriched())).isSameAs(e);
        }
    }

    @Test
    void copiesSerializedBytes() throws Exception {
        assertCopiesSerializedBytes(ENRICHED, enrichedEvents());
    }

    // ---- Flink uses them ----

    @Test
    void flinksTypeExtractionYieldsTheHandWrittenSerializerForEnrichedEvent() {
        assertThat(TypeInformation.of(EnrichedEvent.class)).isEqualTo(ENRICHED_EVENT);
        assertThat(TypeInformation.of(EnrichedEvent.class).createSerializer(new SerializerConfigImpl()))
                .isSameAs(ENRICHED);
        assertThat(CX_EVENT.createSerializer(new SerializerConfigImpl())).isSameAs(CX);
        assertThat(SplitUnattributedMentions.UNATTRIBUTED.getTypeInfo()).isEqualTo(ENRICHED_EVENT);
        // as a field of other types too: the mentions waiting in state, the updates behind the scoring
        assertThat(TypeInformation.of(WaitingMention.class)).isInstanceOfSatisfying(PojoTypeInfo.class,
                p -> assertThat(p.getTypeAt("mention")).isEqualTo(ENRICHED_EVENT));
        assertThat(TypeInformation.of(CustomerUpdate.class)).isInstanceOfSatisfying(PojoTypeInfo.class,
                p -> assertThat(p.getTypeAt("event")).isEqualTo(ENRICHED_EVENT));
        assertThat(new EventSerializers.CxEventTypeInfoFactory().createTypeInfo(CxEvent.class, Map.of()))
                .isSameAs(CX_EVENT);
    }

    @Test
    void typeInformationBasics() {
        assertThat(ENRICHED_EVENT.isBasicType()).isFalse();
        assertThat(ENRICHED_EVENT.isTupleType()).isFalse();
        assertThat(ENRICHED_EVENT.isKeyType()).isFalse();
        assertThat(ENRICHED_EVENT.getArity()).isEqualTo(1);
        assertThat(ENRICHED_EVENT.getTotalFields()).isEqualTo(1);
        assertThat(ENRICHED_EVENT.getTypeClass()).isEqualTo(EnrichedEvent.class);
        assertThat(CX_EVENT.getTypeClass()).isEqualTo(CxEvent.class);
        assertThat(ENRICHED_EVENT).isNotEqualTo(CX_EVENT).hasSameHashCodeAs(TypeInformation.of(EnrichedEvent.class));
        assertThat(ENRICHED_EVENT.canEqual(CX_EVENT)).isTrue();
        assertThat(ENRICHED_EVENT.canEqual(Types.STRING)).isFalse();
        assertThat(ENRICHED_EVENT).hasToString("EnrichedEvent<EnrichedEventSerializer>");
    }

    /** The front of the job's topology with {@code .returns(CX_EVENT)} where CxEvent is emitted: all types line up. */
    @Test
    void theJobsFunctionsAcceptTheTypeInformation() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Ingested> records = env.fromData(List.of(Ingested.event(complaint())),
                TypeInformation.of(Ingested.class));
        SingleOutputStreamOperator<CxEvent> events = records.process(new RouteIngested()).returns(CX_EVENT);
        SingleOutputStreamOperator<CxEvent> deduped = events.keyBy(CxEvent::eventId)
                .process(new DedupeByEventId(Duration.ofHours(1))).returns(CX_EVENT);
        SingleOutputStreamOperator<EnrichedEvent> enriched = deduped.process(new FlagLateEvents())
                .map(new EnrichText(null, null)).process(new SplitUnattributedMentions());
        assertThat(events.getType()).isSameAs(CX_EVENT);
        assertThat(deduped.getType()).isSameAs(CX_EVENT);
        assertThat(enriched.getType()).isEqualTo(ENRICHED_EVENT);
        assertThat(enriched.getSideOutput(SplitUnattributedMentions.UNATTRIBUTED).getType()).isEqualTo(ENRICHED_EVENT);
        assertThat(enriched.map(EnrichedEvent::withoutText).getType()).isEqualTo(ENRICHED_EVENT);
    }

    /** Through real network shuffles (records larger than a network buffer too) in a local job. */
    @Test
    void aLocalJobShufflesBothRecords() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<EnrichedEvent> out = env.fromData(events(), CX_EVENT)
                .keyBy(e -> String.valueOf(e.eventId()))
                .map(new Enrich())
                .keyBy(e -> String.valueOf(e.event().customerId()))
                .map(new Identity())
                .executeAndCollect(events().size());
        assertThat(out).containsExactlyInAnyOrderElementsOf(events().stream().map(EventSerializersTest::enriched)
                .toList());
    }

    private static final class Enrich implements MapFunction<CxEvent, EnrichedEvent> {
        @Override
        public EnrichedEvent map(CxEvent e) {
            return enriched(e);
        }
    }

    private static final class Identity implements MapFunction<EnrichedEvent, EnrichedEvent> {
        @Override
        public EnrichedEvent map(EnrichedEvent e) {
            return e;
        }
    }

    // ---- size and format ----

    @Test
    void printsTheSizesAgainstFlinksPojoSerializer() throws Exception {
        TypeSerializer<CxEvent> pojoCx = pojoOf(CxEvent.class).createSerializer(new SerializerConfigImpl());
        TypeSerializer<EnrichedEvent> pojoEnriched =
                pojoOf(EnrichedEvent.class).createSerializer(new SerializerConfigImpl());
        assertThat(pojoCx).isInstanceOf(PojoSerializer.class);
        CxEvent c = complaint();
        EnrichedEvent e = enriched(c);
        System.out.printf("Typical complaint (text %d chars, payload %d chars) serialised: CxEvent %d bytes"
                        + " (PojoSerializer %d), EnrichedEvent %d bytes (PojoSerializer %d), EnrichedEvent without"
                        + " text %d bytes (PojoSerializer %d)%n", c.text().length(), c.payload().length(),
                bytes(CX, c).length, bytes(pojoCx, c).length, bytes(ENRICHED, e).length, bytes(pojoEnriched, e).length,
                bytes(ENRICHED, e.withoutText()).length, bytes(pojoEnriched, e.withoutText()).length);
    }

    @Test
    void theFormatOnlyChangesWithTheVersion() throws Exception {
        assertThat(CxEventSerializer.CURRENT_VERSION + ":" + fingerprint(CX, populated()) + ", "
                + EnrichedEventSerializer.CURRENT_VERSION + ":" + fingerprint(ENRICHED, populatedEnriched()))
                .as("The bytes of CxEvent or EnrichedEvent changed: EnrichedEvent in checkpoints and savepoints (the"
                        + " mentions waiting in ResolveMentionAuthors) would no longer be read. Bump CURRENT_VERSION"
                        + " (both, for a change of CxEvent), keep a reader of the old format (see EventSerializers),"
                        + " then update this expectation.")
                .isEqualTo("1:188:37edeaaf, 1:233:34e058ec");
    }

    // ---- snapshots and migration ----

    @Test
    void snapshotsRestoreTheSameSerializer() throws Exception {
        assertSnapshotRoundTrip(CX, CxEventSerializer.CxEventSerializerSnapshot.class,
                CxEventSerializer.CURRENT_VERSION);
        assertSnapshotRoundTrip(ENRICHED, EnrichedEventSerializer.EnrichedEventSerializerSnapshot.class,
                EnrichedEventSerializer.CURRENT_VERSION);
    }

    @Test
    void eventsWrittenByThePojoSerializerAreMigrated() throws Exception {
        TypeSerializer<EnrichedEvent> pojo = pojoOf(EnrichedEvent.class).createSerializer(new SerializerConfigImpl());
        assertMigratesFromPojo(ENRICHED, pojo, enrichedEvents(), Function.identity());
    }

    @Test
    void refusesOtherSerializersAndUnknownVersions() {
        assertRefusesKryoAndUnknownVersions(ENRICHED, EnrichedEvent.class,
                new EnrichedEventSerializer.EnrichedEventSerializerSnapshot(), EnrichedEventSerializer.CURRENT_VERSION);
    }

    /** {@link #pojoOf} builds what Flink's type extraction built for these records before the factory. */
    @Test
    void theOldTypeInformationIsFlinksOwn() throws Exception {
        assumeThat(TypeInformation.of(CxEvent.class)).isInstanceOf(PojoTypeInfo.class); // no factory registered
        assertThat(pojoOf(CxEvent.class)).isEqualTo(TypeInformation.of(CxEvent.class));
        assertThat(pojoOf(SourceRef.class)).isEqualTo(TypeInformation.of(SourceRef.class));
    }

    /**
     * End to end through Flink: a checkpoint of the previous job version, whose waiting mentions were stored with
     * Flink's {@code PojoSerializer} for {@link WaitingMention} holding a {@code PojoSerializer} for
     * {@link EnrichedEvent}, restores into {@link ResolveMentionAuthors}, whose {@link WaitingMention} now holds
     * {@link EnrichedEventSerializer}: Flink migrates the nested field, and the next checkpoint restores as is.
     */
    @Test
    void resolveMentionAuthorsRestoresMentionsStoredByThePojoSerializer() throws Exception {
        EnrichedEvent lily = mention("@Lily", "evt-lily");
        EnrichedEvent later = mention("@later", "evt-later");
        EnrichedEvent stranger = mention("@stranger", "evt-stranger");
        for (StateBackend backend : List.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend())) {
            OperatorSubtaskState old;
            try (var h = harness(new PreviousResolveMentionAuthors(), backend)) {
                h.open();
                for (EnrichedEvent e : List.of(lily, later, stranger)) {
                    h.processElement1(new StreamRecord<>(e, e.event().eventTimeMs()));
                }
                assertThat(h.extractOutputValues()).isEmpty();
                old = h.snapshot(1L, 2L);
            }
            OperatorSubtaskState migrated;
            try (var h = harness(resolveMentionAuthors(), backend)) {
                h.initializeState(old);
                h.open();
                h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(HandleClaim.key("weibo", "lily"), "c1", T)), T));
                assertThat(h.extractOutputValues()).as(backend.getName()).containsExactly(lily.resolvedTo("c1"));
                migrated = h.snapshot(2L, 3L);
            }
            try (var h = harness(resolveMentionAuthors(), backend)) {
                h.initializeState(migrated);
                h.open();
                h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(HandleClaim.key("weibo", "later"), "c2", T)), T));
                h.processBothWatermarks(new Watermark(T + Duration.ofHours(1).toMillis()));
                assertThat(h.extractOutputValues()).as(backend.getName())
                        .containsExactly(later.resolvedTo("c2"), stranger);
            }
        }
    }

    private static EnrichedEvent mention(String handle, String id) {
        String text = "又被扣了两次款 😤 " + handle + " customer service never answers";
        CxEvent e = new CxEvent(id, EventType.SOCIAL_MENTION, "mention", null, T, "weibo", null, null, text, null, null,
                null, null, null, null, "https://weibo.com/p/" + id, "weibo", handle, 12_000L, 40L, 7L,
                new SourceRef("cx.social-mentions", 1, 77L, T), "{\"text\":\"" + text + "\"}");
        return new EnrichedEvent(e, false, -0.7f, 0.8f, "zh", "v1", null, null, null, null);
    }

    private static ResolveMentionAuthors resolveMentionAuthors() {
        return new ResolveMentionAuthors(Duration.ofMinutes(10), Duration.ofDays(30));
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, EnrichedEvent, HandleChange, EnrichedEvent> harness(
            KeyedCoProcessFunction<String, EnrichedEvent, HandleChange, EnrichedEvent> function, StateBackend backend)
            throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(function),
                SplitUnattributedMentions::handleKeyOf, HandleChange::handleKey, Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    /** The state of ResolveMentionAuthors as the previous job version declared it, and its way of adding a mention. */
    private static final class PreviousResolveMentionAuthors
            extends KeyedCoProcessFunction<String, EnrichedEvent, HandleChange, EnrichedEvent> {

        private static final long MAX_WAIT_MS = Duration.ofMinutes(10).toMillis();
        private transient ListState<WaitingMention> waiting;

        @Override
        public void open(OpenContext openContext) throws Exception {
            ValueStateDescriptor<HandleClaim> owner =
                    new ValueStateDescriptor<>("owner", TypeInformation.of(HandleClaim.class));
            owner.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(30))
                    .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build());
            getRuntimeContext().getState(owner);
            waiting = getRuntimeContext().getListState(
                    new ListStateDescriptor<>("waiting", pojoOf(WaitingMention.class)));
        }

        @Override
        public void processElement1(EnrichedEvent mention, Context ctx, Collector<EnrichedEvent> out) throws Exception {
            long now = ctx.timerService().currentProcessingTime();
            waiting.add(new WaitingMention(mention, now));
            ctx.timerService().registerEventTimeTimer(mention.event().eventTimeMs() + MAX_WAIT_MS);
            ctx.timerService().registerProcessingTimeTimer(now + MAX_WAIT_MS);
        }

        @Override
        public void processElement2(HandleChange change, Context ctx, Collector<EnrichedEvent> out) {}
    }

    // ---- Flink's own serializer contract ----

    @Nested
    class CxEventContract extends VariableLengthContract<CxEvent> {

        CxEventContract() {
            super(CxEventSerializer.INSTANCE, CxEvent.class, () -> events().toArray(CxEvent[]::new));
        }
    }

    @Nested
    class EnrichedEventContract extends VariableLengthContract<EnrichedEvent> {

        EnrichedEventContract() {
            super(EnrichedEventSerializer.INSTANCE, EnrichedEvent.class,
                    () -> enrichedEvents().toArray(EnrichedEvent[]::new));
        }
    }

    // ---- helpers ----

    /** The component names of a record, in declaration order. */
    static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** {@code base} with one component taken from {@code source}. */
    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R base, R source, String component) throws Exception {
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            args[i] = c.getAccessor().invoke(c.getName().equals(component) ? source : base);
        }
        Constructor<?> constructor = base.getClass().getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return (R) constructor.newInstance(args);
    }

    /**
     * The type information Flink's type extraction builds for a record without a factory: a POJO of its components,
     * nested records as POJOs (so for {@link EnrichedEvent} and {@link WaitingMention}: what the previous job version
     * had, before {@code @TypeInfo}).
     */
    @SuppressWarnings("unchecked")
    static <T> TypeInformation<T> pojoOf(Class<T> type) throws NoSuchFieldException {
        List<PojoField> fields = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            fields.add(new PojoField(type.getDeclaredField(c.getName()),
                    t.isRecord() ? pojoOf(t) : TypeInformation.of(t)));
        }
        fields.sort(Comparator.comparing(f -> f.getField().getName()));
        return new PojoTypeInfo<>(type, fields);
    }
}

package io.cxpulse.enrich;

import static io.cxpulse.config.StateCodec.readDouble;
import static io.cxpulse.config.StateCodec.readFloat;
import static io.cxpulse.config.StateCodec.readInt;
import static io.cxpulse.config.StateCodec.readLong;
import static io.cxpulse.config.StateCodec.readString;
import static io.cxpulse.config.StateCodec.readVarLong;
import static io.cxpulse.config.StateCodec.writeDouble;
import static io.cxpulse.config.StateCodec.writeFloat;
import static io.cxpulse.config.StateCodec.writeInt;
import static io.cxpulse.config.StateCodec.writeLong;
import static io.cxpulse.config.StateCodec.writeString;
import static io.cxpulse.config.StateCodec.writeVarLong;

import io.cxpulse.config.StateFormatSnapshot;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializers written by hand for the events shipped between tasks: {@link CxEvent} (source to dedupe, by
 * event id) and {@link EnrichedEvent} (enrich to scoring by customer, to the mention resolution by handle, to the
 * viral-mention rule by author). Flink's {@code PojoSerializer} spent much of those shuffles on building records
 * reflectively, per-field null flags and {@code StringValue}'s char-by-char string encoding; texts and raw payloads are
 * hundreds of characters.
 *
 * <p>{@link EnrichedEvent} carries {@code @TypeInfo(EnrichedEventTypeInfoFactory.class)}: Flink's type extraction
 * picks {@link #ENRICHED_EVENT} wherever it meets the type, also as a field of another type (e.g.
 * {@code WaitingMention}, {@code CustomerUpdate}). {@link CxEvent} lives in the schemas module, which has no Flink:
 * operators that emit it declare {@code .returns(EventSerializers.CX_EVENT)}, or {@link CxEventTypeInfoFactory} is
 * registered for it ({@code pipeline.serialization-config}).
 *
 * <p>Both records are immutable, so {@code copy} returns its argument (no deep copy between chained operators).
 * Strings travel as UTF-8: a malformed UTF-16 string (half a surrogate pair, which only a JSON unicode escape can
 * produce) arrives with {@code ?} in its place, as it reaches the events table anyway.
 *
 * <p><b>Formats</b> (version 1; the encodings of {@link io.cxpulse.config.StateCodec}: strings as varint of
 * (UTF-8 length + 1), 0 for null, then the bytes; {@code long}/{@code int} as zig-zag varints; floats and doubles as
 * their raw IEEE bytes):
 * <ul>
 *   <li>{@link CxEvent}: a varint bit mask of its non-null non-string fields ({@link CxEventSerializer#SOURCE} …
 *       {@link CxEventSerializer#SHARES}), then every field in {@link CxEventSerializer#FIELDS} order: strings always,
 *       {@code type} as one byte (0 null, else its code, see {@link CxEventSerializer#typeCode}), {@code eventTimeMs}
 *       always, a boxed number or the {@link SourceRef} (topic, partition, offset, Kafka timestamp) only when its bit
 *       is set;</li>
 *   <li>{@link EnrichedEvent}: one flags byte ({@code late}, and which of {@code event}, {@code sentiment},
 *       {@code sentimentConfidence} are present), the event as above, the present floats, then the strings in
 *       {@link EnrichedEventSerializer#FIELDS} order.</li>
 * </ul>
 * The bytes reach state too (an {@link EnrichedEvent} waits in {@code ResolveMentionAuthors}' list state), so they are
 * versioned like the state serializers: the version is in the serializer snapshot, which Flink stores with every
 * checkpoint and savepoint. <b>Changing {@link CxEvent}, {@link SourceRef} or {@link EnrichedEvent}</b> changes the
 * format: bump the {@code CURRENT_VERSION} of the serializer concerned (an {@link EnrichedEvent} contains a
 * {@link CxEvent}: a change of {@link CxEvent} bumps both), keep a reader of the old format and return it from the
 * snapshot's {@code restoreSerializer()} for the old version (see {@code CustomerStateSerializer}), then update
 * {@code FIELDS}, {@code serialize} and {@code deserialize}. {@code EventSerializersTest} fails when the records'
 * components and {@code FIELDS} differ and when the bytes of its fixed events change. A new {@link EventType} does not
 * compile here until it has a code. State written by the previous job version with Flink's {@code PojoSerializer} is
 * migrated by Flink on restore ({@link StateFormatSnapshot}).
 */
public final class EventSerializers {

    /** {@link CxEvent} with {@link CxEventSerializer}: for {@code .returns(...)} on the operators that emit events. */
    public static final TypeInformation<CxEvent> CX_EVENT =
            new EventTypeInfo<>(CxEvent.class, CxEventSerializer.INSTANCE);

    /** {@link EnrichedEvent} with {@link EnrichedEventSerializer}; what Flink's type extraction yields for it. */
    public static final TypeInformation<EnrichedEvent> ENRICHED_EVENT =
            new EventTypeInfo<>(EnrichedEvent.class, EnrichedEventSerializer.INSTANCE);

    private EventSerializers() {}

    // ---- CxEvent ----

    /** Serializes {@link CxEvent} field by field (see the class comment); stateless, one shared instance. */
    public static final class CxEventSerializer extends TypeSerializerSingleton<CxEvent> {

        private static final long serialVersionUID = 1L;

        /** The format written now; also the version of this serializer's snapshot. */
        public static final int CURRENT_VERSION = 1;

        public static final CxEventSerializer INSTANCE = new CxEventSerializer();

        /** The components of {@link CxEvent} in the order they are written (checked by the test). */
        public static final List<String> FIELDS = List.of(
                "eventId", "type", "kind", "customerId", "eventTimeMs", "channel", "category", "caseId", "text",
                "severity", "durationMs", "waitMs", "handleMs", "score", "department", "page", "platform",
                "authorHandle", "followers", "likes", "shares", "source", "payload");

        /** The components of {@link SourceRef} in the order they are written (checked by the test). */
        public static final List<String> SOURCE_FIELDS = List.of("topic", "partition", "offset", "kafkaTimestampMs");

        // the bits of the mask of present non-string fields; the commonest low, so that the mask is mostly one byte
        static final int SOURCE = 1;
        static final int SEVERITY = 1 << 1;
        static final int DURATION_MS = 1 << 2;
        static final int WAIT_MS = 1 << 3;
        static final int HANDLE_MS = 1 << 4;
        static final int SCORE = 1 << 5;
        static final int FOLLOWERS = 1 << 6;
        static final int LIKES = 1 << 7;
        static final int SHARES = 1 << 8;
        private static final int ALL = (SHARES << 1) - 1;

        /** The event types by their code; 0 is null. Codes are stored: append new types, never reorder. */
        private static final EventType[] TYPES =
                {null, EventType.CLICK, EventType.COMPLAINT, EventType.SOCIAL_MENTION, EventType.SERVICE_EVENT};

        private static final CxEvent EMPTY = new CxEvent(null, null, null, null, 0L, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);

        private CxEventSerializer() {}

        /** The stored code of an event type (its index in {@link #TYPES}), independent of the enum's order. */
        static int typeCode(EventType type) {
            if (type == null) {
                return 0;
            }
            return switch (type) { // no default: a new EventType does not compile until it has a code
                case CLICK -> 1;
                case COMPLAINT -> 2;
                case SOCIAL_MENTION -> 3;
                case SERVICE_EVENT -> 4;
            };
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public CxEvent createInstance() {
            return EMPTY;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public CxEvent copy(CxEvent from) {
            return from;
        }

        @Override
        public CxEvent copy(CxEvent from, CxEvent reuse) {
            return from;
        }

        private static int present(CxEvent e) {
            return (e.source() != null ? SOURCE : 0)
                    | (e.severity() != null ? SEVERITY : 0)
                    | (e.durationMs() != null ? DURATION_MS : 0)
                    | (e.waitMs() != null ? WAIT_MS : 0)
                    | (e.handleMs() != null ? HANDLE_MS : 0)
                    | (e.score() != null ? SCORE : 0)
                    | (e.followers() != null ? FOLLOWERS : 0)
                    | (e.likes() != null ? LIKES : 0)
                    | (e.shares() != null ? SHARES : 0);
        }

        @Override
        public void serialize(CxEvent e, DataOutputView out) throws IOException {
            int present = present(e);
            writeVarLong(out, present);
            writeString(out, e.eventId());
            out.writeByte(typeCode(e.type()));
            writeString(out, e.kind());
            writeString(out, e.customerId());
            writeLong(out, e.eventTimeMs());
            writeString(out, e.channel());
            writeString(out, e.category());
            writeString(out, e.caseId());
            writeString(out, e.text());
            if ((present & SEVERITY) != 0) {
                writeInt(out, e.severity());
            }
            writeNullable(out, present, DURATION_MS, e.durationMs());
            writeNullable(out, present, WAIT_MS, e.waitMs());
            writeNullable(out, present, HANDLE_MS, e.handleMs());
            if ((present & SCORE) != 0) {
                writeDouble(out, e.score());
            }
            writeString(out, e.department());
            writeString(out, e.page());
            writeString(out, e.platform());
            writeString(out, e.authorHandle());
            writeNullable(out, present, FOLLOWERS, e.followers());
            writeNullable(out, present, LIKES, e.likes());
            writeNullable(out, present, SHARES, e.shares());
            if ((present & SOURCE) != 0) {
                SourceRef s = e.source();
                writeString(out, s.topic());
                writeInt(out, s.partition());
                writeLong(out, s.offset());
                writeLong(out, s.kafkaTimestampMs());
            }
            writeString(out, e.payload());
        }

        @Override
        public CxEvent deserialize(DataInputView in) throws IOException {
            long mask = readVarLong(in);
            if ((mask & ~ALL) != 0) {
                throw new IOException("Malformed CxEvent: field mask " + Long.toBinaryString(mask));
            }
            int present = (int) mask;
            String eventId = readString(in);
            int code = in.readUnsignedByte();
            if (code >= TYPES.length) {
                throw new IOException("Malformed CxEvent: event type code " + code);
            }
            String kind = readString(in);
            String customerId = readString(in);
            long eventTimeMs = readLong(in);
            String channel = readString(in);
            String category = readString(in);
            String caseId = readString(in);
            String text = readString(in);
            Integer severity = (present & SEVERITY) != 0 ? readInt(in) : null;
            Long durationMs = readNullable(in, present, DURATION_MS);
            Long waitMs = readNullable(in, present, WAIT_MS);
            Long handleMs = readNullable(in, present, HANDLE_MS);
            Double score = (present & SCORE) != 0 ? readDouble(in) : null;
            String department = readString(in);
            String page = readString(in);
            String platform = readString(in);
            String authorHandle = readString(in);
            Long followers = readNullable(in, present, FOLLOWERS);
            Long likes = readNullable(in, present, LIKES);
            Long shares = readNullable(in, present, SHARES);
            SourceRef source = (present & SOURCE) != 0
                    ? new SourceRef(readString(in), readInt(in), readLong(in), readLong(in)) // arguments in order
                    : null;
            String payload = readString(in);
            return new CxEvent(eventId, TYPES[code], kind, customerId, eventTimeMs, channel, category, caseId, text,
                    severity, durationMs, waitMs, handleMs, score, department, page, platform, authorHandle, followers,
                    likes, shares, source, payload);
        }

        @Override
        public CxEvent deserialize(CxEvent reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            serialize(deserialize(source), target);
        }

        @Override
        public TypeSerializerSnapshot<CxEvent> snapshotConfiguration() {
            return new CxEventSerializerSnapshot();
        }

        private Object readResolve() {
            return INSTANCE;
        }

        private static void writeNullable(DataOutputView out, int present, int bit, Long value) throws IOException {
            if ((present & bit) != 0) {
                writeLong(out, value);
            }
        }

        private static Long readNullable(DataInputView in, int present, int bit) throws IOException {
            return (present & bit) != 0 ? readLong(in) : null;
        }

        /** This serializer's snapshot ({@link StateFormatSnapshot}); Flink finds it by name: do not rename or move. */
        public static final class CxEventSerializerSnapshot extends StateFormatSnapshot<CxEvent> {

            /** Instantiated by Flink (reflectively) when reading a snapshot. */
            public CxEventSerializerSnapshot() {
                super("CxEvent", CURRENT_VERSION, () -> INSTANCE);
            }
        }
    }

    // ---- EnrichedEvent ----

    /** Serializes {@link EnrichedEvent}, its event with {@link CxEventSerializer}; stateless, one shared instance. */
    public static final class EnrichedEventSerializer extends TypeSerializerSingleton<EnrichedEvent> {

        private static final long serialVersionUID = 1L;

        /** The format written now (it includes {@link CxEventSerializer#CURRENT_VERSION}'s); the snapshot's version. */
        public static final int CURRENT_VERSION = 1;

        public static final EnrichedEventSerializer INSTANCE = new EnrichedEventSerializer();

        /** The components of {@link EnrichedEvent} in the order they are written (checked by the test). */
        public static final List<String> FIELDS = List.of(
                "event", "late", "sentiment", "sentimentConfidence", "language", "modelVersion", "category",
                "categorySource", "department", "customerSource");

        // the bits of the flags byte
        static final int LATE = 1;
        static final int EVENT = 1 << 1;
        static final int SENTIMENT = 1 << 2;
        static final int SENTIMENT_CONFIDENCE = 1 << 3;
        private static final int ALL = (SENTIMENT_CONFIDENCE << 1) - 1;

        private static final EnrichedEvent EMPTY =
                new EnrichedEvent(CxEventSerializer.EMPTY, false, null, null, null, null, null, null, null, null);

        private EnrichedEventSerializer() {}

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public EnrichedEvent createInstance() {
            return EMPTY;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public EnrichedEvent copy(EnrichedEvent from) {
            return from;
        }

        @Override
        public EnrichedEvent copy(EnrichedEvent from, EnrichedEvent reuse) {
            return from;
        }

        @Override
        public void serialize(EnrichedEvent e, DataOutputView out) throws IOException {
            out.writeByte((e.late() ? LATE : 0)
                    | (e.event() != null ? EVENT : 0)
                    | (e.sentiment() != null ? SENTIMENT : 0)
                    | (e.sentimentConfidence() != null ? SENTIMENT_CONFIDENCE : 0));
            if (e.event() != null) {
                CxEventSerializer.INSTANCE.serialize(e.event(), out);
            }
            if (e.sentiment() != null) {
                writeFloat(out, e.sentiment());
            }
            if (e.sentimentConfidence() != null) {
                writeFloat(out, e.sentimentConfidence());
            }
            writeString(out, e.language());
            writeString(out, e.modelVersion());
            writeString(out, e.category());
            writeString(out, e.categorySource());
            writeString(out, e.department());
            writeString(out, e.customerSource());
        }

        @Override
        public EnrichedEvent deserialize(DataInputView in) throws IOException {
            int flags = in.readUnsignedByte();
            if ((flags & ~ALL) != 0) {
                throw new IOException("Malformed EnrichedEvent: flags " + Integer.toBinaryString(flags));
            }
            CxEvent event = (flags & EVENT) != 0 ? CxEventSerializer.INSTANCE.deserialize(in) : null;
            Float sentiment = (flags & SENTIMENT) != 0 ? readFloat(in) : null;
            Float sentimentConfidence = (flags & SENTIMENT_CONFIDENCE) != 0 ? readFloat(in) : null;
            String language = readString(in);
            String modelVersion = readString(in);
            String category = readString(in);
            String categorySource = readString(in);
            String department = readString(in);
            String customerSource = readString(in);
            return new EnrichedEvent(event, (flags & LATE) != 0, sentiment, sentimentConfidence, language,
                    modelVersion, category, categorySource, department, customerSource);
        }

        @Override
        public EnrichedEvent deserialize(EnrichedEvent reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            serialize(deserialize(source), target);
        }

        @Override
        public TypeSerializerSnapshot<EnrichedEvent> snapshotConfiguration() {
            return new EnrichedEventSerializerSnapshot();
        }

        private Object readResolve() {
            return INSTANCE;
        }

        /** This serializer's snapshot ({@link StateFormatSnapshot}); Flink finds it by name: do not rename or move. */
        public static final class EnrichedEventSerializerSnapshot extends StateFormatSnapshot<EnrichedEvent> {

            /** Instantiated by Flink (reflectively) when reading a snapshot. */
            public EnrichedEventSerializerSnapshot() {
                super("EnrichedEvent", CURRENT_VERSION, () -> INSTANCE);
            }
        }
    }

    // ---- type information ----

    /** The type information of an event record with its hand-written serializer: an opaque, non-key type. */
    public static final class EventTypeInfo<T> extends TypeInformation<T> {

        private static final long serialVersionUID = 1L;

        private final Class<T> typeClass;
        private final TypeSerializer<T> serializer;

        EventTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer) {
            this.typeClass = typeClass;
            this.serializer = serializer;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return typeClass;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return typeClass.getSimpleName() + "<" + serializer.getClass().getSimpleName() + ">";
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof EventTypeInfo<?> other && other.canEqual(this) && typeClass == other.typeClass
                    && serializer.equals(other.serializer);
        }

        @Override
        public int hashCode() {
            return typeClass.hashCode();
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof EventTypeInfo;
        }
    }

    /** Named by {@code @TypeInfo} on {@link EnrichedEvent}: Flink's type extraction yields {@link #ENRICHED_EVENT}. */
    public static final class EnrichedEventTypeInfoFactory extends TypeInfoFactory<EnrichedEvent> {

        @Override
        public TypeInformation<EnrichedEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParams) {
            return ENRICHED_EVENT;
        }
    }

    /**
     * {@link #CX_EVENT} for Flink's type extraction, for {@link CxEvent} can carry no {@code @TypeInfo} (the schemas
     * module has no Flink). Registered in the configuration the job's environment is built from, it applies wherever
     * Flink meets the type, also inside other records ({@code Ingested}, {@code AcceptedEvent}), without
     * {@code .returns(...)}: {@code pipeline.serialization-config} = {@code ["io.cxpulse.model.CxEvent: {type:
     * typeinfo, class: io.cxpulse.enrich.EventSerializers$CxEventTypeInfoFactory}"]}.
     */
    public static final class CxEventTypeInfoFactory extends TypeInfoFactory<CxEvent> {

        @Override
        public TypeInformation<CxEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParams) {
            return CX_EVENT;
        }
    }
}

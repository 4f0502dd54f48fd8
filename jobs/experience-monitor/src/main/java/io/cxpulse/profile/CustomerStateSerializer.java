package io.cxpulse.profile;

import static io.cxpulse.config.StateCodec.readLong;
import static io.cxpulse.config.StateCodec.readLongs;
import static io.cxpulse.config.StateCodec.readString;
import static io.cxpulse.config.StateCodec.readStrings;
import static io.cxpulse.config.StateCodec.readVarLong;
import static io.cxpulse.config.StateCodec.writeLong;
import static io.cxpulse.config.StateCodec.writeLongs;
import static io.cxpulse.config.StateCodec.writeString;
import static io.cxpulse.config.StateCodec.writeStrings;
import static io.cxpulse.config.StateCodec.writeVarLong;

import io.cxpulse.config.StateFormatSnapshot;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Stores {@link CustomerState} in keyed state field by field, without reflection: Flink's {@code PojoSerializer} (used
 * until now through {@code TypeInformation.of(CustomerState.class)}) spent a large share of the scoring thread on
 * reflective field access, per-field null flags and its string encoding.
 *
 * <p>Format version 1, every field in {@link #FIELDS} order (the declaration order of {@link CustomerState}), with
 * the encodings of {@link io.cxpulse.config.StateCodec}:
 * <ul>
 *   <li>first, a varint bit mask of the {@code double} fields that are not {@code +0.0} (bit i = the i-th double
 *       field); only those are written, as 8-byte IEEE values (bit-exact, so {@code -0.0} and NaN survive). Decayed
 *       counters are 0 for most customers, so this saves most of their bytes;</li>
 *   <li>{@code boolean}: one byte;</li>
 *   <li>{@code long}: zig-zag varint (0, "never", is one byte; an epoch-millisecond time six);</li>
 *   <li>{@code String}: varint of (UTF-8 byte length + 1), then the bytes; 0 is null;</li>
 *   <li>{@code String[]}, {@code long[]}: varint of (length + 1), 0 is null, then the elements as above.</li>
 * </ul>
 * The format carries no version byte: the version is in the state's serializer snapshot
 * ({@link CustomerStateSerializerSnapshot}), which Flink stores with every checkpoint and savepoint.
 *
 * <p><b>Changing {@link CustomerState}</b> (adding, removing, retyping or reordering a field) changes the format:
 * <ol>
 *   <li>bump {@link #CURRENT_VERSION};</li>
 *   <li>keep a reader of the previous format (e.g. move the old {@code deserialize} into a small
 *       {@code CustomerStateSerializerV1} that only reads) and return it from
 *       {@link CustomerStateSerializerSnapshot#restoreSerializer()} for that version, so Flink migrates old state on
 *       restore ({@code compatibleAfterMigration});</li>
 *   <li>update {@link #FIELDS}, {@code serialize}, {@code deserialize} and {@code copy}.</li>
 * </ol>
 * {@code CustomerStateSerializerTest} fails when the fields of {@link CustomerState} and {@link #FIELDS} differ, and
 * when the bytes of its fixed state change without a version bump.
 *
 * <p>State written by the previous job version with Flink's {@code PojoSerializer} is migrated by Flink on restore
 * (see {@link CustomerStateSerializerSnapshot#resolveSchemaCompatibility}). Nulls are not supported for the state
 * itself (a {@code ValueState} stores no null: {@code update(null)} clears it).
 *
 * <p>Stateless, hence one shared instance ({@link #INSTANCE}); thread-safe.
 */
public final class CustomerStateSerializer extends TypeSerializerSingleton<CustomerState> {

    private static final long serialVersionUID = 1L;

    /** The format written now; also the version of this serializer's snapshot. */
    public static final int CURRENT_VERSION = 1;

    public static final CustomerStateSerializer INSTANCE = new CustomerStateSerializer();

    /**
     * Every field of {@link CustomerState} this serializer stores, in the order it stores them. Must name exactly the
     * public instance fields of {@link CustomerState} (checked by {@code CustomerStateSerializerTest}).
     */
    public static final List<String> FIELDS = List.of(
            "hasProfile", "profileUpdatedMs", "tier", "region", "accountManager", "accountManagerEmail", "name",
            "firstSeenMs", "lastActivityMs", "decayedToMs",
            "sentimentShortSum", "sentimentShortWeight", "sentimentLongSum", "sentimentLongWeight",
            "openComplaintIds", "openComplaintSinceMs", "complaintsOpened", "complaintsRecent", "escalations",
            "reopened", "repeatContacts", "quickResolutions", "resolvedCount", "resolutionHoursTotal",
            "waitHours", "missedContacts", "slaBreaches", "deliveryLate",
            "visitsShort", "visitsLong",
            "cancelIntent", "downgrades",
            "surveySum", "surveyWeight", "lastNps",
            "socialEnergy", "negativeReachFollowers", "negativeReachAtMs",
            "status", "statusSinceMs",
            "publishedScores", "lastPublishedRisk", "lastPublishedSentiment", "pendingTimerMs");

    private CustomerStateSerializer() {}

    /** The keyed state of one customer, stored with this serializer. */
    public static ValueStateDescriptor<CustomerState> descriptor(String name) {
        return new ValueStateDescriptor<>(name, INSTANCE);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public CustomerState createInstance() {
        return new CustomerState();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public CustomerState copy(CustomerState from) {
        return copy(from, new CustomerState());
    }

    @Override
    public CustomerState copy(CustomerState from, CustomerState to) {
        to.hasProfile = from.hasProfile;
        to.profileUpdatedMs = from.profileUpdatedMs;
        to.tier = from.tier;
        to.region = from.region;
        to.accountManager = from.accountManager;
        to.accountManagerEmail = from.accountManagerEmail;
        to.name = from.name;
        to.firstSeenMs = from.firstSeenMs;
        to.lastActivityMs = from.lastActivityMs;
        to.decayedToMs = from.decayedToMs;
        to.sentimentShortSum = from.sentimentShortSum;
        to.sentimentShortWeight = from.sentimentShortWeight;
        to.sentimentLongSum = from.sentimentLongSum;
        to.sentimentLongWeight = from.sentimentLongWeight;
        to.openComplaintIds = from.openComplaintIds == null ? null : from.openComplaintIds.clone();
        to.openComplaintSinceMs = from.openComplaintSinceMs == null ? null : from.openComplaintSinceMs.clone();
        to.complaintsOpened = from.complaintsOpened;
        to.complaintsRecent = from.complaintsRecent;
        to.escalations = from.escalations;
        to.reopened = from.reopened;
        to.repeatContacts = from.repeatContacts;
        to.quickResolutions = from.quickResolutions;
        to.resolvedCount = from.resolvedCount;
        to.resolutionHoursTotal = from.resolutionHoursTotal;
        to.waitHours = from.waitHours;
        to.missedContacts = from.missedContacts;
        to.slaBreaches = from.slaBreaches;
        to.deliveryLate = from.deliveryLate;
        to.visitsShort = from.visitsShort;
        to.visitsLong = from.visitsLong;
        to.cancelIntent = from.cancelIntent;
        to.downgrades = from.downgrades;
        to.surveySum = from.surveySum;
        to.surveyWeight = from.surveyWeight;
        to.lastNps = from.lastNps;
        to.socialEnergy = from.socialEnergy;
        to.negativeReachFollowers = from.negativeReachFollowers;
        to.negativeReachAtMs = from.negativeReachAtMs;
        to.status = from.status;
        to.statusSinceMs = from.statusSinceMs;
        to.publishedScores = from.publishedScores;
        to.lastPublishedRisk = from.lastPublishedRisk;
        to.lastPublishedSentiment = from.lastPublishedSentiment;
        to.pendingTimerMs = from.pendingTimerMs;
        return to;
    }

    // the double fields by their bit in the mask, in field order
    private static final int SENTIMENT_SHORT_SUM = 0;
    private static final int SENTIMENT_SHORT_WEIGHT = 1;
    private static final int SENTIMENT_LONG_SUM = 2;
    private static final int SENTIMENT_LONG_WEIGHT = 3;
    private static final int COMPLAINTS_OPENED = 4;
    private static final int COMPLAINTS_RECENT = 5;
    private static final int ESCALATIONS = 6;
    private static final int REOPENED = 7;
    private static final int REPEAT_CONTACTS = 8;
    private static final int QUICK_RESOLUTIONS = 9;
    private static final int RESOLUTION_HOURS_TOTAL = 10;
    private static final int WAIT_HOURS = 11;
    private static final int MISSED_CONTACTS = 12;
    private static final int SLA_BREACHES = 13;
    private static final int DELIVERY_LATE = 14;
    private static final int VISITS_SHORT = 15;
    private static final int VISITS_LONG = 16;
    private static final int CANCEL_INTENT = 17;
    private static final int DOWNGRADES = 18;
    private static final int SURVEY_SUM = 19;
    private static final int SURVEY_WEIGHT = 20;
    private static final int LAST_NPS = 21;
    private static final int SOCIAL_ENERGY = 22;
    private static final int LAST_PUBLISHED_RISK = 23;
    private static final int LAST_PUBLISHED_SENTIMENT = 24;

    private static int nonZeroDoubles(CustomerState s) {
        return bit(SENTIMENT_SHORT_SUM, s.sentimentShortSum)
                | bit(SENTIMENT_SHORT_WEIGHT, s.sentimentShortWeight)
                | bit(SENTIMENT_LONG_SUM, s.sentimentLongSum)
                | bit(SENTIMENT_LONG_WEIGHT, s.sentimentLongWeight)
                | bit(COMPLAINTS_OPENED, s.complaintsOpened)
                | bit(COMPLAINTS_RECENT, s.complaintsRecent)
                | bit(ESCALATIONS, s.escalations)
                | bit(REOPENED, s.reopened)
                | bit(REPEAT_CONTACTS, s.repeatContacts)
                | bit(QUICK_RESOLUTIONS, s.quickResolutions)
                | bit(RESOLUTION_HOURS_TOTAL, s.resolutionHoursTotal)
                | bit(WAIT_HOURS, s.waitHours)
                | bit(MISSED_CONTACTS, s.missedContacts)
                | bit(SLA_BREACHES, s.slaBreaches)
                | bit(DELIVERY_LATE, s.deliveryLate)
                | bit(VISITS_SHORT, s.visitsShort)
                | bit(VISITS_LONG, s.visitsLong)
                | bit(CANCEL_INTENT, s.cancelIntent)
                | bit(DOWNGRADES, s.downgrades)
                | bit(SURVEY_SUM, s.surveySum)
                | bit(SURVEY_WEIGHT, s.surveyWeight)
                | bit(LAST_NPS, s.lastNps)
                | bit(SOCIAL_ENERGY, s.socialEnergy)
                | bit(LAST_PUBLISHED_RISK, s.lastPublishedRisk)
                | bit(LAST_PUBLISHED_SENTIMENT, s.lastPublishedSentiment);
    }

    @Override
    public void serialize(CustomerState s, DataOutputView out) throws IOException {
        int doubles = nonZeroDoubles(s);
        writeVarLong(out, doubles);
        out.writeBoolean(s.hasProfile);
        writeLong(out, s.profileUpdatedMs);
        writeString(out, s.tier);
        writeString(out, s.region);
        writeString(out, s.accountManager);
        writeString(out, s.accountManagerEmail);
        writeString(out, s.name);
        writeLong(out, s.firstSeenMs);
        writeLong(out, s.lastActivityMs);
        writeLong(out, s.decayedToMs);
        writeDouble(out, doubles, SENTIMENT_SHORT_SUM, s.sentimentShortSum);
        writeDouble(out, doubles, SENTIMENT_SHORT_WEIGHT, s.sentimentShortWeight);
        writeDouble(out, doubles, SENTIMENT_LONG_SUM, s.sentimentLongSum);
        writeDouble(out, doubles, SENTIMENT_LONG_WEIGHT, s.sentimentLongWeight);
        writeStrings(out, s.openComplaintIds);
        writeLongs(out, s.openComplaintSinceMs);
        writeDouble(out, doubles, COMPLAINTS_OPENED, s.complaintsOpened);
        writeDouble(out, doubles, COMPLAINTS_RECENT, s.complaintsRecent);
        writeDouble(out, doubles, ESCALATIONS, s.escalations);
        writeDouble(out, doubles, REOPENED, s.reopened);
        writeDouble(out, doubles, REPEAT_CONTACTS, s.repeatContacts);
        writeDouble(out, doubles, QUICK_RESOLUTIONS, s.quickResolutions);
        writeLong(out, s.resolvedCount);
        writeDouble(out, doubles, RESOLUTION_HOURS_TOTAL, s.resolutionHoursTotal);
        writeDouble(out, doubles, WAIT_HOURS, s.waitHours);
        writeDouble(out, doubles, MISSED_CONTACTS, s.missedContacts);
        writeDouble(out, doubles, SLA_BREACHES, s.slaBreaches);
        writeDouble(out, doubles, DELIVERY_LATE, s.deliveryLate);
        writeDouble(out, doubles, VISITS_SHORT, s.visitsShort);
        writeDouble(out, doubles, VISITS_LONG, s.visitsLong);
        writeDouble(out, doubles, CANCEL_INTENT, s.cancelIntent);
        writeDouble(out, doubles, DOWNGRADES, s.downgrades);
        writeDouble(out, doubles, SURVEY_SUM, s.surveySum);
        writeDouble(out, doubles, SURVEY_WEIGHT, s.surveyWeight);
        writeDouble(out, doubles, LAST_NPS, s.lastNps);
        writeDouble(out, doubles, SOCIAL_ENERGY, s.socialEnergy);
        writeLong(out, s.negativeReachFollowers);
        writeLong(out, s.negativeReachAtMs);
        writeString(out, s.status);
        writeLong(out, s.statusSinceMs);
        writeLong(out, s.publishedScores);
        writeDouble(out, doubles, LAST_PUBLISHED_RISK, s.lastPublishedRisk);
        writeDouble(out, doubles, LAST_PUBLISHED_SENTIMENT, s.lastPublishedSentiment);
        writeLong(out, s.pendingTimerMs);
    }

    @Override
    public CustomerState deserialize(DataInputView in) throws IOException {
        return deserialize(new CustomerState(), in);
    }

    @Override
    public CustomerState deserialize(CustomerState s, DataInputView in) throws IOException {
        int doubles = (int) readVarLong(in);
        s.hasProfile = in.readBoolean();
        s.profileUpdatedMs = readLong(in);
        s.tier = readString(in);
        s.region = readString(in);
        s.accountManager = readString(in);
        s.accountManagerEmail = readString(in);
        s.name = readString(in);
        s.firstSeenMs = readLong(in);
        s.lastActivityMs = readLong(in);
        s.decayedToMs = readLong(in);
        s.sentimentShortSum = readDouble(in, doubles, SENTIMENT_SHORT_SUM);
        s.sentimentShortWeight = readDouble(in, doubles, SENTIMENT_SHORT_WEIGHT);
        s.sentimentLongSum = readDouble(in, doubles, SENTIMENT_LONG_SUM);
        s.sentimentLongWeight = readDouble(in, doubles, SENTIMENT_LONG_WEIGHT);
        s.openComplaintIds = readStrings(in);
        s.openComplaintSinceMs = readLongs(in);
        s.complaintsOpened = readDouble(in, doubles, COMPLAINTS_OPENED);
        s.complaintsRecent = readDouble(in, doubles, COMPLAINTS_RECENT);
        s.escalations = readDouble(in, doubles, ESCALATIONS);
        s.reopened = readDouble(in, doubles, REOPENED);
        s.repeatContacts = readDouble(in, doubles, REPEAT_CONTACTS);
        s.quickResolutions = readDouble(in, doubles, QUICK_RESOLUTIONS);
        s.resolvedCount = readLong(in);
        s.resolutionHoursTotal = readDouble(in, doubles, RESOLUTION_HOURS_TOTAL);
        s.waitHours = readDouble(in, doubles, WAIT_HOURS);
        s.missedContacts = readDouble(in, doubles, MISSED_CONTACTS);
        s.slaBreaches = readDouble(in, doubles, SLA_BREACHES);
        s.deliveryLate = readDouble(in, doubles, DELIVERY_LATE);
        s.visitsShort = readDouble(in, doubles, VISITS_SHORT);
        s.visitsLong = readDouble(in, doubles, VISITS_LONG);
        s.cancelIntent = readDouble(in, doubles, CANCEL_INTENT);
        s.downgrades = readDouble(in, doubles, DOWNGRADES);
        s.surveySum = readDouble(in, doubles, SURVEY_SUM);
        s.surveyWeight = readDouble(in, doubles, SURVEY_WEIGHT);
        s.lastNps = readDouble(in, doubles, LAST_NPS);
        s.socialEnergy = readDouble(in, doubles, SOCIAL_ENERGY);
        s.negativeReachFollowers = readLong(in);
        s.negativeReachAtMs = readLong(in);
        s.status = readString(in);
        s.statusSinceMs = readLong(in);
        s.publishedScores = readLong(in);
        s.lastPublishedRisk = readDouble(in, doubles, LAST_PUBLISHED_RISK);
        s.lastPublishedSentiment = readDouble(in, doubles, LAST_PUBLISHED_SENTIMENT);
        s.pendingTimerMs = readLong(in);
        return s;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<CustomerState> snapshotConfiguration() {
        return new CustomerStateSerializerSnapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    // ---- the mask of non-zero doubles (the other encodings are StateCodec's) ----

    private static int bit(int index, double value) {
        return Double.doubleToRawLongBits(value) == 0 ? 0 : 1 << index;
    }

    private static void writeDouble(DataOutputView out, int mask, int index, double value) throws IOException {
        if ((mask & (1 << index)) != 0) {
            out.writeDouble(value);
        }
    }

    private static double readDouble(DataInputView in, int mask, int index) throws IOException {
        return (mask & (1 << index)) != 0 ? in.readDouble() : 0.0;
    }

    /** This serializer's snapshot (see {@link StateFormatSnapshot}); Flink finds it by name: do not rename or move it. */
    public static final class CustomerStateSerializerSnapshot extends StateFormatSnapshot<CustomerState> {

        /** Instantiated by Flink (reflectively) when reading a snapshot. */
        public CustomerStateSerializerSnapshot() {
            super("CustomerState", CURRENT_VERSION, () -> INSTANCE);
        }
    }
}

package io.cxpulse.alerts.customer;

import static io.cxpulse.config.StateCodec.readFloat;
import static io.cxpulse.config.StateCodec.readInt;
import static io.cxpulse.config.StateCodec.readLong;
import static io.cxpulse.config.StateCodec.readLongs;
import static io.cxpulse.config.StateCodec.readPresence;
import static io.cxpulse.config.StateCodec.readSize;
import static io.cxpulse.config.StateCodec.readString;
import static io.cxpulse.config.StateCodec.readStrings;
import static io.cxpulse.config.StateCodec.writeFloat;
import static io.cxpulse.config.StateCodec.writeInt;
import static io.cxpulse.config.StateCodec.writeLong;
import static io.cxpulse.config.StateCodec.writeLongs;
import static io.cxpulse.config.StateCodec.writePresence;
import static io.cxpulse.config.StateCodec.writeSize;
import static io.cxpulse.config.StateCodec.writeString;
import static io.cxpulse.config.StateCodec.writeStrings;

import io.cxpulse.config.StateFormatSnapshot;
import io.cxpulse.alerts.customer.CustomerAlertState.ClosedComplaint;
import io.cxpulse.alerts.customer.CustomerAlertState.Episode;
import io.cxpulse.alerts.customer.CustomerAlertState.OpenComplaint;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Stores {@link CustomerAlertState} in keyed state field by field, without reflection: Flink's {@code PojoSerializer}
 * (used until now through {@code TypeInformation.of(CustomerAlertState.class)}) spent a large share of the scoring
 * thread on reflective field access, per-field null flags, nested POJO serializers and its string encoding.
 *
 * <p>Format version 1, with the encodings of {@link io.cxpulse.config.StateCodec}; every field in the order of
 * {@link #FIELDS} (the declaration order of {@link CustomerAlertState}), the nested classes' fields in the order of
 * {@link #EPISODE_FIELDS}, {@link #OPEN_COMPLAINT_FIELDS} and {@link #CLOSED_COMPLAINT_FIELDS}:
 * <ul>
 *   <li>{@code boolean}: one byte;</li>
 *   <li>{@code int}, {@code long}: zig-zag varint (0, "never", is one byte; an epoch-millisecond time six);</li>
 *   <li>{@code float}: 4 raw IEEE bytes (bit-exact);</li>
 *   <li>{@code String}: varint of (UTF-8 byte length + 1), then the bytes; 0 is null;</li>
 *   <li>{@code String[]}, {@code long[]}: varint of (length + 1), 0 is null, then the elements as above;</li>
 *   <li>{@link Episode}, {@link OpenComplaint}, {@link ClosedComplaint}: a byte, 0 for null, else 1 and its
 *       fields;</li>
 *   <li>{@code OpenComplaint[]}, {@code ClosedComplaint[]}: varint of (length + 1), 0 is null, then the elements as
 *       above (null elements allowed).</li>
 * </ul>
 * The format carries no version byte: the version is in the state's serializer snapshot
 * ({@link CustomerAlertStateSerializerSnapshot}), which Flink stores with every checkpoint and savepoint.
 *
 * <p><b>Changing {@link CustomerAlertState} or one of its nested classes</b> (adding, removing, retyping or reordering
 * a field) changes the format:
 * <ol>
 *   <li>bump {@link #CURRENT_VERSION};</li>
 *   <li>keep a reader of the previous format (e.g. move the old {@code deserialize} methods into a small
 *       {@code CustomerAlertStateSerializerV1} that only reads) and return it from
 *       {@link CustomerAlertStateSerializerSnapshot#restoreSerializer()} for that version, so Flink migrates old state
 *       on restore ({@code compatibleAfterMigration});</li>
 *   <li>update the field lists, {@code serialize}, {@code deserialize} and {@code copy}.</li>
 * </ol>
 * {@code CustomerAlertStateSerializerTest} fails when the fields of a class and its list differ, and when the bytes
 * of its fixed state change without a version bump.
 *
 * <p>State written by the previous job version with Flink's {@code PojoSerializer} is migrated by Flink on restore
 * (see {@link CustomerAlertStateSerializerSnapshot#resolveSchemaCompatibility}). Nulls are not supported for the state
 * itself (a {@code ValueState} stores no null: {@code update(null)} clears it).
 *
 * <p>Stateless, hence one shared instance ({@link #INSTANCE}); thread-safe.
 */
public final class CustomerAlertStateSerializer extends TypeSerializerSingleton<CustomerAlertState> {

    private static final long serialVersionUID = 1L;

    /** The format written now; also the version of this serializer's snapshot. */
    public static final int CURRENT_VERSION = 1;

    public static final CustomerAlertStateSerializer INSTANCE = new CustomerAlertStateSerializer();

    /**
     * Every field of {@link CustomerAlertState} this serializer stores, in the order it stores them. Must name exactly
     * its public instance fields (checked by {@code CustomerAlertStateSerializerTest}); likewise the lists below for
     * the nested classes.
     */
    public static final List<String> FIELDS = List.of(
            "customerId", "tier", "region", "accountManager", "accountManagerEmail", "status", "risk",
            "openComplaints", "latestMs", "recentEventIds",
            "churnArmed", "churnAlerts", "churnLastOpenedMs", "churnOpenedRisk", "churn",
            "vipAlerts", "vipLastOpenedMs", "vip",
            "complaints", "closed",
            "contactTimesMs", "suppressed", "suppressionReasons");

    /** The fields of {@link Episode}, in the order they are stored. */
    public static final List<String> EPISODE_FIELDS = List.of(
            "alertId", "kind", "severity", "revision", "openedAtMs", "category", "channel", "openedReasonEn",
            "openedReasonZh");

    /** The fields of {@link OpenComplaint}, in the order they are stored. */
    public static final List<String> OPEN_COMPLAINT_FIELDS = List.of(
            "caseId", "episode", "openedAtMs", "dueAtMs", "category", "channel", "openedEventId", "lowestSentiment",
            "overdue");

    /** The fields of {@link ClosedComplaint}, in the order they are stored. */
    public static final List<String> CLOSED_COMPLAINT_FIELDS = List.of(
            "caseId", "closedAtMs", "closedEventId", "lowestSentiment", "recovered", "recovery");

    private static final OpenComplaint[] NO_OPEN = new OpenComplaint[0];
    private static final ClosedComplaint[] NO_CLOSED = new ClosedComplaint[0];

    private CustomerAlertStateSerializer() {}

    /** The keyed state of one customer's alerts, stored with this serializer. */
    public static ValueStateDescriptor<CustomerAlertState> descriptor(String name) {
        return new ValueStateDescriptor<>(name, INSTANCE);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public CustomerAlertState createInstance() {
        return new CustomerAlertState();
    }

    @Override
    public int getLength() {
        return -1;
    }

    // ---- copy ----

    @Override
    public CustomerAlertState copy(CustomerAlertState from) {
        return copy(from, new CustomerAlertState());
    }

    @Override
    public CustomerAlertState copy(CustomerAlertState from, CustomerAlertState to) {
        to.customerId = from.customerId;
        to.tier = from.tier;
        to.region = from.region;
        to.accountManager = from.accountManager;
        to.accountManagerEmail = from.accountManagerEmail;
        to.status = from.status;
        to.risk = from.risk;
        to.openComplaints = from.openComplaints;
        to.latestMs = from.latestMs;
        to.recentEventIds = from.recentEventIds == null ? null : from.recentEventIds.clone();
        to.churnArmed = from.churnArmed;
        to.churnAlerts = from.churnAlerts;
        to.churnLastOpenedMs = from.churnLastOpenedMs;
        to.churnOpenedRisk = from.churnOpenedRisk;
        to.churn = copy(from.churn);
        to.vipAlerts = from.vipAlerts;
        to.vipLastOpenedMs = from.vipLastOpenedMs;
        to.vip = copy(from.vip);
        to.complaints = copy(from.complaints);
        to.closed = copy(from.closed);
        to.contactTimesMs = from.contactTimesMs == null ? null : from.contactTimesMs.clone();
        to.suppressed = from.suppressed;
        to.suppressionReasons = from.suppressionReasons == null ? null : from.suppressionReasons.clone();
        return to;
    }

    private static Episode copy(Episode from) {
        if (from == null) {
            return null;
        }
        Episode to = new Episode();
        to.alertId = from.alertId;
        to.kind = from.kind;
        to.severity = from.severity;
        to.revision = from.revision;
        to.openedAtMs = from.openedAtMs;
        to.category = from.category;
        to.channel = from.channel;
        to.openedReasonEn = from.openedReasonEn;
        to.openedReasonZh = from.openedReasonZh;
        return to;
    }

    private static OpenComplaint[] copy(OpenComplaint[] from) {
        if (from == null) {
            return null;
        }
        OpenComplaint[] to = new OpenComplaint[from.length];
        for (int i = 0; i < from.length; i++) {
            OpenComplaint f = from[i];
            if (f != null) {
                OpenComplaint c = new OpenComplaint();
                c.caseId = f.caseId;
                c.episode = f.episode;
                c.openedAtMs = f.openedAtMs;
                c.dueAtMs = f.dueAtMs;
                c.category = f.category;
                c.channel = f.channel;
                c.openedEventId = f.openedEventId;
                c.lowestSentiment = f.lowestSentiment;
                c.overdue = copy(f.overdue);
                to[i] = c;
            }
        }
        return to;
    }

    private static ClosedComplaint[] copy(ClosedComplaint[] from) {
        if (from == null) {
            return null;
        }
        ClosedComplaint[] to = new ClosedComplaint[from.length];
        for (int i = 0; i < from.length; i++) {
            ClosedComplaint f = from[i];
            if (f != null) {
                ClosedComplaint c = new ClosedComplaint();
                c.caseId = f.caseId;
                c.closedAtMs = f.closedAtMs;
                c.closedEventId = f.closedEventId;
                c.lowestSentiment = f.lowestSentiment;
                c.recovered = f.recovered;
                c.recovery = copy(f.recovery);
                to[i] = c;
            }
        }
        return to;
    }

    // ---- serialize ----

    @Override
    public void serialize(CustomerAlertState s, DataOutputView out) throws IOException {
        writeString(out, s.customerId);
        writeString(out, s.tier);
        writeString(out, s.region);
        writeString(out, s.accountManager);
        writeString(out, s.accountManagerEmail);
        writeString(out, s.status);
        writeFloat(out, s.risk);
        writeInt(out, s.openComplaints);
        writeLong(out, s.latestMs);
        writeStrings(out, s.recentEventIds);
        out.writeBoolean(s.churnArmed);
        writeInt(out, s.churnAlerts);
        writeLong(out, s.churnLastOpenedMs);
        writeFloat(out, s.churnOpenedRisk);
        writeEpisode(out, s.churn);
        writeInt(out, s.vipAlerts);
        writeLong(out, s.vipLastOpenedMs);
        writeEpisode(out, s.vip);
        writeOpenComplaints(out, s.complaints);
        writeClosedComplaints(out, s.closed);
        writeLongs(out, s.contactTimesMs);
        out.writeBoolean(s.suppressed);
        writeStrings(out, s.suppressionReasons);
    }

    private static void writeEpisode(DataOutputView out, Episode e) throws IOException {
        if (!writePresence(out, e)) {
            return;
        }
        writeString(out, e.alertId);
        writeString(out, e.kind);
        writeString(out, e.severity);
        writeInt(out, e.revision);
        writeLong(out, e.openedAtMs);
        writeString(out, e.category);
        writeString(out, e.channel);
        writeString(out, e.openedReasonEn);
        writeString(out, e.openedReasonZh);
    }

    private static void writeOpenComplaints(DataOutputView out, OpenComplaint[] complaints) throws IOException {
        writeSize(out, complaints == null ? -1 : complaints.length);
        if (complaints == null) {
            return;
        }
        for (OpenComplaint c : complaints) {
            if (!writePresence(out, c)) {
                continue;
            }
            writeString(out, c.caseId);
            writeString(out, c.episode);
            writeLong(out, c.openedAtMs);
            writeLong(out, c.dueAtMs);
            writeString(out, c.category);
            writeString(out, c.channel);
            writeString(out, c.openedEventId);
            writeFloat(out, c.lowestSentiment);
            writeEpisode(out, c.overdue);
        }
    }

    private static void writeClosedComplaints(DataOutputView out, ClosedComplaint[] closed) throws IOException {
        writeSize(out, closed == null ? -1 : closed.length);
        if (closed == null) {
            return;
        }
        for (ClosedComplaint c : closed) {
            if (!writePresence(out, c)) {
                continue;
            }
            writeString(out, c.caseId);
            writeLong(out, c.closedAtMs);
            writeString(out, c.closedEventId);
            writeFloat(out, c.lowestSentiment);
            out.writeBoolean(c.recovered);
            writeEpisode(out, c.recovery);
        }
    }

    // ---- deserialize ----

    @Override
    public CustomerAlertState deserialize(DataInputView in) throws IOException {
        return deserialize(new CustomerAlertState(), in);
    }

    /** Overwrites every field of {@code s}; nested objects and arrays are always new (never shared with the old). */
    @Override
    public CustomerAlertState deserialize(CustomerAlertState s, DataInputView in) throws IOException {
        s.customerId = readString(in);
        s.tier = readString(in);
        s.region = readString(in);
        s.accountManager = readString(in);
        s.accountManagerEmail = readString(in);
        s.status = readString(in);
        s.risk = readFloat(in);
        s.openComplaints = readInt(in);
        s.latestMs = readLong(in);
        s.recentEventIds = readStrings(in);
        s.churnArmed = in.readBoolean();
        s.churnAlerts = readInt(in);
        s.churnLastOpenedMs = readLong(in);
        s.churnOpenedRisk = readFloat(in);
        s.churn = readEpisode(in);
        s.vipAlerts = readInt(in);
        s.vipLastOpenedMs = readLong(in);
        s.vip = readEpisode(in);
        s.complaints = readOpenComplaints(in);
        s.closed = readClosedComplaints(in);
        s.contactTimesMs = readLongs(in);
        s.suppressed = in.readBoolean();
        s.suppressionReasons = readStrings(in);
        return s;
    }

    private static Episode readEpisode(DataInputView in) throws IOException {
        if (!readPresence(in)) {
            return null;
        }
        Episode e = new Episode();
        e.alertId = readString(in);
        e.kind = readString(in);
        e.severity = readString(in);
        e.revision = readInt(in);
        e.openedAtMs = readLong(in);
        e.category = readString(in);
        e.channel = readString(in);
        e.openedReasonEn = readString(in);
        e.openedReasonZh = readString(in);
        return e;
    }

    private static OpenComplaint[] readOpenComplaints(DataInputView in) throws IOException {
        int length = readSize(in);
        if (length <= 0) {
            return length < 0 ? null : NO_OPEN;
        }
        OpenComplaint[] complaints = new OpenComplaint[length];
        for (int i = 0; i < length; i++) {
            if (!readPresence(in)) {
                continue;
            }
            OpenComplaint c = new OpenComplaint();
            c.caseId = readString(in);
            c.episode = readString(in);
            c.openedAtMs = readLong(in);
            c.dueAtMs = readLong(in);
            c.category = readString(in);
            c.channel = readString(in);
            c.openedEventId = readString(in);
            c.lowestSentiment = readFloat(in);
            c.overdue = readEpisode(in);
            complaints[i] = c;
        }
        return complaints;
    }

    private static ClosedComplaint[] readClosedComplaints(DataInputView in) throws IOException {
        int length = readSize(in);
        if (length <= 0) {
            return length < 0 ? null : NO_CLOSED;
        }
        ClosedComplaint[] closed = new ClosedComplaint[length];
        for (int i = 0; i < length; i++) {
            if (!readPresence(in)) {
                continue;
            }
            ClosedComplaint c = new ClosedComplaint();
            c.caseId = readString(in);
            c.closedAtMs = readLong(in);
            c.closedEventId = readString(in);
            c.lowestSentiment = readFloat(in);
            c.recovered = in.readBoolean();
            c.recovery = readEpisode(in);
            closed[i] = c;
        }
        return closed;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<CustomerAlertState> snapshotConfiguration() {
        return new CustomerAlertStateSerializerSnapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** This serializer's snapshot (see {@link StateFormatSnapshot}); Flink finds it by name: do not rename or move it. */
    public static final class CustomerAlertStateSerializerSnapshot extends StateFormatSnapshot<CustomerAlertState> {

        /** Instantiated by Flink (reflectively) when reading a snapshot. */
        public CustomerAlertStateSerializerSnapshot() {
            super("CustomerAlertState", CURRENT_VERSION, () -> INSTANCE);
        }
    }
}

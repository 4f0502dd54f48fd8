package io.cxpulse.alerts.customer;

import static io.cxpulse.config.StateSerializerChecks.assertCopiesSerializedBytes;
import static io.cxpulse.config.StateSerializerChecks.assertDeserializesIntoReuse;
import static io.cxpulse.config.StateSerializerChecks.assertFlinkMigratesPojoValueState;
import static io.cxpulse.config.StateSerializerChecks.assertMigratesFromPojo;
import static io.cxpulse.config.StateSerializerChecks.assertMutableOfVariableLength;
import static io.cxpulse.config.StateSerializerChecks.assertRefusesKryoAndUnknownVersions;
import static io.cxpulse.config.StateSerializerChecks.assertSmallerThanPojo;
import static io.cxpulse.config.StateSerializerChecks.assertSnapshotRoundTrip;
import static io.cxpulse.config.StateSerializerChecks.bytes;
import static io.cxpulse.config.StateSerializerChecks.fingerprint;
import static io.cxpulse.config.StateSerializerChecks.pojoSerializer;
import static io.cxpulse.config.StateSerializerChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.alerts.customer.CustomerAlertState.ClosedComplaint;
import io.cxpulse.alerts.customer.CustomerAlertState.Episode;
import io.cxpulse.alerts.customer.CustomerAlertState.OpenComplaint;
import io.cxpulse.config.StateSerializerChecks.VariableLengthContract;
import io.cxpulse.profile.CustomerStatus;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The hand-written serializer of the customer alert rules' per-customer state: complete (nested classes included),
 * exact, smaller than Flink's, and migratable from checkpoints written with Flink's PojoSerializer.
 */
class CustomerAlertStateSerializerTest {

    private static final CustomerAlertStateSerializer SERIALIZER = CustomerAlertStateSerializer.INSTANCE;

    private static final long T = 1_767_000_000_000L;

    static Episode episode(String kind, String episode, int revision, long openedAtMs) {
        Episode e = new Episode();
        e.alertId = kind + ":cust-000042:" + episode;
        e.kind = kind;
        e.severity = "high";
        e.revision = revision;
        e.openedAtMs = openedAtMs;
        e.category = "billing";
        e.channel = "phone";
        e.openedReasonEn = "Complaint " + episode + " has been open for 3 days";
        e.openedReasonZh = "投诉 " + episode + " 已持续 3 天未解决";
        return e;
    }

    /**
     * Every field of the state and of its nested objects set away from its default: churn and vip episodes, two open
     * complaints (the first overdue, with its episode), one closed complaint with an open recovery episode.
     */
    static CustomerAlertState populated() {
        CustomerAlertState s = new CustomerAlertState();
        s.customerId = "cust-000042";
        s.tier = "gold";
        s.region = "east";
        s.accountManager = "wang";
        s.accountManagerEmail = "wang@example.com";
        s.status = CustomerStatus.WON_BACK;
        s.risk = 0.8125f;
        s.openComplaints = 2;
        s.latestMs = T + 9_000_001;
        s.recentEventIds = new String[] {"evt-000042-1", "evt-000042-2", "evt-000042-3", "evt-000042-4",
            "evt-000042-5"};

        s.churnArmed = false;
        s.churnAlerts = 3;
        s.churnLastOpenedMs = T + 1_000_002;
        s.churnOpenedRisk = 0.75f;
        s.churn = episode("churn_risk", "3", 2, T + 1_000_002);
        s.churn.channel = "app";

        s.vipAlerts = 2;
        s.vipLastOpenedMs = T + 2_000_003;
        s.vip = episode("vip_negative_experience", "2", 1, T + 2_000_003);
        s.vip.severity = "critical";

        OpenComplaint overdue = new OpenComplaint();
        overdue.caseId = "case-7";
        overdue.episode = "case-7-1";
        overdue.openedAtMs = T - 300_000_004L;
        overdue.dueAtMs = T - 40_000_005L;
        overdue.category = "billing";
        overdue.channel = "phone";
        overdue.openedEventId = "evt-000042-0";
        overdue.lowestSentiment = -0.625f;
        overdue.overdue = episode("complaint_unresolved", "case-7-1", 1, T - 40_000_005L);
        OpenComplaint fresh = new OpenComplaint();
        fresh.caseId = "case-8";
        fresh.episode = "case-8-1";
        fresh.openedAtMs = T + 3_000_006;
        fresh.dueAtMs = T + 3_000_006 + 172_800_000L;
        fresh.channel = "email";
        fresh.openedEventId = "evt-000042-3";
        fresh.lowestSentiment = -0.25f;
        s.complaints = new OpenComplaint[] {overdue, fresh};

        ClosedComplaint closed = new ClosedComplaint();
        closed.caseId = "case-5";
        closed.closedAtMs = T - 5_000_007;
        closed.closedEventId = "evt-000041-9";
        closed.lowestSentiment = -0.875f;
        closed.recovered = true;
        closed.recovery = episode("recovery", "case-5", 1, T - 1_000_008);
        closed.recovery.severity = "info";
        s.closed = new ClosedComplaint[] {closed};

        s.contactTimesMs = new long[] {T - 86_400_009L, T - 3_600_010L, T + 1_000_011};
        s.suppressed = true;
        s.suppressionReasons = new String[] {"open_complaint", "contact_fatigue"};
        return s;
    }

    /** The awkward values: nulls (of strings, arrays, array elements), empties, extremes, non-finite floats. */
    static CustomerAlertState edges() {
        CustomerAlertState s = new CustomerAlertState();
        s.customerId = null;
        s.tier = "";
        s.region = "😀 ünïcødé " + "x".repeat(70_000); // longer than writeUTF's 64 KB
        s.risk = Float.NaN;
        s.churnOpenedRisk = -0.0f;
        s.openComplaints = Integer.MIN_VALUE;
        s.churnAlerts = Integer.MAX_VALUE;
        s.vipAlerts = -1;
        s.latestMs = Long.MAX_VALUE;
        s.churnLastOpenedMs = Long.MIN_VALUE;
        s.vipLastOpenedMs = -1;
        s.recentEventIds = new String[] {"a", null, ""};
        Episode empty = new Episode(); // null id, kind and severity
        empty.category = null;
        empty.revision = -7;
        s.vip = empty;
        OpenComplaint bare = new OpenComplaint();
        bare.lowestSentiment = Float.NEGATIVE_INFINITY;
        s.complaints = new OpenComplaint[] {null, bare, null};
        ClosedComplaint closed = new ClosedComplaint();
        closed.lowestSentiment = Float.MIN_VALUE;
        s.closed = new ClosedComplaint[] {closed, null};
        s.contactTimesMs = new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE};
        s.suppressionReasons = new String[] {null};
        return s;
    }

    static CustomerAlertState nullArrays() {
        CustomerAlertState s = new CustomerAlertState();
        s.recentEventIds = null;
        s.complaints = null;
        s.closed = null;
        s.contactTimesMs = null;
        s.suppressionReasons = null;
        return s;
    }

    // ---- the serializer covers CustomerAlertState and its nested classes ----

    @Test
    void storesExactlyTheFieldsOfCustomerAlertStateAndItsNestedClasses() {
        assertFields(CustomerAlertState.class, CustomerAlertStateSerializer.FIELDS);
        assertFields(Episode.class, CustomerAlertStateSerializer.EPISODE_FIELDS);
        assertFields(OpenComplaint.class, CustomerAlertStateSerializer.OPEN_COMPLAINT_FIELDS);
        assertFields(ClosedComplaint.class, CustomerAlertStateSerializer.CLOSED_COMPLAINT_FIELDS);
    }

    @Test
    void theStateHasNoOtherNestedClasses() {
        // a new nested class needs its own list (and code) in the serializer
        assertThat(CustomerAlertState.class.getDeclaredClasses())
                .containsExactlyInAnyOrder(Episode.class, OpenComplaint.class, ClosedComplaint.class);
        for (Class<?> c : List.of(CustomerAlertState.class, Episode.class, OpenComplaint.class,
                ClosedComplaint.class)) {
            for (Field f : fields(c)) {
                Class<?> type = f.getType().isArray() ? f.getType().getComponentType() : f.getType();
                assertThat(type.isPrimitive() || type == String.class || type == Episode.class
                        || type == OpenComplaint.class || type == ClosedComplaint.class)
                        .as(c.getSimpleName() + "." + f.getName() + " has a type the serializer does not know: "
                                + f.getType())
                        .isTrue();
            }
        }
    }

    private static void assertFields(Class<?> type, List<String> stored) {
        assertThat(stored)
                .as(type.getSimpleName() + " changed: update CustomerAlertStateSerializer (its field list, serialize,"
                        + " deserialize, copy) and bump its CURRENT_VERSION, keeping a reader of the old format")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fields(type).stream().map(Field::getName).toList());
    }

    @Test
    void theFixtureSetsEveryField() throws Exception {
        CustomerAlertState populated = populated();
        assertEveryFieldSet(populated, new CustomerAlertState());
        assertEveryFieldSet(populated.churn, new Episode());
        assertEveryFieldSet(populated.vip, new Episode());
        assertEveryFieldSet(populated.complaints[0], new OpenComplaint());
        assertEveryFieldSet(populated.complaints[0].overdue, new Episode());
        assertEveryFieldSet(populated.closed[0], new ClosedComplaint());
        assertEveryFieldSet(populated.closed[0].recovery, new Episode());
    }

    private static void assertEveryFieldSet(Object populated, Object fresh) throws IllegalAccessException {
        for (Field f : fields(fresh.getClass())) {
            assertThat(Objects.deepEquals(f.get(populated), f.get(fresh)))
                    .as(fresh.getClass().getSimpleName() + "." + f.getName() + " left at its default").isFalse();
        }
    }

    @Test
    void eachFieldAloneRoundTrips() throws Exception {
        // one field away from the default at a time: a field written or read in the wrong place shows here
        CustomerAlertState populated = populated();
        for (Field f : fields(CustomerAlertState.class)) {
            CustomerAlertState s = new CustomerAlertState();
            f.set(s, f.get(populated));
            assertThat(render(roundTrip(SERIALIZER, s))).as(f.getName()).isEqualTo(render(s));
        }
        eachNestedFieldAlone(Episode::new, populated.churn, e -> stateWith(s -> s.churn = e));
        eachNestedFieldAlone(Episode::new, populated.vip, e -> stateWith(s -> s.vip = e));
        eachNestedFieldAlone(OpenComplaint::new, populated.complaints[0],
                c -> stateWith(s -> s.complaints = new OpenComplaint[] {c}));
        eachNestedFieldAlone(ClosedComplaint::new, populated.closed[0],
                c -> stateWith(s -> s.closed = new ClosedComplaint[] {c}));
    }

    private static CustomerAlertState stateWith(Consumer<CustomerAlertState> set) {
        CustomerAlertState s = new CustomerAlertState();
        set.accept(s);
        return s;
    }

    private static <N> void eachNestedFieldAlone(Supplier<N> fresh, N populated,
            Function<N, CustomerAlertState> inState) throws Exception {
        for (Field f : fields(populated.getClass())) {
            N nested = fresh.get();
            f.set(nested, f.get(populated));
            CustomerAlertState s = inState.apply(nested);
            assertThat(render(roundTrip(SERIALIZER, s))).as(populated.getClass().getSimpleName() + "." + f.getName())
                    .isEqualTo(render(s));
        }
    }

    // ---- round trips ----

    @Test
    void roundTripsAFullyPopulatedState() throws Exception {
        CustomerAlertState s = populated();
        CustomerAlertState back = roundTrip(SERIALIZER, s);
        assertThat(render(back)).isEqualTo(render(s));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.churn.alertId).isEqualTo("churn_risk:cust-000042:3");
        assertThat(back.vip.severity).isEqualTo("critical");
        assertThat(back.complaints).hasSize(2);
        assertThat(back.complaints[0].overdue.openedReasonZh).isEqualTo("投诉 case-7-1 已持续 3 天未解决");
        assertThat(back.complaints[1].overdue).isNull();
        assertThat(back.complaints[1].category).isEmpty();
        assertThat(back.closed).hasSize(1);
        assertThat(back.closed[0].recovered).isTrue();
        assertThat(back.closed[0].recovery.kind).isEqualTo("recovery");
        assertThat(back.contactTimesMs).containsExactly(s.contactTimesMs);
        assertThat(back.suppressionReasons).containsExactly("open_complaint", "contact_fatigue");
        assertThat(back.recentEventIds).containsExactly(s.recentEventIds).isNotSameAs(s.recentEventIds);
    }

    @Test
    void roundTripsAFreshState() throws Exception {
        CustomerAlertState fresh = new CustomerAlertState();
        CustomerAlertState back = roundTrip(SERIALIZER, fresh);
        assertThat(render(back)).isEqualTo(render(fresh));
        assertThat(back.customerId).isEmpty();
        assertThat(back.churnArmed).isTrue();
        assertThat(back.churn).isNull();
        assertThat(back.vip).isNull();
        assertThat(back.complaints).isEmpty();
        assertThat(back.closed).isEmpty();
        assertThat(back.recentEventIds).isEmpty();
        assertThat(back.contactTimesMs).isEmpty();
        assertThat(back.suppressionReasons).isEmpty();
    }

    @Test
    void roundTripsNullsEmptiesAndExtremes() throws Exception {
        for (CustomerAlertState s : List.of(edges(), nullArrays())) {
            assertThat(render(roundTrip(SERIALIZER, s))).isEqualTo(render(s));
        }
        CustomerAlertState back = roundTrip(SERIALIZER, edges());
        assertThat(back.customerId).isNull();
        assertThat(back.tier).isEmpty();
        assertThat(back.recentEventIds).containsExactly("a", null, "");
        assertThat(back.risk).isNaN();
        assertThat(Float.floatToRawIntBits(back.churnOpenedRisk)).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(back.complaints[0]).isNull();
        assertThat(back.complaints[2]).isNull();
        assertThat(back.complaints[1].caseId).isNull();
        assertThat(back.vip.alertId).isNull();
        assertThat(back.vip.category).isNull();
        assertThat(back.vip.revision).isEqualTo(-7);
        assertThat(back.closed[1]).isNull();
        CustomerAlertState nulls = roundTrip(SERIALIZER, nullArrays());
        assertThat(nulls.complaints).isNull();
        assertThat(nulls.closed).isNull();
        assertThat(nulls.contactTimesMs).isNull();
    }

    @Test
    void deserializesIntoAReusedInstanceOverwritingEverything() throws Exception {
        assertDeserializesIntoReuse(SERIALIZER, new CustomerAlertState(), populated(),
                CustomerAlertStateSerializerTest::render);
    }

    @Test
    void refusesMalformedBytes() {
        byte[] truncated = Arrays.copyOf(uncheckedBytes(populated()), 40);
        assertThatThrownBy(() -> SERIALIZER.deserialize(new DataInputDeserializer(truncated)))
                .isInstanceOf(IOException.class);
    }

    // ---- copy ----

    @Test
    void copyIsDeep() {
        CustomerAlertState s = populated();
        CustomerAlertState copy = SERIALIZER.copy(s);
        assertThat(copy).isNotSameAs(s);
        assertThat(render(copy)).isEqualTo(render(s));
        assertThat(copy.churn).isNotSameAs(s.churn);
        assertThat(copy.vip).isNotSameAs(s.vip);
        assertThat(copy.complaints).isNotSameAs(s.complaints);
        assertThat(copy.complaints[0]).isNotSameAs(s.complaints[0]);
        assertThat(copy.complaints[0].overdue).isNotSameAs(s.complaints[0].overdue);
        assertThat(copy.closed).isNotSameAs(s.closed);
        assertThat(copy.closed[0]).isNotSameAs(s.closed[0]);
        assertThat(copy.closed[0].recovery).isNotSameAs(s.closed[0].recovery);
        assertThat(copy.recentEventIds).isNotSameAs(s.recentEventIds);
        assertThat(copy.contactTimesMs).isNotSameAs(s.contactTimesMs);
        assertThat(copy.suppressionReasons).isNotSameAs(s.suppressionReasons);

        String before = render(s);
        copy.churn.revision = 99;
        copy.vip.openedAtMs = 1;
        copy.complaints[0].overdue.revision = 99;
        copy.complaints[1].dueAtMs = 1;
        copy.complaints[1] = null;
        copy.closed[0].recovery.severity = "changed";
        copy.closed[0].recovered = false;
        copy.recentEventIds[0] = "changed";
        copy.contactTimesMs[0] = 1;
        copy.suppressionReasons[0] = "changed";
        copy.risk = 0;
        assertThat(render(s)).isEqualTo(before);

        CustomerAlertState reuse = new CustomerAlertState();
        assertThat(SERIALIZER.copy(s, reuse)).isSameAs(reuse);
        assertThat(render(reuse)).isEqualTo(render(s));
        assertThat(reuse.complaints[0]).isNotSameAs(s.complaints[0]);
        for (CustomerAlertState other : List.of(edges(), nullArrays(), new CustomerAlertState())) {
            assertThat(render(SERIALIZER.copy(other))).isEqualTo(render(other));
        }
    }

    @Test
    void copiesSerializedBytes() throws Exception {
        assertCopiesSerializedBytes(SERIALIZER, List.of(populated(), edges()));
    }

    @Test
    void basics() {
        assertThat(render(SERIALIZER.createInstance())).isEqualTo(render(new CustomerAlertState()));
        assertMutableOfVariableLength(SERIALIZER);
        assertThat(CustomerAlertStateSerializer.descriptor("customer-alerts").getSerializer()).isSameAs(SERIALIZER);
    }

    // ---- size and format ----

    @Test
    void isSmallerThanFlinksPojoSerializer() throws Exception {
        assertSmallerThanPojo("CustomerAlertState", SERIALIZER, pojoSerializer(CustomerAlertState.class), populated(),
                new CustomerAlertState());
    }

    @Test
    void theFormatOnlyChangesWithTheVersion() throws Exception {
        assertThat(CustomerAlertStateSerializer.CURRENT_VERSION + ":" + fingerprint(SERIALIZER, populated()))
                .as("The stored bytes of CustomerAlertState changed: state in checkpoints and savepoints would no"
                        + " longer be read. Bump CustomerAlertStateSerializer.CURRENT_VERSION, keep a reader of the old"
                        + " format (see its class comment), then update this expectation.")
                .isEqualTo(GOLDEN);
    }

    private static final String GOLDEN = "1:965:d6f646c6";

    // ---- snapshots and compatibility ----

    @Test
    void snapshotRoundTripsAndIsCompatibleAsIs() throws Exception {
        assertSnapshotRoundTrip(SERIALIZER, CustomerAlertStateSerializer.CustomerAlertStateSerializerSnapshot.class,
                CustomerAlertStateSerializer.CURRENT_VERSION);
    }

    @Test
    void stateOfThePojoSerializerIsMigrated() throws Exception {
        assertMigratesFromPojo(SERIALIZER, pojoSerializer(CustomerAlertState.class),
                List.of(populated(), new CustomerAlertState(), edges(), nullArrays()),
                CustomerAlertStateSerializerTest::render);
    }

    @Test
    void refusesOtherSerializersAndUnknownVersions() {
        assertRefusesKryoAndUnknownVersions(SERIALIZER, CustomerAlertState.class,
                new CustomerAlertStateSerializer.CustomerAlertStateSerializerSnapshot(),
                CustomerAlertStateSerializer.CURRENT_VERSION);
    }

    /**
     * End to end through Flink: a checkpoint of the previous job version (PojoSerializer, TTL as in production) is
     * restored by an operator that declares the state with this serializer; Flink migrates it.
     */
    @Test
    void flinkMigratesACheckpointWrittenWithThePojoSerializer() throws Exception {
        assertFlinkMigratesPojoValueState("customer-alerts", CustomerAlertState.class,
                () -> CustomerAlertStateSerializer.descriptor("customer-alerts"),
                Duration.ofDays(180), CustomerAlertStateSerializerTest::populated,
                CustomerAlertStateSerializerTest::render);
    }

    // ---- Flink's own serializer contract ----

    @Nested
    class FlinkSerializerContract extends VariableLengthContract<CustomerAlertState> {

        FlinkSerializerContract() {
            super(CustomerAlertStateSerializer.INSTANCE, CustomerAlertState.class,
                    () -> new CustomerAlertState[] {
                        populated(), new CustomerAlertState(), edges(), nullArrays(), populated()},
                    CustomerAlertStateSerializerTest::render);
        }
    }

    // ---- helpers ----

    /** The public instance fields of a class, found by reflection. */
    static List<Field> fields(Class<?> type) {
        return Arrays.stream(type.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).toList();
    }

    /**
     * Every field as name=value, nested objects and arrays by content, floats by their bits; the same text for two
     * states means the same values everywhere.
     */
    static String render(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String || o instanceof Boolean || o instanceof Integer || o instanceof Long) {
            return String.valueOf(o);
        }
        if (o instanceof Float f) {
            return f + "/" + Integer.toHexString(Float.floatToRawIntBits(f));
        }
        if (o instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof Object[] a) {
            return Arrays.stream(a).map(CustomerAlertStateSerializerTest::render)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return fields(o.getClass()).stream().map(f -> {
            try {
                return f.getName() + "=" + render(f.get(o));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.joining(", ", o.getClass().getSimpleName() + "{", "}"));
    }

    private static byte[] uncheckedBytes(CustomerAlertState s) {
        try {
            return bytes(SERIALIZER, s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package io.cxpulse.profile;

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

import io.cxpulse.config.StateSerializerChecks.VariableLengthContract;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hand-written serializer of the per-customer state: complete, exact, smaller than Flink's, and migratable. */
class CustomerStateSerializerTest {

    private static final CustomerStateSerializer SERIALIZER = CustomerStateSerializer.INSTANCE;

    /** Every field set away from its default, strings non-null (a fresh state has null profile strings). */
    static CustomerState populated() {
        CustomerState s = new CustomerState();
        s.hasProfile = true;
        s.profileUpdatedMs = 1_767_000_000_001L;
        s.tier = "gold";
        s.region = "east";
        s.accountManager = "wang";
        s.accountManagerEmail = "wang@example.com";
        s.name = "林小姐 Lin";
        s.firstSeenMs = 1_764_000_000_002L;
        s.lastActivityMs = 1_767_100_000_003L;
        s.decayedToMs = 1_767_200_000_004L;
        s.sentimentShortSum = -1.25;
        s.sentimentShortWeight = 2.5;
        s.sentimentLongSum = -3.125;
        s.sentimentLongWeight = 7.75;
        s.openComplaintIds = new String[] {"complaint-000042-1", "complaint-000042-2", "complaint-000042-3"};
        s.openComplaintSinceMs = new long[] {1_766_000_000_005L, 1_766_100_000_006L, 1_766_200_000_007L};
        s.complaintsOpened = 3.5;
        s.complaintsRecent = 2.75;
        s.escalations = 1.0625;
        s.reopened = 0.5;
        s.repeatContacts = 4.25;
        s.quickResolutions = 0.125;
        s.resolvedCount = 11;
        s.resolutionHoursTotal = 96.5;
        s.waitHours = 1.75;
        s.missedContacts = 2.0;
        s.slaBreaches = 1.5;
        s.deliveryLate = 0.75;
        s.visitsShort = 12.25;
        s.visitsLong = 30.5;
        s.cancelIntent = 0.9;
        s.downgrades = 0.3;
        s.surveySum = -0.6;
        s.surveyWeight = 1.2;
        s.lastNps = 3;
        s.socialEnergy = -14_000.5;
        s.negativeReachFollowers = 20_000;
        s.negativeReachAtMs = 1_767_150_000_008L;
        s.status = CustomerStatus.WON_BACK;
        s.statusSinceMs = 1_765_000_000_009L;
        s.publishedScores = 57;
        s.lastPublishedRisk = 0.8125;
        s.lastPublishedSentiment = -0.4375;
        s.pendingTimerMs = 1_768_000_000_010L;
        return s;
    }

    /** The awkward values: nulls where a fresh state has values, empty strings, extremes, non-finite doubles. */
    static CustomerState edges() {
        CustomerState s = new CustomerState();
        s.tier = "";
        s.name = "😀 ünïcødé " + "x".repeat(70_000); // longer than writeUTF's 64 KB
        s.status = null;
        s.openComplaintIds = new String[] {"a", null, ""};
        s.openComplaintSinceMs = new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE};
        s.profileUpdatedMs = -1;
        s.firstSeenMs = Long.MIN_VALUE;
        s.lastActivityMs = Long.MAX_VALUE;
        s.sentimentShortSum = -0.0;
        s.sentimentLongSum = Double.NaN;
        s.visitsShort = Double.POSITIVE_INFINITY;
        s.visitsLong = Double.NEGATIVE_INFINITY;
        s.lastNps = Double.MIN_VALUE;
        s.lastPublishedRisk = 0.0;
        return s;
    }

    static CustomerState nullArrays() {
        CustomerState s = new CustomerState();
        s.openComplaintIds = null;
        s.openComplaintSinceMs = null;
        return s;
    }

    // ---- the serializer covers CustomerState ----

    @Test
    void storesExactlyTheFieldsOfCustomerState() {
        assertThat(CustomerStateSerializer.FIELDS)
                .as("CustomerState changed: update CustomerStateSerializer (FIELDS, serialize, deserialize, copy)"
                        + " and bump its CURRENT_VERSION, keeping a reader of the old format")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stateFields().stream().map(Field::getName).toList());
    }

    @Test
    void theFixtureSetsEveryField() throws Exception {
        CustomerState fresh = new CustomerState();
        CustomerState populated = populated();
        for (Field f : stateFields()) {
            assertThat(Objects.deepEquals(f.get(populated), f.get(fresh))).as(f.getName() + " left at its default")
                    .isFalse();
        }
    }

    @Test
    void eachFieldAloneRoundTrips() throws Exception {
        // one field away from the default at a time: a field written or read in the wrong place shows here
        CustomerState populated = populated();
        for (Field f : stateFields()) {
            CustomerState s = new CustomerState();
            f.set(s, f.get(populated));
            assertThat(render(roundTrip(SERIALIZER, s))).as(f.getName()).isEqualTo(render(s));
        }
    }

    // ---- round trips ----

    @Test
    void roundTripsAFullyPopulatedState() throws Exception {
        CustomerState s = populated();
        CustomerState back = roundTrip(SERIALIZER, s);
        assertThat(render(back)).isEqualTo(render(s));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.openComplaintIds).containsExactly(s.openComplaintIds).isNotSameAs(s.openComplaintIds);
        assertThat(back.openComplaintCount()).isEqualTo(3);
    }

    @Test
    void roundTripsAFreshState() throws Exception {
        CustomerState fresh = new CustomerState();
        CustomerState back = roundTrip(SERIALIZER, fresh);
        assertThat(render(back)).isEqualTo(render(fresh));
        assertThat(back.tier).isNull();
        assertThat(back.name).isNull();
        assertThat(back.status).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(back.openComplaintIds).isEmpty();
        assertThat(back.openComplaintSinceMs).isEmpty();
        assertThat(back.lastNps).isEqualTo(-1);
        assertThat(back.lastPublishedRisk).isEqualTo(-1);
    }

    @Test
    void roundTripsNullsEmptiesAndExtremes() throws Exception {
        for (CustomerState s : List.of(edges(), nullArrays())) {
            CustomerState back = roundTrip(SERIALIZER, s);
            assertThat(render(back)).isEqualTo(render(s));
        }
        CustomerState back = roundTrip(SERIALIZER, edges());
        assertThat(back.status).isNull();
        assertThat(back.tier).isEmpty();
        assertThat(back.openComplaintIds).containsExactly("a", null, "");
        assertThat(Double.doubleToRawLongBits(back.sentimentShortSum)).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.sentimentLongSum).isNaN();
        assertThat(roundTrip(SERIALIZER, nullArrays()).openComplaintIds).isNull();
    }

    @Test
    void deserializesIntoAReusedInstanceOverwritingEverything() throws Exception {
        assertDeserializesIntoReuse(SERIALIZER, new CustomerState(), populated(), CustomerStateSerializerTest::render);
    }

    // ---- copy ----

    @Test
    void copyIsDeep() {
        CustomerState s = populated();
        CustomerState copy = SERIALIZER.copy(s);
        assertThat(copy).isNotSameAs(s);
        assertThat(render(copy)).isEqualTo(render(s));
        assertThat(copy.openComplaintIds).isNotSameAs(s.openComplaintIds);
        assertThat(copy.openComplaintSinceMs).isNotSameAs(s.openComplaintSinceMs);
        copy.openComplaintIds[0] = "changed";
        copy.openComplaintSinceMs[0] = 1;
        copy.escalations = 99;
        assertThat(s.openComplaintIds[0]).isEqualTo("complaint-000042-1");
        assertThat(s.openComplaintSinceMs[0]).isEqualTo(1_766_000_000_005L);
        assertThat(s.escalations).isEqualTo(1.0625);

        CustomerState reuse = new CustomerState();
        assertThat(SERIALIZER.copy(s, reuse)).isSameAs(reuse);
        assertThat(render(reuse)).isEqualTo(render(s));
        assertThat(reuse.openComplaintIds).isNotSameAs(s.openComplaintIds);
        assertThat(render(SERIALIZER.copy(nullArrays()))).isEqualTo(render(nullArrays()));
    }

    @Test
    void copiesSerializedBytes() throws Exception {
        assertCopiesSerializedBytes(SERIALIZER, List.of(populated(), edges()));
    }

    @Test
    void basics() {
        assertThat(SERIALIZER.createInstance()).usingRecursiveComparison().isEqualTo(new CustomerState());
        assertMutableOfVariableLength(SERIALIZER);
        assertThat(CustomerStateSerializer.descriptor("customer").getSerializer()).isSameAs(SERIALIZER);
    }

    // ---- size and format ----

    @Test
    void isSmallerThanFlinksPojoSerializer() throws Exception {
        assertSmallerThanPojo("CustomerState", SERIALIZER, pojoSerializer(CustomerState.class), populated(),
                new CustomerState());
    }

    @Test
    void theFormatOnlyChangesWithTheVersion() throws Exception {
        assertThat(CustomerStateSerializer.CURRENT_VERSION + ":" + fingerprint(SERIALIZER, populated()))
                .as("The stored bytes of CustomerState changed: state in checkpoints and savepoints would no longer be"
                        + " read. Bump CustomerStateSerializer.CURRENT_VERSION, keep a reader of the old format (see"
                        + " its class comment), then update this expectation.")
                .isEqualTo(GOLDEN);
    }

    private static final String GOLDEN = "1:384:3e768847";

    // ---- snapshots and compatibility ----

    @Test
    void snapshotRoundTripsAndIsCompatibleAsIs() throws Exception {
        assertSnapshotRoundTrip(SERIALIZER, CustomerStateSerializer.CustomerStateSerializerSnapshot.class,
                CustomerStateSerializer.CURRENT_VERSION);
    }

    @Test
    void stateOfThePojoSerializerIsMigrated() throws Exception {
        assertMigratesFromPojo(SERIALIZER, pojoSerializer(CustomerState.class),
                List.of(populated(), new CustomerState(), edges(), nullArrays()),
                CustomerStateSerializerTest::render);
    }

    @Test
    void refusesOtherSerializersAndUnknownVersions() {
        assertRefusesKryoAndUnknownVersions(SERIALIZER, CustomerState.class,
                new CustomerStateSerializer.CustomerStateSerializerSnapshot(), CustomerStateSerializer.CURRENT_VERSION);
    }

    /**
     * End to end through Flink: a checkpoint of the previous job version (PojoSerializer, TTL as in production) is
     * restored by an operator that declares the state with this serializer; Flink migrates it.
     */
    @Test
    void flinkMigratesACheckpointWrittenWithThePojoSerializer() throws Exception {
        assertFlinkMigratesPojoValueState("customer", CustomerState.class,
                () -> CustomerStateSerializer.descriptor("customer"),
                Duration.ofDays(30), CustomerStateSerializerTest::populated, CustomerStateSerializerTest::render);
    }

    // ---- Flink's own serializer contract ----

    @Nested
    class FlinkSerializerContract extends VariableLengthContract<CustomerState> {

        FlinkSerializerContract() {
            super(CustomerStateSerializer.INSTANCE, CustomerState.class,
                    () -> new CustomerState[] {populated(), new CustomerState(), edges(), nullArrays(), populated()},
                    CustomerStateSerializerTest::render);
        }
    }

    // ---- helpers ----

    /** The public instance fields of CustomerState, found by reflection. */
    static List<Field> stateFields() {
        return Arrays.stream(CustomerState.class.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .toList();
    }

    /** Every field as name=value, arrays by content and doubles by their bits, in FIELDS order. */
    static String render(CustomerState s) {
        if (s == null) {
            return "null";
        }
        return stateFields().stream().map(f -> {
            try {
                Object v = f.get(s);
                String text = v instanceof Object[] a ? Arrays.toString(a)
                        : v instanceof long[] a ? Arrays.toString(a)
                        : v instanceof Double d ? d + "/" + Long.toHexString(Double.doubleToRawLongBits(d))
                        : String.valueOf(v);
                return f.getName() + "=" + text;
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.joining(", "));
    }
}

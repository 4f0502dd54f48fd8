package io.cxpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.apache.flink.util.Collector;

/**
 * The checks every hand-written state serializer (those with a {@link StateFormatSnapshot}) shares: byte helpers,
 * snapshot round trips, migration from Flink's {@code PojoSerializer}, refusal of Kryo and unknown versions, the
 * format pin, and Flink's own serializer contract.
 */
public final class StateSerializerChecks {

    private StateSerializerChecks() {}

    // ---- bytes ----

    /** The bytes {@code serializer} writes for {@code value}. */
    public static <T> byte[] bytes(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    /** {@code value} written and read back by {@code serializer}, which must read every byte it wrote. */
    public static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes(serializer, value));
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after reading").isZero();
        return back;
    }

    /** The length and CRC32 of the bytes of {@code value}: {@code length:crc}. */
    public static <T> String fingerprint(TypeSerializer<T> serializer, T value) throws IOException {
        byte[] bytes = bytes(serializer, value);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc.getValue());
    }

    /** A snapshot written and read back as Flink does in a checkpoint. */
    public static <T> TypeSerializerSnapshot<T> writeAndRead(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                StateSerializerChecks.class.getClassLoader());
    }

    /** The serializer Flink's type extraction gives {@code type} without a factory (a PojoSerializer for a POJO). */
    public static <T> TypeSerializer<T> pojoSerializer(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    // ---- reuse and copy ----

    /** Reading {@code fresh}'s bytes into {@code reuse} returns {@code reuse}, overwritten to match {@code fresh}. */
    public static <T> void assertDeserializesIntoReuse(TypeSerializer<T> serializer, T fresh, T reuse,
            Function<? super T, ?> render) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(fresh, out);
        T back = serializer.deserialize(reuse, new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isSameAs(reuse);
        assertThat(render.apply(back)).isEqualTo(render.apply(fresh));
    }

    /** Copying the serialized {@code values} one by one reproduces their bytes exactly and consumes them all. */
    public static <T> void assertCopiesSerializedBytes(TypeSerializer<T> serializer, List<T> values)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (T value : values) {
            serializer.serialize(value, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        DataOutputSerializer copied = new DataOutputSerializer(1024);
        for (int i = 0; i < values.size(); i++) {
            serializer.copy(in, copied);
        }
        assertThat(in.available()).isZero();
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    /** A serializer of a mutable type of variable length, whose duplicate is equal to it. */
    public static <T> void assertMutableOfVariableLength(TypeSerializer<T> serializer) {
        assertThat(serializer.getLength()).isEqualTo(-1);
        assertThat(serializer.isImmutableType()).isFalse();
        assertThat(serializer.duplicate()).isEqualTo(serializer);
    }

    // ---- size ----

    /** Prints the sizes and asserts that {@code serializer} writes fewer bytes than {@code pojo} for both values. */
    public static <T> void assertSmallerThanPojo(String name, TypeSerializer<T> serializer, TypeSerializer<T> pojo,
            T populated, T fresh) throws IOException {
        int populatedOurs = bytes(serializer, populated).length;
        int populatedPojo = bytes(pojo, populated).length;
        int freshOurs = bytes(serializer, fresh).length;
        int freshPojo = bytes(pojo, fresh).length;
        System.out.printf("%s serialised: populated %d bytes (PojoSerializer %d), fresh %d bytes"
                + " (PojoSerializer %d)%n", name, populatedOurs, populatedPojo, freshOurs, freshPojo);
        assertThat(populatedOurs).isLessThan(populatedPojo);
        assertThat(freshOurs).isLessThan(freshPojo);
    }

    // ---- snapshots and compatibility ----

    /**
     * The serializer's snapshot is a {@code snapshotType} of {@code currentVersion}, survives being written and read
     * (directly and through the utility Flink uses for nested serializer snapshots), restores the same serializer and
     * is compatible as is.
     */
    @SuppressWarnings("rawtypes")
    public static <T> void assertSnapshotRoundTrip(TypeSerializer<T> serializer,
            Class<? extends StateFormatSnapshot> snapshotType, int currentVersion) throws IOException {
        TypeSerializerSnapshot<T> written = serializer.snapshotConfiguration();
        assertThat(written).isInstanceOf(snapshotType);
        assertThat(written.getCurrentVersion()).isEqualTo(currentVersion);

        TypeSerializerSnapshot<T> read = writeAndRead(written);
        assertThat(read).isInstanceOf(snapshotType);
        assertThat(((StateFormatSnapshot<T>) read).formatVersion()).isEqualTo(currentVersion);
        assertThat(read.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();

        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(out, written);
        TypeSerializerSnapshot<T> viaUtil = TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), StateSerializerChecks.class.getClassLoader());
        assertThat(viaUtil.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(viaUtil).isCompatibleAsIs()).isTrue();
    }

    /**
     * State written by {@code pojo} (a PojoSerializer) is compatible after migration, and each of {@code values},
     * read with the old snapshot's serializer and written and read with {@code serializer}, renders as before.
     */
    public static <T> void assertMigratesFromPojo(TypeSerializer<T> serializer, TypeSerializer<T> pojo,
            List<T> values, Function<? super T, ?> render) throws IOException {
        assertThat(pojo).isInstanceOf(PojoSerializer.class);
        TypeSerializerSnapshot<T> old = writeAndRead(pojo.snapshotConfiguration());

        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAfterMigration()).as(compatibility.toString()).isTrue();

        // what Flink then does with every value: read with the old snapshot's serializer, write with the new one
        TypeSerializer<T> reader = old.restoreSerializer();
        for (T value : values) {
            T read = reader.deserialize(new DataInputDeserializer(bytes(pojo, value)));
            assertThat(render.apply(roundTrip(serializer, read))).isEqualTo(render.apply(value));
        }
    }

    /**
     * State written by Kryo (Flink's generic serializer for {@code type}) is incompatible, and a {@code fresh}
     * snapshot refuses versions newer than {@code currentVersion} and version 0.
     */
    public static <T> void assertRefusesKryoAndUnknownVersions(TypeSerializer<T> serializer, Class<T> type,
            StateFormatSnapshot<T> fresh, int currentVersion) {
        TypeSerializerSnapshot<T> kryo =
                new GenericTypeInfo<>(type).createSerializer(new SerializerConfigImpl()).snapshotConfiguration();
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(kryo).isIncompatible()).isTrue();

        DataInputDeserializer empty = new DataInputDeserializer(new byte[0]);
        ClassLoader cl = StateSerializerChecks.class.getClassLoader();
        assertThatThrownBy(() -> fresh.readSnapshot(currentVersion + 1, empty, cl))
                .isInstanceOf(IOException.class).hasMessageContaining("newer job version");
        assertThatThrownBy(() -> fresh.readSnapshot(0, empty, cl)).isInstanceOf(IOException.class);
    }

    // ---- end to end through Flink ----

    /** A {@link Supplier} Flink can ship with a function. */
    public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}

    /** A {@link Function} Flink can ship with a function. */
    public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

    /**
     * A checkpoint of the previous job version (value state {@code stateName} of {@code type} with Flink's
     * PojoSerializer, TTL {@code ttl} as in production) is restored by an operator that declares the state with
     * {@code descriptor}; Flink migrates it, on RocksDB and on the heap, and the next checkpoint restores as is.
     */
    public static <T> void assertFlinkMigratesPojoValueState(String stateName, Class<T> type,
            SerializableSupplier<ValueStateDescriptor<T>> descriptor, Duration ttl, SerializableSupplier<T> value,
            SerializableFunction<T, String> render) throws Exception {
        String expected = render.apply(value.get());
        SerializableSupplier<ValueStateDescriptor<T>> previous =
                () -> new ValueStateDescriptor<>(stateName, TypeInformation.of(type));
        for (StateBackend backend : List.of(new EmbeddedRocksDBStateBackend(), new HashMapStateBackend())) {
            OperatorSubtaskState checkpoint;
            try (var h = harness(new StoreState<>(previous, ttl, value, render), backend)) {
                h.open();
                h.processElement(new StreamRecord<>("write", 1L));
                checkpoint = h.snapshot(1L, 2L);
            }
            OperatorSubtaskState second;
            try (var h = harness(new StoreState<>(descriptor, ttl, value, render), backend)) {
                h.initializeState(checkpoint);
                h.open();
                h.processElement(new StreamRecord<>("read", 3L));
                assertThat(h.extractOutputValues()).as(backend.getName()).containsExactly(expected);
                h.processElement(new StreamRecord<>("write", 4L));
                second = h.snapshot(2L, 5L);
            }
            try (var h = harness(new StoreState<>(descriptor, ttl, value, render), backend)) {
                h.initializeState(second);
                h.open();
                h.processElement(new StreamRecord<>("read", 6L));
                assertThat(h.extractOutputValues()).as(backend.getName()).containsExactly(expected);
            }
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            KeyedProcessFunction<String, String, String> function, StateBackend backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                e -> "cust-000042", Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    /** Writes the value on "write", emits what it has on "read"; the state declared by the descriptor, with TTL. */
    private static final class StoreState<T> extends KeyedProcessFunction<String, String, String> {
        private final SerializableSupplier<ValueStateDescriptor<T>> descriptor;
        private final Duration ttl;
        private final SerializableSupplier<T> value;
        private final SerializableFunction<T, String> render;
        private transient ValueState<T> state;

        StoreState(SerializableSupplier<ValueStateDescriptor<T>> descriptor, Duration ttl,
                SerializableSupplier<T> value, SerializableFunction<T, String> render) {
            this.descriptor = descriptor;
            this.ttl = ttl;
            this.value = value;
            this.render = render;
        }

        @Override
        public void open(OpenContext openContext) {
            ValueStateDescriptor<T> d = descriptor.get();
            d.enableTimeToLive(StateTtl.afterLastWrite(ttl));
            state = getRuntimeContext().getState(d);
        }

        @Override
        public void processElement(String command, Context ctx, Collector<String> out) throws Exception {
            if (command.equals("write")) {
                state.update(value.get());
            } else {
                out.collect(render.apply(state.value()));
            }
        }
    }

    // ---- Flink's own serializer contract ----

    /**
     * Flink's {@link SerializerTestBase} for a serializer of variable length; extend it in a {@code @Nested} class.
     */
    public abstract static class VariableLengthContract<T> extends SerializerTestBase<T> {
        private final TypeSerializer<T> serializer;
        private final Class<T> type;
        private final Supplier<T[]> data;

        protected VariableLengthContract(TypeSerializer<T> serializer, Class<T> type, Supplier<T[]> data) {
            this.serializer = serializer;
            this.type = type;
            this.data = data;
        }

        /** Values of {@code type} compared by their {@code render}ing. */
        protected VariableLengthContract(TypeSerializer<T> serializer, Class<T> type, Supplier<T[]> data,
                Function<T, String> render) {
            super(new DeeplyEqualsChecker().withCustomCheck(
                    (a, b) -> type.isInstance(a) && type.isInstance(b),
                    (a, b, checker) -> render.apply(type.cast(a)).equals(render.apply(type.cast(b)))));
            this.serializer = serializer;
            this.type = type;
            this.data = data;
        }

        @Override
        protected TypeSerializer<T> createSerializer() {
            return serializer;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<T> getTypeClass() {
            return type;
        }

        @Override
        protected T[] getTestData() {
            return data.get();
        }
    }
}

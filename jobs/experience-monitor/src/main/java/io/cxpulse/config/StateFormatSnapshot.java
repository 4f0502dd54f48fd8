package io.cxpulse.config;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What Flink stores about a hand-written state serializer with each checkpoint and savepoint: only the format version
 * (written by Flink around {@link #writeSnapshot}). Each serializer has its own public subclass with a no-arg
 * constructor, which Flink finds by name when restoring: do not rename or move those.
 */
public abstract class StateFormatSnapshot<T> implements TypeSerializerSnapshot<T> {

    private final String stateName;
    private final int currentVersion;
    private final Supplier<TypeSerializer<T>> current;
    private int formatVersion;

    /**
     * @param stateName      the state's class, for messages
     * @param currentVersion the format this job writes
     * @param current        the serializer of that format (a supplier: snapshots are built while it initialises)
     */
    protected StateFormatSnapshot(String stateName, int currentVersion, Supplier<TypeSerializer<T>> current) {
        this.stateName = stateName;
        this.currentVersion = currentVersion;
        this.current = current;
        this.formatVersion = currentVersion;
    }

    @Override
    public int getCurrentVersion() {
        return currentVersion;
    }

    /** The format of the state this snapshot describes. */
    public int formatVersion() {
        return formatVersion;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // nothing beyond the version, which Flink writes
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion < 1 || readVersion > currentVersion) {
            throw new IOException(stateName + " format version " + readVersion + " is unknown to this job (it reads 1 to "
                    + currentVersion + "): state written by a newer job version?");
        }
        formatVersion = readVersion;
    }

    /**
     * A serializer that reads state in this snapshot's format. When a format changes, the subclass overrides this to
     * return a reader of the old format for the old version.
     */
    @Override
    public TypeSerializer<T> restoreSerializer() {
        if (formatVersion != currentVersion) {
            throw new IllegalStateException("No reader for " + stateName + " format " + formatVersion);
        }
        return current.get();
    }

    /**
     * Called on the snapshot of the new (this job's) serializer with the snapshot of the one that wrote the restored
     * state: the same format needs nothing; an older format of ours or state written by Flink's {@code PojoSerializer}
     * (job versions before the hand-written serializers) is migrated by Flink, reading it with the old snapshot's
     * {@link #restoreSerializer()} and writing it with this one. Anything else (e.g. Kryo) is refused.
     */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSerializerSnapshot) {
        if (oldSerializerSnapshot.getClass() == getClass()) {
            return ((StateFormatSnapshot<T>) oldSerializerSnapshot).formatVersion == formatVersion
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        if (oldSerializerSnapshot instanceof PojoSerializerSnapshot) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}

package io.cxpulse.profile;

import static io.cxpulse.churn.Events.click;
import static io.cxpulse.churn.Events.complaint;
import static io.cxpulse.churn.Events.mention;
import static io.cxpulse.churn.Events.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The per-customer state is stored by the hand-written {@link CustomerStateSerializer} (no Kryo, no reflection),
 * round-trips, and stays small. It also stays a Flink POJO without generic fields, the form in which job versions
 * before that serializer stored it (Flink's PojoSerializer), so their checkpoints and savepoints are migrated.
 */
class CustomerStateSerializationTest {

    @Test
    void isStoredByTheHandWrittenSerializerNotKryo() {
        TypeSerializer<CustomerState> serializer = CustomerStateSerializer.descriptor("customer").getSerializer();
        assertThat(serializer).isInstanceOf(CustomerStateSerializer.class).isNotInstanceOf(KryoSerializer.class);
    }

    @Test
    void isAPojoWithoutGenericFields() {
        TypeInformation<CustomerState> info = TypeInformation.of(CustomerState.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<CustomerState> pojo = (PojoTypeInfo<CustomerState>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation()).as(pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @Test
    void roundTripsAndStaysSmall() throws Exception {
        CustomerState s = new CustomerState();
        CustomerUpdates.applyProfile(s, io.cxpulse.churn.Events.profile("cust-000042", 0, "wang", Map.of()));
        for (int d = 0; d < 30; d++) {
            CustomerUpdates.apply(s, click("cust-000042", d, "view"));
        }
        CustomerUpdates.apply(s, complaint("cust-000042", 10, "complaint-000042-1", "opened", -0.8f));
        CustomerUpdates.apply(s, complaint("cust-000042", 12, "complaint-000042-2", "opened", -0.6f));
        CustomerUpdates.apply(s, complaint("cust-000042", 14, "complaint-000042-3", "opened", -0.7f));
        CustomerUpdates.apply(s, service("cust-000042", 15, "call_abandoned", 1_800_000L, null));
        CustomerUpdates.apply(s, mention("cust-000042", 16, -0.7f, 20_000));

        TypeSerializer<CustomerState> serializer = CustomerStateSerializer.INSTANCE;
        DataOutputSerializer out = new DataOutputSerializer(512);
        serializer.serialize(s, out);
        int bytes = out.length();
        DataOutputSerializer pojoOut = new DataOutputSerializer(512);
        TypeInformation.of(CustomerState.class).createSerializer(new SerializerConfigImpl()).serialize(s, pojoOut);
        System.out.printf("customer state with profile and 3 open complaints: %d bytes serialised (PojoSerializer %d)%n",
                bytes, pojoOut.length());
        assertThat(bytes).isLessThan(pojoOut.length());
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        CustomerState back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.openComplaintIds).containsExactly(s.openComplaintIds);
        assertThat(back.sentimentShortSum).isEqualTo(s.sentimentShortSum);
        assertThat(back.accountManager).isEqualTo("wang");
    }
}

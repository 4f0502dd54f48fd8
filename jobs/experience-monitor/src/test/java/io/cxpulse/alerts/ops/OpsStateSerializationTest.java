package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** The detectors' state objects are stored by Flink's POJO serializer, never Kryo. */
class OpsStateSerializationTest {

    @Test
    void stateObjectsArePojosWithoutGenericFields() {
        for (Class<?> c : new Class<?>[] {IncidentState.class, SeasonalBaseline.class, ViralState.class}) {
            TypeInformation<?> info = TypeInformation.of(c);
            assertThat(info).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
                        .as(c.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }
}

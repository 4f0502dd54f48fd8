package io.cxpulse.aggregate;

import static io.cxpulse.aggregate.MetricTestData.at;
import static io.cxpulse.aggregate.MetricTestData.click;
import static io.cxpulse.aggregate.MetricTestData.complaint;
import static io.cxpulse.aggregate.MetricTestData.late;
import static io.cxpulse.aggregate.MetricTestData.mention;
import static io.cxpulse.aggregate.MetricTestData.metric;
import static io.cxpulse.aggregate.MetricTestData.service;
import static io.cxpulse.aggregate.MetricTestData.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.enrich.EnrichedEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** The mapper from the job's events to what the minute metrics count. */
class MetricEventsTest {

    @Test
    void aComplaintCarriesItsDimensionsTheCustomersRegionAndWhatItCounts() {
        EnrichedEvent opened = complaint(at(3, 5), "c1", "opened", "billing", -0.7f);
        MetricEvent m = metric(opened, "east");
        assertThat(m.eventId()).isEqualTo(opened.event().eventId());
        assertThat(m.eventTimeMs()).isEqualTo(at(3, 5));
        assertThat(m.stream()).isEqualTo("complaint");
        assertThat(m.channel()).isEqualTo("app");
        assertThat(m.category()).isEqualTo("billing");
        assertThat(m.region()).isEqualTo("east");
        assertThat(m.customerId()).isEqualTo("c1");
        assertThat(m.sentiment()).isEqualTo(-0.7f);
        assertThat(m.complaintOpened()).isTrue();
        assertThat(m.complaintResolved()).isFalse();
        assertThat(m.late()).isFalse();
        assertThat(m.alertOpened()).isFalse();

        assertThat(metric(complaint(at(3, 6), "c1", "resolved", "billing", null), "east").complaintResolved()).isTrue();
        assertThat(metric(complaint(at(3, 6), "c1", "closed", "billing", null), "east").complaintResolved()).isTrue();
        MetricEvent escalated = metric(complaint(at(3, 6), "c1", "escalated", "billing", null), "east");
        assertThat(escalated.complaintOpened()).isFalse();
        assertThat(escalated.complaintResolved()).isFalse();
        assertThat(escalated.hasSentiment()).isFalse();
        assertThat(escalated.sentiment()).isNaN();
    }

    @Test
    void serviceEventsCountBreachesAndWaitsAndHaveNoChannel() {
        MetricEvent breach = metric(service(at(1, 0), "c1", "sla_breached", null), "west");
        assertThat(breach.slaBreach()).isTrue();
        assertThat(breach.waitMs()).isNull();
        assertThat(breach.channel()).isEmpty();
        assertThat(breach.category()).isEmpty();
        MetricEvent call = metric(service(at(1, 0), "c1", "call_answered", 90_000L), "west");
        assertThat(call.slaBreach()).isFalse();
        assertThat(call.waitMs()).isEqualTo(90_000L);
        // "sla_breached" is a service event type: a click of that name is not a breach
        assertThat(metric(click(at(1, 0), "c1", "sla_breached", "ios"), "west").slaBreach()).isFalse();
    }

    @Test
    void clicksAreByDeviceAndMentionsByPlatform() {
        assertThat(metric(click(at(1, 0), "c1", "view", "android"), "").channel()).isEqualTo("android");
        assertThat(metric(mention(at(1, 0), "c1", "weibo", 0.5f), "").channel()).isEqualTo("weibo");
    }

    @Test
    void anUnresolvedMentionHasNoCustomerNorRegionAndKeepsItsLateFlag() {
        MetricEvent m = MetricEvents.ofUnresolved(late(mention(at(2, 0), null, "x", -0.9f)));
        assertThat(m.stream()).isEqualTo("social_mention");
        assertThat(m.customerId()).isEmpty();
        assertThat(m.region()).isEmpty();
        assertThat(m.channel()).isEqualTo("x");
        assertThat(m.late()).isTrue();
    }

    @Test
    void absentDimensionsBecomeEmptyAndUpdatesWithoutAnEventAreRefused() {
        MetricEvent m = metric(complaint(at(0, 0), "c1", "opened", null, null), null);
        assertThat(m.category()).isEmpty();
        assertThat(m.region()).isEmpty();
        CustomerUpdate inactivity = new CustomerUpdate("c1", at(0, 0), null, update(click(at(0, 0), "c1", "view", "ios"),
                "east").score(), false);
        assertThat(MetricEvents.hasEvent(inactivity)).isFalse();
        assertThatThrownBy(() -> MetricEvents.of(inactivity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c1");
    }

    @Test
    void stateAndRecordsUseFlinksPojoSerializerNotKryo() {
        assertThat(TypeInformation.of(MetricFigures.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(MetricEvent.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(MetricRow.class)).isInstanceOf(PojoTypeInfo.class);
    }
}

package io.cxpulse.profile;

import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.SourceRef;
import java.util.Map;

/**
 * A data-subject erasure as it travels the job: a tombstone (null value, key = customer_id) on the compacted
 * {@code cx.customers} topic becomes a profile marked as erased, so it takes the profiles' own path to every keyed
 * operator that holds the customer's state, in order with her earlier profiles. Each of them clears what it keeps
 * about her and writes nothing for her because of it. The tombstone may carry the handles her profile claimed (Kafka
 * headers {@value #HANDLE_HEADER_PREFIX}<i>platform</i>), so the mention resolver can release them: it is keyed by
 * handle and cannot look a customer up.
 */
public final class Erasure {

    /** Header name prefix of a handle the erased customer claimed; the rest of the name is the platform. */
    public static final String HANDLE_HEADER_PREFIX = "cxpulse.erase.handle.";

    /** Outside the contract's tier enum (vip, gold, standard), so no decoded profile can carry it. */
    private static final String ERASED_TIER = "<erased>";

    private Erasure() {}

    /** @param handles platform to handle, as a profile carries them; the time is the tombstone's Kafka timestamp */
    public static CustomerProfile of(String customerId, Map<String, String> handles, SourceRef source) {
        return new CustomerProfile(customerId, source.kafkaTimestampMs(), null, null, ERASED_TIER, null, null, null,
                Map.copyOf(handles), null, null, null, source);
    }

    public static boolean isErasure(CustomerProfile profile) {
        return ERASED_TIER.equals(profile.tier());
    }

    public static boolean isProfile(CustomerProfile profile) {
        return !isErasure(profile);
    }
}

package io.cxpulse.model;

import java.util.Map;

/** The latest known profile of a customer, from the compacted {@code cx.customers} topic. */
public record CustomerProfile(
        String customerId,
        long updatedAtMs,
        String name,
        String segment,
        String tier,
        String region,
        String accountManager,
        String accountManagerEmail,
        Map<String, String> handles,
        Boolean marketingOptIn,
        Double lifetimeValue,
        String contractRenewalDate,
        SourceRef source) {}

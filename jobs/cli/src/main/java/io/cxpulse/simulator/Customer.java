package io.cxpulse.simulator;

import java.util.Map;

/** A simulated customer: what the profile says about them, plus the hidden traits that drive their behaviour. */
record Customer(
        int index,
        String id,
        String name,
        String segment,
        String tier,
        String region,
        AccountManager manager,
        Map<String, String> handles,
        boolean marketingOptIn,
        double lifetimeValue,
        String contractRenewalDate,
        Personality personality,
        Language language,
        double activity) {}

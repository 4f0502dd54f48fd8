package io.cxpulse.config;

import java.io.Serializable;
import java.util.Locale;

/** A credential: readable by code that needs it, never printed. */
public final class Secret implements Serializable {

    private static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isSet() {
        return !value.isEmpty();
    }

    /** Kafka client keys whose values are credentials (sasl.jaas.config, ssl.keystore.password, …). */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key");
    }

    @Override
    public String toString() {
        return isSet() ? "<set>" : "<unset>";
    }
}

package io.cxpulse.config;

/** A setting is wrong; the message names the flag (or file) and says what to fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}

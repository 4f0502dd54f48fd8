package io.cxpulse.identity;

import java.util.Locale;

/** A profile's statement that a social handle belongs to a customer, as of the profile's update time. */
public record HandleClaim(String handleKey, String customerId, long updatedAtMs) {

    /** Handles are matched per platform, case-insensitively and without a leading @. */
    public static String key(String platform, String handle) {
        String h = handle == null ? "" : handle.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return (platform == null ? "" : platform.toLowerCase(Locale.ROOT)) + ":" + h;
    }
}

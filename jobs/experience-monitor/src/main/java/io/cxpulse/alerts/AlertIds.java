package io.cxpulse.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: a hash of what identifies the situation (kind, scope and the episode: e.g. the customer's
 * n-th churn alert, the minute an incident opened, the complaint's id), never of processing time or arrival order, so
 * a replay yields the same id and the {@code alerts} table rewrites the same row.
 */
public final class AlertIds {

    private AlertIds() {}

    /** 32 hex characters (128 bits of SHA-256) over the parts joined with a separator no part contains. */
    public static String of(AlertKind kind, String scope, String episode) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.wireName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(episode.getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest();
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.cxpulse.identity;

/**
 * What a profile says about one handle: it claims it, or (an erasure) the customer it named lets it go.
 *
 * @param released true when the claim's customer was erased: the handle no longer names her, and mentions still
 *                 waiting for it are hers
 */
public record HandleChange(HandleClaim claim, boolean released) {

    public static HandleChange claimed(HandleClaim claim) {
        return new HandleChange(claim, false);
    }

    public static HandleChange releasedBy(HandleClaim claim) {
        return new HandleChange(claim, true);
    }

    public String handleKey() {
        return claim.handleKey();
    }
}

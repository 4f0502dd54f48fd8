package io.cxpulse.profile;

/** A customer's lifecycle as CX Pulse sees it. */
public final class CustomerStatus {
    public static final String ACTIVE = "active";
    /** Cancelled a subscription or closed the account. */
    public static final String CHURNED = "churned";
    /** Renewed after having churned. */
    public static final String WON_BACK = "won_back";

    private CustomerStatus() {}
}

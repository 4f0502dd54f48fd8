package io.cxpulse.simulator;

/** Complaint categories as producers name them when they do (the {@code category} field). */
enum ComplaintCategory {
    DELIVERY("delivery", "logistics"),
    PRODUCT_QUALITY("product_quality", "quality"),
    BILLING_REFUND("billing_refund", "billing"),
    WARRANTY_REPAIR("warranty_repair", "repair_center"),
    WAIT_TIME("wait_time", "call_center"),
    STAFF_ATTITUDE("staff_attitude", "customer_care"),
    APP_WEBSITE("app_website", "digital"),
    COUNTERFEIT("counterfeit", "quality"),
    PRIVACY_CONTACT("privacy_contact", "compliance"),
    PRICE("price", "sales"),
    ACCOUNT_SUBSCRIPTION("account_subscription", "billing");

    private final String wireName;
    private final String department;

    ComplaintCategory(String wireName, String department) {
        this.wireName = wireName;
        this.department = department;
    }

    String wireName() {
        return wireName;
    }

    /** The department that handles cases of this category. */
    String department() {
        return department;
    }
}

package io.cxpulse.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.Topics;

/** Builds the body of one event per stream, in the shape of that stream's contract. */
final class Drafts {

    private Drafts() {}

    static Draft click(Customer c, String sessionId, String page, String action, long durationMs, String device) {
        ObjectNode b = body(c.id(), device.equals("web") ? "web-tracker" : "app-sdk");
        b.put("session_id", sessionId).put("page", page).put("action", action).put("duration_ms", durationMs)
                .put("device", device);
        return new Draft(Topics.CLICKS, c.id(), b, false);
    }

    static Draft complaint(Customer c, String complaintId, String channel, String status, String text,
            ComplaintCategory category, Integer severity, String orderId) {
        ObjectNode b = body(c.id(), "crm");
        b.put("complaint_id", complaintId).put("channel", channel).put("status", status).put("text", text);
        if (category != null) {
            b.put("category", category.wireName());
        }
        if (severity != null) {
            b.put("severity", severity);
        }
        if (orderId != null) {
            b.put("order_id", orderId);
        }
        return new Draft(Topics.COMPLAINTS, c.id(), b, true);
    }

    /** A service step; optional fields are left out when null, as real producers do. */
    static Draft service(Customer c, String source, String type, String caseId, Long waitMs, Long handleMs,
            Double score, String department, String text) {
        ObjectNode b = body(c.id(), source);
        b.put("type", type);
        if (caseId != null) {
            b.put("case_id", caseId);
        }
        if (waitMs != null) {
            b.put("wait_ms", waitMs);
        }
        if (handleMs != null) {
            b.put("handle_ms", handleMs);
        }
        if (score != null) {
            b.put("score", score);
        }
        if (department != null) {
            b.put("department", department);
        }
        if (text != null) {
            b.put("text", text);
        }
        return new Draft(Topics.SERVICE_EVENTS, c.id(), b, !source.equals("survey"));
    }

    /** @param customerId null when the listening tool only knows the author's handle */
    static Draft mention(String customerId, String platform, String handle, long followers, String text,
            String postId, long likes, long shares) {
        ObjectNode b = body(customerId, "social-listening");
        b.put("platform", platform).put("author_handle", handle).put("author_followers", followers).put("text", text)
                .put("url", "https://" + platform.replace('_', '-') + ".example.com/p/" + postId)
                .put("likes", likes).put("shares", shares);
        return new Draft(Topics.SOCIAL_MENTIONS, customerId, b, false);
    }

    /** Whether the event ends the customer's relationship: nothing of theirs follows it. */
    static boolean isDeparture(Draft d) {
        if (!d.topic().equals(Topics.SERVICE_EVENTS)) {
            return false;
        }
        String type = d.body().path("type").asText();
        return type.equals("subscription_cancelled") || type.equals("account_closed");
    }

    private static ObjectNode body(String customerId, String source) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        if (customerId != null) {
            b.put("customer_id", customerId);
        }
        b.put("schema_version", 1).put("source", source);
        return b;
    }
}

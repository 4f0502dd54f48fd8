package io.cxpulse.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertMessages;
import java.util.Locale;

/**
 * The chat message for one alert transition, in the shape Slack-compatible incoming webhooks take: a one-line
 * {@code text} (what notification previews show), {@code blocks} for clients that render them, and the alert itself
 * under {@code cxpulse} for receivers that are programs (the {@code cx.alerts} message). The manager's e-mail is left out: the route already used it,
 * and the message may be seen by a whole channel. Alerts carry no customer texts, and nothing here adds any.
 */
final class AlertMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertMessage() {
    }

    /** {@code <alertId>:<revision>}: the same transition replayed has the same key, so receivers can drop repeats. */
    static String idempotencyKey(Alert alert) {
        return alert.alertId() + ":" + alert.revision();
    }

    /** e.g. {@code HIGH churn_risk open: customer c-42 — 3 unresolved complaints in 5 days}. */
    static String summary(Alert alert) {
        String reason = alert.reasonEn() == null || alert.reasonEn().isBlank() ? "" : " — " + alert.reasonEn();
        return upper(alert.severity()) + " " + alert.kind() + " " + alert.status() + ": " + alert.scopeType() + " "
                + alert.scope() + reason;
    }

    static byte[] body(Alert alert) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", escape(summary(alert)));
        root.set("blocks", blocks(alert));
        root.set("cxpulse", fields(alert));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode alert " + alert.alertId(), e);
        }
    }

    private static ArrayNode blocks(Alert alert) {
        ArrayNode blocks = JSON.createArrayNode();
        StringBuilder headline = new StringBuilder()
                .append('*').append(escape(upper(alert.severity()))).append("* ")
                .append(escape(alert.kind())).append(" (").append(escape(alert.status())).append(") — ")
                .append(escape(alert.scopeType())).append(' ').append(escape(alert.scope()));
        if (alert.reasonEn() != null && !alert.reasonEn().isBlank()) {
            headline.append('\n').append(escape(alert.reasonEn()));
        }
        if (alert.reasonZh() != null && !alert.reasonZh().isBlank()) {
            headline.append('\n').append(escape(alert.reasonZh()));
        }
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", headline.toString());

        StringBuilder context = new StringBuilder("alert ").append(escape(alert.alertId()))
                .append(" rev ").append(alert.revision())
                .append(" · team ").append(escape(alert.routeTeam()));
        if (alert.accountManager() != null && !alert.accountManager().isBlank()) {
            context.append(" · manager ").append(escape(alert.accountManager()));
        }
        ObjectNode contextBlock = blocks.addObject().put("type", "context");
        contextBlock.putArray("elements").addObject().put("type", "mrkdwn").put("text", context.toString());
        return blocks;
    }

    /** The alert as {@code cx.alerts} carries it, so programs read one shape from both, less the manager's address. */
    private static ObjectNode fields(Alert a) {
        ObjectNode o = AlertMessages.toJson(a);
        o.remove("account_manager_email");
        return o;
    }

    private static String upper(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }

    /**
     * Slack's three control characters: a scope or name taken from the data must not become a link or a
     * {@code <!channel>} mention.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

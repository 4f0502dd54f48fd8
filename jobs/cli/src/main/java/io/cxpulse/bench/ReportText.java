package io.cxpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The report as a person reads it: one section a block, one figure a line, nested figures indented. */
final class ReportText {

    private ReportText() {}

    static String render(JsonNode report) {
        StringBuilder out = new StringBuilder();
        report.fields().forEachRemaining(section -> {
            out.append(section.getKey()).append(":\n");
            write(out, section.getValue(), "  ");
        });
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node, String indent) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                out.append(indent).append("-\n");
                write(out, item, indent + "  ");
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isContainerNode()) {
                out.append(indent).append(f.getKey()).append(":\n");
                write(out, f.getValue(), indent + "  ");
            } else {
                out.append(indent).append(f.getKey()).append(": ").append(f.getValue().asText()).append('\n');
            }
        }
    }
}

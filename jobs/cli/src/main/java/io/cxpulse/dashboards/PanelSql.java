package io.cxpulse.dashboards;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of the panels' SQL, and their two renderings. {@code {from}} and {@code {to}} stand for the time
 * range as ClickHouse {@code DateTime} expressions; {@code {account_manager}}, {@code {customer}} (any other
 * {@code {name}}) for a variable's value as a quoted string literal. Placeholders are resolved before the query runs:
 * ClickHouse 18.16 has no server-side query parameters, so values are escaped into literals here.
 */
public final class PanelSql {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private PanelSql() {
    }

    /**
     * For ClickHouse directly (the live view, the tests).
     *
     * @param fromSeconds start of the range, epoch seconds (inclusive)
     * @param toSeconds   end of the range, epoch seconds (exclusive)
     * @param variables   each variable's value; a missing one is an error
     */
    public static String forClickHouse(String sql, long fromSeconds, long toSeconds, Map<String, String> variables) {
        return replace(sql, name -> switch (name) {
            case "from" -> "toDateTime(" + fromSeconds + ")";
            case "to" -> "toDateTime(" + toSeconds + ")";
            default -> {
                String value = variables.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("no value for the variable " + name);
                }
                yield stringLiteral(value);
            }
        });
    }

    /**
     * For Grafana's ClickHouse data source: the plugin's time macros, and Grafana's {@code sqlstring} format, which
     * quotes the variable's value and doubles its single quotes.
     */
    public static String forGrafana(String sql) {
        return replace(sql, name -> switch (name) {
            case "from" -> "$__fromTime";
            case "to" -> "$__toTime";
            default -> "${" + name + ":sqlstring}";
        });
    }

    /** A ClickHouse string literal holding exactly {@code value}, whatever it contains. */
    public static String stringLiteral(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String replace(String sql, Function<String, String> value) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        return m.appendTail(out).toString();
    }
}

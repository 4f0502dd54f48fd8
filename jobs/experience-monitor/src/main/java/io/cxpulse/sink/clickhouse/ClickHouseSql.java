package io.cxpulse.sink.clickhouse;

/**
 * Literals for SQL sent to ClickHouse. Servers as old as 18.16 have no query parameters, so a value from a user is
 * quoted here and nowhere else: backslash and quote escaped, so no input can end the literal and alter the query.
 */
public final class ClickHouseSql {

    private ClickHouseSql() {}

    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}

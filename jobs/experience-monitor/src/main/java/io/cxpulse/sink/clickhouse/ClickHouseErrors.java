package io.cxpulse.sink.clickhouse;

/**
 * A short, log-safe description of a ClickHouse failure. Server messages about bad rows quote the row ("before: …"),
 * which holds customer text; logs get the code and the gist, never the data.
 */
final class ClickHouseErrors {

    private static final int MAX = 160;

    private ClickHouseErrors() {}

    static String summarize(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.ExecutionException || root.getMessage() == null)) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        int cut = message.length();
        for (String marker : new String[] {"before:", "Row ", "'", "\n", ": (at row"}) {
            int i = message.indexOf(marker);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        String gist = message.substring(0, Math.min(cut, MAX)).trim();
        return root.getClass().getSimpleName() + (gist.isEmpty() ? "" : ": " + gist);
    }
}

package io.cxpulse.contract;

/** The outcome of decoding one record: exactly one of the two is non-null. */
public record Decoded<T>(T value, Rejection rejection) {

    public static <T> Decoded<T> accepted(T value) {
        return new Decoded<>(value, null);
    }

    public static <T> Decoded<T> rejected(Rejection rejection) {
        return new Decoded<>(null, rejection);
    }

    public boolean isAccepted() {
        return value != null;
    }
}

package io.cxpulse.contract;

/** Why a record was refused: a precise reason and, where one field is at fault, its JSON path. */
public record Rejection(String reason, String field) {

    static Rejection of(String reason) {
        return new Rejection(reason, null);
    }

    static Rejection atField(String field, String reason) {
        return new Rejection(field + ": " + reason, field);
    }
}

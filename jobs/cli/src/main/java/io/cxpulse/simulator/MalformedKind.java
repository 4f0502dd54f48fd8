package io.cxpulse.simulator;

/** The ways real producers break records; each must end up in the dead letter, never stop the pipeline. */
enum MalformedKind {
    NOT_JSON,
    TRUNCATED_JSON,
    MISSING_REQUIRED_FIELD,
    WRONG_TYPE,
    UNKNOWN_ENUM_VALUE,
    BAD_EVENT_TIME,
    NOT_UTF8
}

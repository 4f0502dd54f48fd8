package io.cxpulse.model;

/** Where a record came from: enough to find it again in Kafka. */
public record SourceRef(String topic, int partition, long offset, long kafkaTimestampMs) {

    /** A stable id for the record itself, independent of its content. */
    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }
}

package io.cxmonitor.events;

/** The four input streams of SPEC section 2. Each is read from its own Kafka topic. */
public enum Stream {
    CLICKSTREAM("clickstream"),
    APP("app"),
    REVIEWS("reviews"),
    SUPPORT("support");

    private final String id;

    Stream(String id) {
        this.id = id;
    }

    /** Lower-case name, used as the {@code stream} tag and in default topic names ({@code cx.<id>}). */
    public String id() {
        return id;
    }

    public String defaultTopic() {
        return "cx." + id;
    }

    /** Web and app streams carry sessions; reviews and support are tied to a known customer. */
    public boolean isDigital() {
        return this == CLICKSTREAM || this == APP;
    }
}

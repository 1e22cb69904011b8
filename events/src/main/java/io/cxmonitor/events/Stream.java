package io.cxmonitor.events;

/** The four input streams of SPEC section 2. Each is read from its own Kafka topic. */
public enum Stream {
    CLICKSTREAM("clickstream", "web"),
    APP("app", "app"),
    REVIEWS("reviews", "reviews"),
    SUPPORT("support", "support");

    private final String id;
    private final String touchpoint;

    Stream(String id, String touchpoint) {
        this.id = id;
        this.touchpoint = touchpoint;
    }

    /** Lower-case name, used as the {@code stream} tag and in default topic names ({@code cx.<id>}). */
    public String id() {
        return id;
    }

    /** Where the customer met the brand: {@code web}, {@code app}, {@code reviews} or {@code support}. */
    public String touchpoint() {
        return touchpoint;
    }

    public String defaultTopic() {
        return "cx." + id;
    }

    /** Web and app streams carry sessions; reviews and support are tied to a known customer. */
    public boolean isDigital() {
        return this == CLICKSTREAM || this == APP;
    }
}

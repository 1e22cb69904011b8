package io.cxmonitor.generator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the ground-truth file: a customer, a bad experience, an incident, a text's
 * intended sentiment, a late or malformed record. Written when the record it describes is sent.
 */
public final class TruthEntry {

    private final String type;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    TruthEntry(String type) {
        this.type = type;
    }

    TruthEntry with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public String type() {
        return type;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    Map<String, Object> fields() {
        return fields;
    }

    static TruthEntry badExperience(String customerId, String persona, String kind, String touchpoint, long ts,
            List<String> eventIds) {
        return new TruthEntry("bad_experience").with("customer_id", customerId).with("persona", persona)
                .with("kind", kind).with("touchpoint", touchpoint).with("ts", ts).with("event_ids", eventIds);
    }

    @Override
    public String toString() {
        return type + fields;
    }
}

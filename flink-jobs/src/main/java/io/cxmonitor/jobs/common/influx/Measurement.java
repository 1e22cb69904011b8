package io.cxmonitor.jobs.common.influx;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.influxdb.dto.Point;

/**
 * The schema of one InfluxDB measurement: its tags (from the allow-list {@link Tag}) and fields.
 * Jobs declare their measurements as constants, so a schema mistake fails when the job is built,
 * not when a point is written; and {@link #point(long)} refuses any tag or field not declared.
 */
public final class Measurement implements Serializable {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /**
     * Field names that would carry raw text or identifiers into InfluxDB under a harmless name. A
     * customer is written only as a keyed pseudonym (field {@code pseudonym}, SPEC 8).
     */
    private static final Set<String> FORBIDDEN_FIELDS = Set.of("text", "title", "subject", "message", "session_id",
            "ticket_id", "event_id", "anonymous_id", "customer_id", "customer", "customer_ids", "user_id", "email");

    private final String name;
    private final Set<Tag> tags;
    private final Set<String> fields;

    private Measurement(String name, Set<Tag> tags, Set<String> fields) {
        this.name = name;
        this.tags = tags;
        this.fields = fields;
    }

    /**
     * @throws IllegalArgumentException for a name that is not snake_case or a field that would
     *     carry raw text or an identifier
     */
    public static Measurement define(String name, Set<Tag> tags, String... fields) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("measurement name '" + name + "' must be snake_case");
        }
        if (fields.length == 0) {
            throw new IllegalArgumentException("measurement " + name + " needs at least one field");
        }
        Set<String> fieldSet = new LinkedHashSet<>();
        for (String field : fields) {
            String f = field.toLowerCase(Locale.ROOT);
            if (!NAME.matcher(field).matches() || FORBIDDEN_FIELDS.contains(f)) {
                throw new IllegalArgumentException("measurement " + name + " cannot have a field '" + field
                        + "': fields are snake_case and never raw text or customer, session, ticket or event ids "
                        + "(a customer is written as a pseudonym)");
            }
            fieldSet.add(field);
        }
        Set<Tag> tagSet = tags.isEmpty() ? EnumSet.noneOf(Tag.class) : EnumSet.copyOf(tags);
        return new Measurement(name, Collections.unmodifiableSet(tagSet), Collections.unmodifiableSet(fieldSet));
    }

    public String name() {
        return name;
    }

    public Set<Tag> tags() {
        return tags;
    }

    public List<String> fields() {
        return List.copyOf(fields);
    }

    /** Starts a point at a deterministic time (window end or event time), epoch milliseconds. */
    public Builder point(long timestampMillis) {
        return new Builder(timestampMillis);
    }

    /** Builds one point of this measurement. */
    public final class Builder {
        private final Point.Builder point;
        private int fieldCount;

        private Builder(long timestampMillis) {
            point = Point.measurement(name).time(timestampMillis, TimeUnit.MILLISECONDS);
        }

        /**
         * A tag value, normalized by {@link TagValues}: blank values are written as
         * {@code unknown} (InfluxDB refuses empty tags), unexpected ones as {@code other}.
         */
        public Builder tag(Tag tag, String value) {
            if (!tags.contains(tag)) {
                throw new IllegalArgumentException(name + " does not declare the tag " + tag.key());
            }
            point.tag(tag.key(), TagValues.normalize(tag, value));
            return this;
        }

        public Builder field(String field, long value) {
            checkField(field);
            point.addField(field, value);
            return this;
        }

        public Builder field(String field, double value) {
            checkField(field);
            if (Double.isFinite(value)) {
                point.addField(field, value);
            } else {
                fieldCount--; // InfluxDB has no NaN or infinity: leave the field out
            }
            return this;
        }

        public Builder field(String field, String value) {
            checkField(field);
            if (value != null) {
                point.addField(field, value);
            } else {
                fieldCount--;
            }
            return this;
        }

        public Builder field(String field, boolean value) {
            checkField(field);
            point.addField(field, value);
            return this;
        }

        public InfluxPoint build() {
            if (fieldCount <= 0) {
                throw new IllegalStateException("a point of " + name + " needs at least one field");
            }
            return new InfluxPoint(name, point.build().lineProtocol(TimeUnit.MILLISECONDS));
        }

        private void checkField(String field) {
            if (!fields.contains(field)) {
                throw new IllegalArgumentException(name + " does not declare the field " + field);
            }
            fieldCount++;
        }
    }
}

package io.cxmonitor.generator;

import io.cxmonitor.events.EventType;
import io.cxmonitor.events.EventWriter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Adds malformed records beside some plain events (never instead of one), each broken in one of
 * the ways the dead-letter topic explains, so the dead-letter path can be exercised and counted.
 */
final class Malformer {

    private final SplittableRandom random;
    private final double share;
    private final EventWriter writer = new EventWriter();

    Malformer(SplittableRandom random, double share) {
        this.random = random;
        this.share = share;
    }

    /** A malformed sibling of {@code g}, or {@code null}. */
    Generated maybe(Generated g) {
        if (share == 0 || g.event == null || random.nextDouble() >= share) {
            return null;
        }
        EventType type = g.event.type;
        if (type != EventType.PAGE_VIEW && type != EventType.SCREEN_VIEW && type != EventType.CLICK
                && type != EventType.TAP) {
            return null;
        }
        String json = new String(writer.write(g.event), StandardCharsets.UTF_8);
        String reason;
        String broken;
        switch (random.nextInt(5)) {
            case 0 -> {
                reason = "not_json";
                broken = json.substring(0, json.length() / 2);
            }
            case 1 -> {
                reason = "missing_field";
                broken = json.replaceFirst("\"event_id\":\"[^\"]*\",", "");
            }
            case 2 -> {
                reason = "wrong_type";
                broken = json.replaceFirst("\"session_id\":\"([^\"]*)\"", "\"session_id\":42");
            }
            case 3 -> {
                reason = "unknown_type";
                broken = json.replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":\"teleport\"");
            }
            default -> {
                reason = "bad_timestamp";
                broken = json.replaceFirst("\"ts\":\"[^\"]*\"", "\"ts\":\"yesterday\"");
            }
        }
        Generated bad = new Generated(g.stream, g.key, g.timestamp, broken.getBytes(StandardCharsets.UTF_8));
        bad.truth.add(new TruthEntry("malformed").with("reason", reason).with("stream", g.stream.id()));
        return bad;
    }
}

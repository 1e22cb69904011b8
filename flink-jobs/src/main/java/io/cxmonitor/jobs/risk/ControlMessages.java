package io.cxmonitor.jobs.risk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cxmonitor.domain.risk.RiskSettings;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * Reads a runtime change of the alerting settings from the control topic, on top of the current
 * ones: {@code {"threshold":0.6,"cooldown":"12 h","lookback":"90 d","weights":{"base":0.35,
 * "severity":0.35,"value":0.15,"recency":0.1,"review":0.05,"support":0.03}}}. Any field may be
 * left out; an invalid message is refused as a whole.
 */
public final class ControlMessages {

    private static final JsonFactory JSON = new JsonFactory();

    private ControlMessages() {}

    public static RiskSettings apply(RiskSettings current, byte[] message) throws IOException {
        double threshold = current.threshold;
        Duration cooldown = current.cooldown;
        Duration lookback = current.lookback;
        double[] w = {current.base, current.severityWeight, current.valueWeight, current.recencyWeight,
            current.reviewBonus, current.supportBonus};
        String[] names = {"base", "severity", "value", "recency", "review", "support"};
        try (JsonParser p = JSON.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a control message is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "threshold" -> threshold = unit(p.getValueAsDouble(Double.NaN), "threshold");
                    case "cooldown" -> cooldown = TimeUtils.parseDuration(p.getText());
                    case "lookback" -> lookback = TimeUtils.parseDuration(p.getText());
                    case "weights" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            int i = java.util.Arrays.asList(names).indexOf(name);
                            if (i < 0) {
                                throw new IOException("unknown weight '" + name + "'");
                            }
                            w[i] = unit(p.getValueAsDouble(Double.NaN), "weights." + name);
                        }
                    }
                    default -> throw new IOException("unknown setting '" + field + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new RiskSettings(threshold, cooldown, lookback, w[0], w[1], w[2], w[3], w[4], w[5]);
    }

    /** The settings as a complete control message, for the broadcast state. */
    public static String toJson(RiskSettings s) {
        return String.format(java.util.Locale.ROOT, "{\"threshold\":%s,\"cooldown\":\"%d ms\",\"lookback\":\"%d ms\","
                + "\"weights\":{\"base\":%s,\"severity\":%s,\"value\":%s,\"recency\":%s,\"review\":%s,\"support\":%s}}",
                s.threshold, s.cooldown.toMillis(), s.lookback.toMillis(), s.base, s.severityWeight, s.valueWeight,
                s.recencyWeight, s.reviewBonus, s.supportBonus);
    }

    private static double unit(double v, String name) throws IOException {
        if (!(v >= 0 && v <= 1)) {
            throw new IOException(name + " must be a number between 0 and 1");
        }
        return v;
    }
}

package io.cxmonitor.cli;

import io.cxmonitor.generator.Incident;
import io.cxmonitor.generator.Incidents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * Starts incidents on command while a live generator runs: a line such as
 * {@code checkout_outage 10m} on standard input starts that incident now, for that long.
 */
final class IncidentConsole {

    static final String HELP = "Start an incident by typing its name and duration, e.g. 'checkout_outage 10m' "
            + "(checkout_outage, slow_release, crash_spike, delivery_delays).";

    private IncidentConsole() {}

    /** Reads commands on a daemon thread until the input ends. */
    static void start(InputStream in, Incidents incidents, PrintStream out) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        out.println(apply(line, incidents, System.currentTimeMillis()));
                    }
                }
            } catch (IOException ignored) {
                // no console: incidents can still be scheduled with --incident
            }
        }, "cxmon-incident-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Applies one command and says what it did. */
    static String apply(String line, Incidents incidents, long now) {
        String[] parts = line.trim().split("\\s+");
        try {
            Incident incident = Incident.fromId(parts[0]);
            Duration duration = parts.length > 1 ? TimeUtils.parseDuration(parts[1]) : Duration.ofMinutes(10);
            incidents.schedule(incident, now, duration);
            return "Incident " + incident.id() + " started for " + duration.toSeconds() + " s.";
        } catch (IllegalArgumentException e) {
            return "Not an incident command: " + e.getMessage() + ". " + HELP;
        }
    }
}

package io.cxmonitor.jobs;

import io.cxmonitor.jobs.alerts.AlertPoints;
import io.cxmonitor.jobs.health.PipelineHealth;
import io.cxmonitor.jobs.signals.LateEvents;
import io.cxmonitor.jobs.signals.experience.ExperienceSignals;
import io.cxmonitor.jobs.signals.friction.DigitalSignals;
import io.cxmonitor.jobs.signals.support.SupportSignals;
import io.cxmonitor.jobs.signals.voice.SentimentSignals;
import io.cxmonitor.jobs.sink.InfluxSink;
import io.cxmonitor.jobs.sink.Measurement;
import java.util.List;
import java.util.Optional;

/**
 * Every measurement the jobs write to InfluxDB: the schema that dashboards and queries may
 * rely on. {@code cxmon check-dashboards} checks each panel against it.
 */
public final class Measurements {

    public static final List<Measurement> ALL = List.of(
            PipelineHealth.EVENTS, PipelineHealth.DEAD_LETTERS, LateEvents.LATE,
            SentimentSignals.SENTIMENT, SentimentSignals.SENTIMENT_15M,
            DigitalSignals.FRICTION, DigitalSignals.WEB_VITALS, DigitalSignals.APDEX, DigitalSignals.APP,
            DigitalSignals.JOURNEYS, DigitalSignals.FUNNEL,
            SupportSignals.SUPPORT, ExperienceSignals.BAD_EXPERIENCES,
            AlertPoints.ALERTS, NotifyJob.NOTIFICATIONS, InfluxSink.DROPPED);

    private Measurements() {}

    public static Optional<Measurement> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}

package io.cxmonitor.jobs;

import io.cxmonitor.jobs.anomalies.AnomalySignals;
import io.cxmonitor.jobs.common.influx.InfluxSink;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.experiences.ExperienceSignals;
import io.cxmonitor.jobs.friction.FrictionSignals;
import io.cxmonitor.jobs.health.LateEvents;
import io.cxmonitor.jobs.health.PipelineHealth;
import io.cxmonitor.jobs.incidents.IncidentPoints;
import io.cxmonitor.jobs.journeys.JourneySignals;
import io.cxmonitor.jobs.notify.NotificationSignals;
import io.cxmonitor.jobs.performance.PerformanceSignals;
import io.cxmonitor.jobs.risk.AlertPoints;
import io.cxmonitor.jobs.sentiment.SentimentSignals;
import io.cxmonitor.jobs.support.SupportSignals;
import io.cxmonitor.jobs.topics.TopicSignals;
import java.util.List;
import java.util.Optional;

/**
 * Every measurement the jobs write to InfluxDB: the schema that dashboards and queries may
 * rely on. {@code cxmon check-dashboards} checks each panel against it.
 */
public final class Measurements {

    public static final List<Measurement> ALL = List.of(
            PipelineHealth.EVENTS, PipelineHealth.DEAD_LETTERS, LateEvents.LATE,
            SentimentSignals.SENTIMENT, SentimentSignals.SENTIMENT_15M, TopicSignals.TOPICS, TopicSignals.TOPICS_15M,
            TopicSignals.EMERGING_TERMS, AnomalySignals.ANOMALIES,
            FrictionSignals.FRICTION, PerformanceSignals.WEB_VITALS, PerformanceSignals.APDEX, PerformanceSignals.APP,
            JourneySignals.JOURNEYS, JourneySignals.FUNNEL,
            SupportSignals.SUPPORT, ExperienceSignals.BAD_EXPERIENCES,
            AlertPoints.ALERTS, IncidentPoints.INCIDENTS, NotificationSignals.NOTIFICATIONS, InfluxSink.DROPPED);

    private Measurements() {}

    public static Optional<Measurement> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}

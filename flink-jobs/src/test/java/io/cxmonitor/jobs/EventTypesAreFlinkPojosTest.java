package io.cxmonitor.jobs;

import io.cxmonitor.domain.journeys.CustomerSessions;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.journeys.DeviceLink;
import io.cxmonitor.jobs.journeys.DeviceSession;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceCounts;
import io.cxmonitor.domain.friction.FrictionCounts;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.domain.performance.Apdex;
import io.cxmonitor.domain.performance.AppHealth;
import io.cxmonitor.domain.sentiment.SentimentStats;
import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.domain.support.SupportFact;
import io.cxmonitor.domain.support.SupportStats;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.windows.MinuteCounts;
import io.cxmonitor.jobs.experiences.ExperienceSignals;
import io.cxmonitor.jobs.friction.FrictionSignals;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import io.cxmonitor.jobs.journeys.TrackedSubject;
import io.cxmonitor.jobs.notify.NotificationSignals;
import io.cxmonitor.jobs.performance.PerformanceSample;
import io.cxmonitor.jobs.performance.PerformanceSignals;
import io.cxmonitor.jobs.sentiment.ScoredText;
import io.cxmonitor.jobs.sentiment.SentimentSignals;
import java.util.List;
import io.cxmonitor.domain.anomalies.AnomalyTracker;
import io.cxmonitor.domain.anomalies.SeasonalBaseline;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.topics.EmergingTerms;
import io.cxmonitor.jobs.anomalies.AnomalyEvent;
import io.cxmonitor.jobs.anomalies.SeriesValue;
import io.cxmonitor.jobs.topics.EmergingTermsReport;
import io.cxmonitor.jobs.topics.TopicSignals;
import org.junit.jupiter.api.Test;

/** Kryo is slow and breaks state compatibility on upgrades: every type that flows must be a POJO. */
class EventTypesAreFlinkPojosTest {

    @Test
    void eventsDeadLettersAndPointsSerializeAsPojosWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(CxEvent.class);
        assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        assertSerializedAsPojoWithoutKryo(ParsedRecord.class);
        assertSerializedAsPojoWithoutKryo(InfluxPoint.class);
    }

    @Test
    void windowKeysAndAccumulatorsSerializeWithoutKryo() {
        for (Class<?> type : List.of(FrictionSignals.Where.class, PerformanceSignals.Key.class,
                SentimentSignals.Origin.class, ExperienceSignals.What.class, NotificationSignals.Outcome.class,
                AppHealth.class, ExperienceCounts.class, PerformanceSample.class, Samples.class, Apdex.class,
                SentimentStats.class, SupportStats.class, FrictionCounts.class, FrictionEvent.class,
                BadExperience.class, ScoredText.class, SupportFact.class, IncidentGroup.class,
                MinuteCounts.Count.class, TrackedSubject.class, DeviceSession.class, DeviceLink.class, CustomerSessions.class,
                ForgetRequest.class, ForgetApplied.class, TopicSignals.TopicMention.class, TopicSignals.Key.class,
                EmergingTerms.class, EmergingTermsReport.class, AnomalyTracker.class, SeasonalBaseline.class,
                SeriesValue.class, AnomalyEvent.class, Incident.class)) {
            assertSerializedAsPojoWithoutKryo(type);
        }
    }
}

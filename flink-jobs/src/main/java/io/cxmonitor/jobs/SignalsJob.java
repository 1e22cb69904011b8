package io.cxmonitor.jobs;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.EventExperiences;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.support.Tickets;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.config.SignalRules;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.PointsTopic;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.common.types.CxEventType;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import io.cxmonitor.jobs.experiences.ExperienceSignals;
import io.cxmonitor.jobs.experiences.LateExperiences;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.jobs.anomalies.AnomalySignals;
import io.cxmonitor.jobs.incidents.IncidentPoints;
import io.cxmonitor.jobs.topics.EmergingTermsReport;
import io.cxmonitor.jobs.topics.TopicSignals;
import io.cxmonitor.jobs.friction.FrictionSignals;
import io.cxmonitor.jobs.health.LateEvents;
import io.cxmonitor.jobs.health.PipelineHealth;
import io.cxmonitor.jobs.ingest.Deduplicate;
import io.cxmonitor.jobs.ingest.EventIngest;
import io.cxmonitor.jobs.ingest.EventRouter;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import io.cxmonitor.jobs.journeys.JourneyJoiner;
import io.cxmonitor.jobs.journeys.JourneySignals;
import io.cxmonitor.jobs.journeys.SessionTracker;
import io.cxmonitor.jobs.performance.PerformanceSignals;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import io.cxmonitor.jobs.privacy.Privacy;
import io.cxmonitor.jobs.sentiment.SentimentSignals;
import io.cxmonitor.jobs.support.RepeatContacts;
import io.cxmonitor.jobs.support.SupportSignals;
import io.cxmonitor.jobs.support.TicketTracker;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The CX signals job: reads the four input streams once, drops repeated events, and computes every
 * signal of SPEC section 3 from them, publishing the points on {@code cx.points} (which
 * {@link InfluxJob} writes to InfluxDB) and the bad experiences on {@code cx.experiences}. One job
 * rather than one per signal, so that each record is read, parsed, de-duplicated and
 * dead-lettered exactly once.
 *
 * <p>Run on a cluster with {@code flink run cxmon-flink-jobs-*-job.jar --config cxmon.properties}.
 */
public final class SignalsJob {

    public static final String NAME = "cx-signals";

    private SignalsJob() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(NAME, args, SignalsJob::define);
    }

    /** The operators that keep customers, each of which must apply a request to forget one. */
    public static final List<String> FORGETTING = List.of(Deduplicate.FORGETS, SessionTracker.FORGETS,
            JourneyJoiner.FORGETS, TicketTracker.FORGETS, RepeatContacts.FORGETS);

    /**
     * What the signals produce, for the sinks {@link #define} attaches (or a test collects).
     *
     * @param forgotten each operator's report that it applied a request to forget a customer
     * @param emergingTerms null with {@code topics.enabled=false}
     * @param incidents the anomalies as incidents; null with {@code anomalies.enabled=false}
     */
    public record Outputs(DataStream<InfluxPoint> points, DataStream<BadExperience> experiences,
            DataStream<DeadLetter> deadLetters, DataStream<ForgetApplied> forgotten,
            DataStream<EmergingTermsReport> emergingTerms, DataStream<Incident> incidents) {}

    /** Adds the job's operators to {@code env}, from Kafka to Kafka; the caller executes it. */
    public static void define(StreamExecutionEnvironment env, CxConfig config) {
        JobLauncher.stateful(env, config);
        // No function here mutates its input, so chained operators may share objects (the session
        // tracker keeps events waiting for the watermark, which is safe as long as none mutates one).
        env.getConfig().enableObjectReuse();
        DataStream<ParsedRecord> records = env
                .fromSource(EventIngest.source(config, NAME), EventIngest.watermarks(config), "Kafka: CX events")
                .uid("kafka-source");
        Outputs out = pipeline(records, Privacy.requests(env, config, NAME), config);
        out.deadLetters().sinkTo(EventIngest.deadLetterSink(config))
                .uid("dead-letter-sink")
                .name("Kafka: dead letters");
        out.experiences().sinkTo(ExperienceSignals.sink(config))
                .uid("experiences-sink")
                .name("Kafka: bad experiences");
        alertPathFlushesWithin(out.experiences(), ALERT_PATH_BUFFER_TIMEOUT_MS);
        if (out.emergingTerms() != null) {
            out.emergingTerms().sinkTo(KafkaTopics.sink(config, config.get(CxOptions.TOPIC_EMERGING_TERMS),
                            KafkaTopics.unkeyed(), EmergingTermsReport::toJson))
                    .uid("emerging-terms-sink")
                    .name("Kafka: emerging terms");
        }
        if (out.incidents() != null) {
            out.incidents().sinkTo(KafkaTopics.sink(config, config.get(CxOptions.TOPIC_INCIDENTS), i -> i.dedupKey,
                            IncidentJson::write))
                    .uid("anomaly-incidents-sink")
                    .name("Kafka: anomalies as incidents");
        }
        out.points().sinkTo(PointsTopic.sink(config))
                .uid("points-sink")
                .name("Kafka: points");
        Privacy.acknowledge(out.forgotten(), FORGETTING, config, NAME, config.get(CxOptions.TOPIC_EXPERIENCES));
    }

    /** How long a network buffer on a bad experience's way to its topic waits to fill. */
    static final long ALERT_PATH_BUFFER_TIMEOUT_MS = 10;

    /**
     * A bad experience is on its way to an alert: on the thinner streams (support, reviews) a network
     * buffer would wait up to Flink's default 100 ms at every hop to fill, so every operator before
     * their sink flushes within {@code millis}. The rest keeps the default: the window tasks, whose
     * points change once a minute, each woke a hundred times a second to flush and together took 8%
     * of the job's CPU.
     */
    static void alertPathFlushesWithin(DataStream<?> experiences, long millis) {
        for (Transformation<?> t : experiences.getTransformation().getTransitivePredecessors()) {
            t.setBufferTimeout(millis);
        }
    }

    /**
     * Every signal of SPEC 3 from parsed records that carry event time and watermarks, forgetting
     * the customers that {@code forget} names (SPEC 8).
     */
    public static Outputs pipeline(DataStream<ParsedRecord> records, DataStream<ForgetRequest> forget, CxConfig config) {
        EventIngest ingest = EventIngest.split(records);
        WindowSettings windows = WindowSettings.from(config);
        KeyedStream<ForgetRequest, String> forgetByCustomer = forget.keyBy(r -> r.customerId, Types.STRING);
        SingleOutputStreamOperator<CxEvent> deduplicated = ingest.events()
                .keyBy(CxEvent::deviceId, Types.STRING)
                .connect(forgetByCustomer)
                .process(new Deduplicate(config.get(CxOptions.EVENTS_DEDUP_WINDOW)), CxEventType.INSTANCE)
                .uid("deduplicate-v3")
                .name("Drop repeated events");
        SingleOutputStreamOperator<CxEvent> onTime = deduplicated
                .process(new EventRouter(windows.allowedLateness), CxEventType.INSTANCE)
                .uid("route-events")
                .name("Route events, split off late ones");
        DataStream<CxEvent> digital = onTime.getSideOutput(EventRouter.DIGITAL);
        // De-duplication keyed the events by device already, and routing keeps them where they
        // are: sessions, keyed alike, take them without a second trip through the network stack.
        // This holds while both operators keep the job's parallelism and max parallelism.
        KeyedStream<CxEvent, String> digitalByDevice =
                DataStreamUtils.reinterpretAsKeyedStream(digital, CxEvent::deviceId, Types.STRING);
        DataStream<CxEvent> voice = onTime.getSideOutput(EventRouter.VOICE);

        Duration emittedWithin = JourneySignals.emittedWithin(SignalRules.sessions(config));
        FrictionRules frictionRules = SignalRules.friction(config);
        Funnel funnel = SignalRules.funnel(config);
        JourneySignals journeys = JourneySignals.attach(digitalByDevice, forget,
                new SessionAnalyzer(frictionRules, funnel), funnel, SignalRules.sessions(config), windows);
        DataStream<InfluxPoint> friction = FrictionSignals.points(journeys.friction(), emittedWithin, windows);
        DataStream<InfluxPoint> performance = PerformanceSignals.attach(digital, frictionRules.vitals,
                frictionRules.apdexMillis, windows);
        ExperienceRules experienceRules = SignalRules.experiences(config);
        SentimentSignals sentiment = SentimentSignals.attach(voice, experienceRules, SignalRules.topics(config), windows);
        boolean withTopics = config.get(CxOptions.TOPICS_ENABLED);
        DataStream<EmergingTermsReport> emerging = withTopics ? TopicSignals.emergingTerms(sentiment.texts()) : null;
        DataStream<InfluxPoint> topics = withTopics ? TopicSignals.points(sentiment.texts(), windows)
                .union(emerging.map(TopicSignals::point).returns(InfluxPoint.class).name("Emerging terms points")) : null;
        SupportSignals support = SupportSignals.attach(voice, forget, new Tickets(SignalRules.support(config)), experienceRules,
                config.get(CxOptions.TICKET_RETENTION), config.get(CxOptions.REPEAT_CONTACT_WINDOW), windows);
        DataStream<CxEvent> late = onTime.getSideOutput(EventRouter.LATE);
        // A crash reported at the app's next start is late for every window, not for its customer.
        EventExperiences ofItself = new EventExperiences(new SessionAnalyzer(frictionRules, funnel), experienceRules,
                SignalRules.topics(config));
        DataStream<BadExperience> lateExperiences = late
                .keyBy(CxEvent::deviceId, Types.STRING)
                .process(new LateExperiences(ofItself, SignalRules.sessions(config)))
                .uid("late-experiences").name("Bad experiences of late events");
        DataStream<BadExperience> experiences =
                journeys.experiences().union(sentiment.experiences(), support.experiences(), lateExperiences);
        DataStream<InfluxPoint> experiencePoints = ExperienceSignals.points(experiences, emittedWithin, windows);
        DataStream<InfluxPoint> latePoints = late
                .keyBy(e -> e.stream.id(), Types.STRING)
                .process(new LateEvents(windows.updateInterval))
                .uid("late-events")
                .name("Late events per minute");

        DataStream<InfluxPoint> signals = PipelineHealth.points(onTime, ingest.deadLetters(), windows)
                .union(journeys.points(), friction, performance, sentiment.points(), support.points(),
                        experiencePoints, latePoints);
        if (withTopics) {
            signals = signals.union(topics);
        }
        DataStream<InfluxPoint> points = signals;
        DataStream<Incident> anomalyIncidents = null;
        if (config.get(CxOptions.ANOMALIES_ENABLED)) {
            AnomalySignals.Outputs anomalies = AnomalySignals.attach(signals, SignalRules.anomalies(config), emittedWithin);
            anomalyIncidents = anomalies.incidents();
            points = signals.union(
                    anomalies.anomalies().map(AnomalySignals::point).returns(InfluxPoint.class).name("Anomaly points"),
                    anomalyIncidents.map(IncidentPoints::of).returns(InfluxPoint.class).name("Anomaly incident points"));
        }
        DataStream<ForgetApplied> forgotten = deduplicated.getSideOutput(ForgetApplied.TAG)
                .union(journeys.forgotten(), support.forgotten());
        return new Outputs(points, experiences, ingest.deadLetters(), forgotten, emerging, anomalyIncidents);
    }
}

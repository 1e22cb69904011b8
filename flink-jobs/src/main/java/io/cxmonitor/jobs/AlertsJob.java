package io.cxmonitor.jobs;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.domain.incidents.IncidentSettings;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.domain.risk.RiskSettings;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.PointsTopic;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.incidents.IncidentFunction;
import io.cxmonitor.jobs.incidents.IncidentPoints;
import io.cxmonitor.jobs.risk.AlertPoints;
import io.cxmonitor.jobs.risk.AlertSources;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import io.cxmonitor.jobs.privacy.Privacy;
import io.cxmonitor.jobs.risk.LinkedCustomers;
import io.cxmonitor.jobs.risk.RiskInput;
import io.cxmonitor.jobs.risk.RiskOutcome;
import io.cxmonitor.jobs.risk.SwitchingRiskFunction;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switching-risk job (SPEC 3.6, 5 and 6): reads every customer's bad experiences from
 * {@code cx.experiences} and their activity and purchases from the input topics, and publishes
 * alert state changes on {@code cx.alerts}, incidents on {@code cx.incidents}, and their
 * dashboard points on {@code cx.points}: never waiting for InfluxDB. Thresholds and weights can change while it runs, through the
 * control topic.
 *
 * <p>Alerts are delivered at least once; their ids are derived from their inputs, so a replay
 * repeats the same ids and receivers de-duplicate on {@code alert_id} and {@code dedup_key}.
 */
public final class AlertsJob {

    public static final String NAME = "cx-alerts";
    private static final Logger LOG = LoggerFactory.getLogger(AlertsJob.class);

    private AlertsJob() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(NAME, args, AlertsJob::define);
    }

    public static RiskSettings settings(CxConfig config) {
        RiskSettings d = RiskSettings.DEFAULT;
        return new RiskSettings(config.get(CxOptions.ALERT_THRESHOLD), config.get(CxOptions.ALERT_COOLDOWN),
                config.get(CxOptions.ALERT_LOOKBACK), d.base, d.severityWeight, d.valueWeight, d.recencyWeight,
                d.reviewBonus, d.supportBonus);
    }

    /**
     * The key of the pseudonyms in InfluxDB: the configured one, or a random one for this
     * submission, said in the log (never its value).
     */
    static String pseudonymSecret(CxConfig config) {
        String secret = config.get(CxOptions.PRIVACY_PSEUDONYM_SECRET);
        if (!secret.isEmpty()) {
            return secret;
        }
        LOG.warn("{} is not set: alerts go to InfluxDB under pseudonyms of a random key, which change with every "
                + "submission of cx-alerts and which ./cxmon whois cannot resolve. Set the environment variable "
                + "CX_PRIVACY_PSEUDONYM_SECRET (e.g. to the output of 'openssl rand -hex 32') and keep it.",
                CxOptions.PRIVACY_PSEUDONYM_SECRET.key());
        return Pseudonyms.newSecret();
    }

    /** Adds the job's operators to {@code env}, from Kafka to Kafka; the caller executes it. */
    public static void define(StreamExecutionEnvironment env, CxConfig config) {
        configure(env, config);
        publish(pipeline(inputs(env, config), AlertSources.control(env, config, NAME), config), config);
    }

    /** Checkpoints as every job takes them, and network buffers that do not hold an alert back. */
    public static void configure(StreamExecutionEnvironment env, CxConfig config) {
        JobLauncher.stateful(env, config);
        env.getConfig().enableObjectReuse();
        // Alerts are about seconds: do not let network buffers wait for the default 100 ms.
        env.setBufferTimeout(5);
    }

    /**
     * Customers' bad experiences and activity, from Kafka, in event time; and requests to forget a
     * customer (SPEC 8), outside it.
     */
    public static DataStream<RiskInput> inputs(StreamExecutionEnvironment env, CxConfig config) {
        return AlertSources.experiences(env, config, NAME).union(AlertSources.activity(env, config, NAME),
                Privacy.requests(env, config, NAME).map(RiskInput::forget).returns(RiskInput.class)
                        .name("Requests to forget"));
    }

    /** The operators that keep customers, each of which must apply a request to forget one. */
    public static final List<String> FORGETTING = List.of(LinkedCustomers.FORGETS, SwitchingRiskFunction.FORGETS,
            IncidentFunction.FORGETS);

    /**
     * What the job publishes: customer alerts (SPEC 5) and incidents (SPEC 6).
     *
     * @param forgotten each operator's report that it applied a request to forget a customer
     */
    public record Outputs(DataStream<Alert> alerts, DataStream<Incident> incidents, DataStream<ForgetApplied> forgotten) {}

    /**
     * Alerts to {@code cx.alerts}, keyed by customer; incidents to {@code cx.incidents}, keyed by
     * their dedup key; the points of both to {@code cx.points}.
     */
    public static void publish(Outputs out, CxConfig config) {
        out.alerts().sinkTo(KafkaTopics.sink(config, config.get(CxOptions.TOPIC_ALERTS), a -> a.customerId,
                AlertJson::write))
                .uid("alerts-sink")
                .name("Kafka: alerts");
        out.incidents().sinkTo(KafkaTopics.sink(config, config.get(CxOptions.TOPIC_INCIDENTS), i -> i.dedupKey,
                IncidentJson::write))
                .uid("incidents-sink")
                .name("Kafka: incidents");
        out.alerts().map(new AlertPoints(pseudonymSecret(config))).returns(InfluxPoint.class).name("Alert points")
                .union(out.incidents().map(IncidentPoints::of).returns(InfluxPoint.class).name("Incident points"))
                .sinkTo(PointsTopic.sink(config))
                .uid("points-sink")
                .name("Kafka: points");
        Privacy.acknowledge(out.forgotten(), FORGETTING, config, NAME, config.get(CxOptions.TOPIC_ALERTS));
    }

    public static IncidentSettings incidentSettings(CxConfig config) {
        return new IncidentSettings(config.get(CxOptions.INCIDENT_MIN_CUSTOMERS), config.get(CxOptions.INCIDENT_GROUP_WAIT),
                config.get(CxOptions.INCIDENT_MIN_RATIO), config.get(CxOptions.INCIDENT_GROUP_INTERVAL),
                config.get(CxOptions.INCIDENT_RESOLVE_AFTER), config.get(CxOptions.INCIDENT_BASELINE));
    }

    /**
     * Alert state changes and incidents from customers' bad experiences and activity (with event
     * time), under the settings of the configuration and of the control messages. Each alert
     * passes the incidents of its group, which add the incident that covers it.
     */
    public static Outputs pipeline(DataStream<RiskInput> inputs, DataStream<String> control, CxConfig config) {
        BroadcastStream<String> settings = control.broadcast(SwitchingRiskFunction.SETTINGS);
        DataStream<ForgetRequest> forget = inputs.filter(r -> r.forgetRequestId != null)
                .map(RiskInput::forgetRequest).returns(ForgetRequest.class).name("Requests to forget");
        // a device's events without a customer id are those of the customer it is linked to (SPEC 3.3)
        SingleOutputStreamOperator<RiskInput> linked = inputs
                .filter(r -> r.anonymousId != null && r.forgetRequestId == null).name("Events of devices")
                .keyBy(r -> r.anonymousId, Types.STRING)
                .connect(forget.broadcast(Privacy.NO_BROADCAST_STATE))
                .process(new LinkedCustomers(config.get(CxOptions.IDENTITY_LINK_TTL)))
                .uid("identity-links")
                .name("Devices linked to customers");
        SingleOutputStreamOperator<RiskOutcome> risks = inputs
                .filter(r -> r.anonymousId == null || r.forgetRequestId != null).name("Customers' inputs")
                .union(linked)
                .keyBy(r -> r.customerId, Types.STRING)
                .connect(settings)
                .process(new SwitchingRiskFunction(settings(config), config.get(CxOptions.EVENTS_DEDUP_WINDOW)))
                .uid("switching-risk")
                .name("Switching risk per customer");
        // the incidents forget a customer once switching risk has, and look in every group for them
        DataStream<ForgetRequest> forgetInIncidents = risks.getSideOutput(ForgetApplied.TAG)
                .map(ForgetApplied::request).returns(ForgetRequest.class).name("Forgotten by switching risk");
        SingleOutputStreamOperator<Alert> alerts = risks
                .keyBy(o -> IncidentGroup.of(o.experience), TypeInformation.of(IncidentGroup.class))
                .connect(forgetInIncidents.broadcast(Privacy.NO_BROADCAST_STATE))
                .process(new IncidentFunction(incidentSettings(config), config.get(CxOptions.WATERMARK_OUT_OF_ORDERNESS)))
                .uid("incidents")
                .name("Incidents per group");
        return new Outputs(alerts, alerts.getSideOutput(IncidentFunction.INCIDENTS),
                risks.getSideOutput(ForgetApplied.TAG).union(alerts.getSideOutput(ForgetApplied.TAG),
                        linked.getSideOutput(ForgetApplied.TAG)));
    }
}

package io.cxmonitor.jobs.support;

import io.cxmonitor.jobs.privacy.Privacy;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.support.SupportFact;
import io.cxmonitor.domain.support.SupportStats;
import io.cxmonitor.domain.support.Tickets;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The support and survey KPIs of SPEC 3.4, per minute and channel, and the bad experiences of
 * support.
 *
 * @param experiences slow first responses, low survey answers, reopened tickets
 * @param forgotten the trackers' reports of customers forgotten
 */
public record SupportSignals(DataStream<InfluxPoint> points, DataStream<BadExperience> experiences,
        DataStream<ForgetApplied> forgotten) {

    public static final Measurement SUPPORT = Measurement.define("cx_support", EnumSet.of(Tag.CHANNEL),
            "tickets_opened", "tickets_resolved", "tickets_reopened", "reopen_rate", "repeat_contacts",
            "repeat_contact_rate", "csat", "csat_answers", "nps", "nps_answers", "ces", "ces_answers",
            "first_response_p50_s", "first_response_p90_s", "first_responses", "resolution_p50_s",
            "resolution_p90_s", "resolutions");

    public static SupportSignals attach(DataStream<CxEvent> voice, DataStream<ForgetRequest> forget, Tickets tickets,
            ExperienceRules rules, Duration ticketRetention, Duration repeatWindow, WindowSettings windows) {
        DataStream<CxEvent> support = voice.filter(e -> e.stream == Stream.SUPPORT).name("Support events");
        SingleOutputStreamOperator<SupportFact> ticketFacts = support
                .filter(e -> e.ticketId != null && !isSurvey(e.type)).name("Ticket events")
                .keyBy(e -> e.ticketId, Types.STRING)
                .connect(forget.broadcast(Privacy.NO_BROADCAST_STATE))
                .process(new TicketTracker(tickets, ticketRetention))
                .uid("ticket-tracker")
                .name("Tickets: response and resolution times, SLA");
        SingleOutputStreamOperator<SupportFact> repeats = support
                .filter(e -> e.type == EventType.TICKET_OPENED && e.ticketId != null).name("Ticket openings")
                .keyBy(e -> e.customerId, Types.STRING)
                .connect(forget.keyBy(r -> r.customerId, Types.STRING))
                .process(new RepeatContacts(repeatWindow))
                .uid("repeat-contacts")
                .name("Repeat contacts");
        DataStream<SupportFact> surveys = support
                .filter(e -> isSurvey(e.type) && e.score != null).name("Survey answers")
                .map(SupportSignals::surveyFact).returns(SupportFact.class).name("Survey facts");

        DataStream<BadExperience> answers = support
                .flatMap((CxEvent e, Collector<BadExperience> out) -> {
                    BadExperience bad = rules.ofSupportEvent(e);
                    if (bad != null) {
                        out.collect(bad);
                    }
                }).returns(BadExperience.class).name("Low survey answers, reopened tickets");

        DataStream<InfluxPoint> points = MinuteWindows.tumbling(
                ticketFacts.union(repeats, surveys).keyBy(f -> Tag.CHANNEL.value(f.channel), Types.STRING),
                windows, Accumulate.of(SupportStats.class, SupportStats::new, SupportStats::add, SupportStats::merge),
                SupportSignals::point, "support-per-minute", "Support KPIs per minute");
        return new SupportSignals(points, ticketFacts.getSideOutput(TicketTracker.EXPERIENCES).union(answers),
                ticketFacts.getSideOutput(ForgetApplied.TAG).union(repeats.getSideOutput(ForgetApplied.TAG)));
    }

    private static boolean isSurvey(EventType type) {
        return type == EventType.CSAT || type == EventType.NPS || type == EventType.CES;
    }

    private static SupportFact surveyFact(CxEvent e) {
        SupportFact.Kind kind = e.type == EventType.CSAT ? SupportFact.Kind.CSAT
                : e.type == EventType.NPS ? SupportFact.Kind.NPS : SupportFact.Kind.CES;
        return new SupportFact(e.channel == null ? "unknown" : e.channel, kind, e.score);
    }

    static void point(String channel, long end, SupportStats s, Consumer<InfluxPoint> out) {
        out.accept(SUPPORT.point(end)
                .tag(Tag.CHANNEL, channel)
                .field("tickets_opened", s.opened)
                .field("tickets_resolved", s.resolved)
                .field("tickets_reopened", s.reopened)
                .field("reopen_rate", s.reopenRate())
                .field("repeat_contacts", s.repeatContacts)
                .field("repeat_contact_rate", s.repeatContactRate())
                .field("csat", s.csat())
                .field("csat_answers", s.csatAnswers)
                .field("nps", s.nps())
                .field("nps_answers", s.npsAnswers)
                .field("ces", s.ces())
                .field("ces_answers", s.cesAnswers)
                .field("first_response_p50_s", s.firstResponseSeconds.percentile(0.5))
                .field("first_response_p90_s", s.firstResponseSeconds.percentile(0.9))
                .field("first_responses", (long) s.firstResponseSeconds.size)
                .field("resolution_p50_s", s.resolutionSeconds.percentile(0.5))
                .field("resolution_p90_s", s.resolutionSeconds.percentile(0.9))
                .field("resolutions", (long) s.resolutionSeconds.size)
                .build());
    }
}

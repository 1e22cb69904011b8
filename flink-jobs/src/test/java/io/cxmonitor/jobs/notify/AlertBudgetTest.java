package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.risk.Alert;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertBudgetTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_795_424_400_000L; // on a minute

    private KeyedOneInputStreamOperatorTestHarness<String, Notification, Notification> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AlertBudget(3), n -> "team", Types.STRING);
        harness.setProcessingTime(T0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String customer) throws Exception {
        Alert a = new Alert();
        a.alertId = "al-" + customer;
        a.customerId = customer;
        harness.processElement(new StreamRecord<>(Notification.of(a)));
    }

    private List<Notification> out() {
        return harness.extractOutputValues();
    }

    @Test
    void threeAMinuteOneByOneAndTheRestInOneDigestAtTheMinutesEndNoneDropped() throws Exception {
        for (int i = 0; i < 8; i++) {
            send("c" + i);
        }
        assertThat(out()).extracting(Notification::id).containsExactly("al-c0", "al-c1", "al-c2");

        harness.setProcessingTime(T0 + MINUTE);
        assertThat(out()).hasSize(4);
        Notification digest = out().get(3);
        assertThat(digest.id()).startsWith("dg-");
        assertThat(Arrays.stream(digest.digest).map(a -> a.customerId)).containsExactly("c3", "c4", "c5", "c6", "c7");

        send("c8"); // a new minute, a new budget
        assertThat(out()).extracting(Notification::id).last().isEqualTo("al-c8");
    }

    /** SPEC 8: a customer forgotten while their alert waits for the digest is not in it. */
    @Test
    void aForgottenCustomerLeavesTheDigestTheirAlertWaitedFor() throws Exception {
        for (int i = 0; i < 6; i++) {
            send("c" + i);
        }
        harness.processElement(new StreamRecord<>(Notification.forgotten("c4")));
        harness.processElement(new StreamRecord<>(Notification.forgotten("c1"))); // sent already: nothing to do
        harness.setProcessingTime(T0 + MINUTE);
        assertThat(out()).hasSize(4);
        assertThat(Arrays.stream(out().get(3).digest).map(a -> a.customerId)).containsExactly("c3", "c5");
        assertThat(out()).noneMatch(n -> n.forgotten != null);
    }

    @Test
    void aLongMinuteComesInDigestsOfAHundred() throws Exception {
        for (int i = 0; i < 3 + 250; i++) {
            send("c" + i);
        }
        harness.setProcessingTime(T0 + MINUTE);
        assertThat(out().subList(3, out().size())).extracting(n -> n.digest.length).containsExactly(100, 100, 50);
        assertThat(out().subList(3, out().size())).extracting(Notification::id).doesNotHaveDuplicates();
    }
}

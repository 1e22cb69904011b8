package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.anomalies.AnomalySettings;
import io.cxmonitor.domain.anomalies.AnomalyTracker;
import io.cxmonitor.domain.anomalies.SeasonalBaseline;
import io.cxmonitor.domain.journeys.CustomerSessions;
import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.domain.risk.AlertState;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.journeys.TrackedSubject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State written by the version before restores into this one, as a savepoint's would: the previous
 * shape of each changed state class (test resources {@code previous-state/}) is compiled and loaded
 * apart, a value of it is written with its Flink serializer and that serializer's snapshot, and the
 * snapshot, read back with this version's classes, must accept the new shape and read the value.
 * This is what Flink does with keyed state of a changed POJO on restore.
 */
class PreviousStateRestoresTest {

    private static final String SESSION_STATE = "io.cxmonitor.domain.journeys.SessionState";
    private static final String CUSTOMER_SESSIONS = "io.cxmonitor.domain.journeys.CustomerSessions";
    private static final String ALERT_STATE = "io.cxmonitor.domain.risk.AlertState";
    private static final String ANOMALY_TRACKER = "io.cxmonitor.domain.anomalies.AnomalyTracker";
    private static final String TRACKED_SUBJECT = "io.cxmonitor.jobs.journeys.TrackedSubject";

    @TempDir
    Path dir;

    @Test
    void theJourneyJoinersFinishedSessionsRestoreWithoutTheirOldBurstAndSubjectFields() throws Exception {
        ClassLoader previous = previousVersion(SESSION_STATE, CUSTOMER_SESSIONS);
        Class<?> oldSession = previous.loadClass(SESSION_STATE);
        Object finished = oldSession.getConstructor().newInstance();
        set(finished, "customerId", "c-1");
        set(finished, "subjectId", "c-1"); // a field this version no longer has
        set(finished, "eventCount", 7);
        set(finished, "burstCount", 0); // as every finished session: burstX, burstY and burstElement null
        Object open = oldSession.getConstructor().newInstance();
        set(open, "burstCount", 2);
        set(open, "burstX", 120.0);
        set(open, "burstY", 80.0);
        set(open, "burstElement", "#pay");
        Object sessions = previous.loadClass(CUSTOMER_SESSIONS).getConstructor().newInstance();
        Object array = Array.newInstance(oldSession, 2);
        Array.set(array, 0, finished);
        Array.set(array, 1, open);
        set(sessions, "finished", array);

        CustomerSessions restored = restore(sessions, CustomerSessions.class);

        assertThat(restored.finished).hasSize(2);
        SessionState first = restored.finished[0];
        assertThat(first.customerId).isEqualTo("c-1");
        assertThat(first.eventCount).isEqualTo(7);
        assertThat(first.burstHasPoint).isFalse();
        SessionState second = restored.finished[1];
        assertThat(second.burstCount).isEqualTo(2);
        assertThat(second.burstHasPoint).as("the old point is dropped, not misread").isFalse();
        assertThat(second.burstElementHash).isZero();
    }

    @Test
    void theSwitchingRiskStateRestoresWithNoPurchasesCountedYet() throws Exception {
        Object old = previousVersion(ALERT_STATE).loadClass(ALERT_STATE).getConstructor().newInstance();
        set(old, "risk", 0.72);
        set(old, "paged", true);
        set(old, "firstKind", "checkout_failure");
        set(old, "experienceTimes", new long[] {1_000L});
        set(old, "experienceHashes", new long[] {42L});

        AlertState restored = restore(old, AlertState.class);

        assertThat(restored.risk).isEqualTo(0.72);
        assertThat(restored.paged).isTrue();
        assertThat(restored.firstKind).isEqualTo("checkout_failure");
        assertThat(restored.experienceHashes).containsExactly(42L);
        assertThat(restored.purchasesSeen).as("a field the savepoint did not have").isEmpty();
        assertThat(restored.expiryTimer).as("kept apart by that version: looked up there").isEqualTo(AlertState.NO_TIMER);
    }

    @Test
    void anAnomalyTrackerRestoresOpenWithItsBaselineAndPoolsFromThenOn() throws Exception {
        Object old = previousVersion(ANOMALY_TRACKER).loadClass(ANOMALY_TRACKER).getConstructor().newInstance();
        SeasonalBaseline baseline = new SeasonalBaseline();
        baseline.recentMean = 0.01;
        baseline.recentVariance = 0.0001;
        baseline.recentSamples = 600;
        set(old, "baseline", baseline);
        set(old, "open", true);
        set(old, "lastMinute", 1_795_392_000_000L);

        AnomalyTracker restored = restore(old, AnomalyTracker.class);

        assertThat(restored.open).isTrue();
        assertThat(restored.lastMinute).isEqualTo(1_795_392_000_000L);
        assertThat(restored.baseline.recentSamples).isEqualTo(600);
        assertThat(restored.pool).as("a field the savepoint did not have").isNull();
        restored.observe(1_795_392_060_000L, 0.2, 5, 20, 0.005, AnomalySettings.DEFAULT);
        assertThat(restored.pool.size).as("a thin minute is pooled from the restore on").isEqualTo(1);
    }

    @Test
    void anOpenSessionRestoresWithoutItsBoxedTimerTimesLeavingTheCloseTimerToBeAdopted() throws Exception {
        Object old = previousVersion(TRACKED_SUBJECT).loadClass(TRACKED_SUBJECT).getConstructor().newInstance();
        SessionState open = new SessionState();
        open.customerId = "c-1";
        open.eventCount = 3;
        CxEvent waiting = new CxEvent(Stream.CLICKSTREAM, EventType.PAGE_VIEW, "e-4", 1_795_392_060_000L);
        set(old, "session", open);
        set(old, "waiting", new CxEvent[] {waiting});
        set(old, "waitingCount", 1);
        set(old, "wakeAt", 1_795_392_060_000L); // fields this version no longer has
        set(old, "closeAt", 1_795_393_800_000L);
        set(old, "reportedAt", 1_795_392_000_000L);

        TrackedSubject restored = restore(old, TrackedSubject.class);

        assertThat(restored.session.eventCount).isEqualTo(3);
        assertThat(restored.waitingCount).isEqualTo(1);
        assertThat(restored.waiting[0].eventId).isEqualTo("e-4");
        assertThat(restored.reportedAt).isEqualTo(1_795_392_000_000L);
        assertThat(restored.closeTimer).as("the timer that fires next, the wake or the close one, adopts the role")
                .isEqualTo(TrackedSubject.NO_TIMER);
    }

    /** Writes {@code value} as the previous version did and reads it back as this one restores it. */
    @SuppressWarnings("unchecked")
    private static <T> T restore(Object value, Class<T> current) throws IOException {
        TypeSerializer<Object> written = (TypeSerializer<Object>) TypeExtractor.createTypeInfo(value.getClass())
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written.snapshotConfiguration());
        written.serialize(value, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        TypeSerializerSnapshot<T> savepoint = TypeSerializerSnapshot.readVersionedSnapshot(in,
                PreviousStateRestoresTest.class.getClassLoader());
        TypeSerializer<T> now = TypeExtractor.createTypeInfo(current).createSerializer(new SerializerConfigImpl());
        assertThat(now.snapshotConfiguration().resolveSchemaCompatibility(savepoint).isIncompatible())
                .as("Flink accepts the savepoint's %s", current.getSimpleName()).isFalse();
        return savepoint.restoreSerializer().deserialize(in);
    }

    /** A class loader for the previous version of {@code classes}, compiled from the test resources. */
    private ClassLoader previousVersion(String... classes) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String name : classes) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            Path source = dir.resolve("src").resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(source.getParent());
            try (InputStream in = getClass().getResourceAsStream("/previous-state/" + simple + ".java.txt")) {
                Files.writeString(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            sources.add(source.toString());
        }
        Path compiled = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", compiled.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-nowarn"));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("the previous version compiles").isZero();
        return new PreviousVersion(compiled, Set.of(classes), getClass().getClassLoader());
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getField(field);
        f.set(target, value);
    }

    /** Loads the named classes from {@code classes} itself, everything else from its parent. */
    private static final class PreviousVersion extends ClassLoader {
        private final Path classes;
        private final Set<String> names;

        PreviousVersion(Path classes, Set<String> names, ClassLoader parent) {
            super(parent);
            this.classes = classes;
            this.names = names;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!names.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        byte[] bytes = Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class"));
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}

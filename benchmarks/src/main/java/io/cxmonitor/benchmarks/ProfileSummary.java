package io.cxmonitor.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./cxmon bench profile FILE.jfr}: what kind of work a job's Java threads did, from the
 * execution samples of a flight recording (the README's table of cx-signals; {@code bench pipeline
 * --cpu} gives the CPU time by task). Each sample counts for the innermost frame that names a kind
 * of work below, so that sending a record is not counted as the operator that sent it; samples of
 * the asynchronous snapshot threads count as checkpoints. With {@code --allocations}: where it
 * allocated, from the allocation samples ({@code settings=profile}), each sample's bytes counted for
 * the class of ours nearest the allocation.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Where a job spent its CPU, from a flight recording (CX_BENCH_JVM_OPTIONS of bench pipeline).")
final class ProfileSummary implements Callable<Integer> {

    /** Kinds of work, each by the frames that do it, in the order they are looked for. */
    private static final Map<String, Pattern> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("sending records to the next task (serialize, network buffers)",
                Pattern.compile("RecordWriter\\.emit$|RecordWriterOutput\\.collect$"));
        KINDS.put("reading records from the previous task (deserialize)",
                Pattern.compile("SpillingAdaptiveSpanningRecordDeserializer|StreamElementSerializer\\.deserialize$"));
        KINDS.put("parsing JSON against the contract", Pattern.compile("EventReader\\."));
        KINDS.put("Kafka sinks", Pattern.compile("KafkaWriter\\.write$|KafkaProducer\\."));
        KINDS.put("keyed state look-ups and updates (heap backend)",
                Pattern.compile("CopyOnWriteStateMap|heap\\.StateTable|HeapMapState|HeapValueState|HeapListState"));
        KINDS.put("event-time timers",
                Pattern.compile("InternalTimerServiceImpl\\.(register|delete)|HeapPriorityQueue|TimerHeapInternalTimer"));
        KINDS.put("session analysis", Pattern.compile("SessionAnalyzer\\."));
        KINDS.put("sentiment analyzer", Pattern.compile("SentimentAnalyzer\\.|sentiment\\.Tokens|sentiment\\.Clauses"));
        KINDS.put("topics and emerging terms", Pattern.compile("TopicAnalyzer\\.|TermExtractor\\.|EmergingTerms"));
        KINDS.put("window operators", Pattern.compile("WindowOperator"));
        KINDS.put("Kafka source: fetching",
                Pattern.compile("KafkaConsumer|FetchCollector|KafkaPartitionSplitReader|ConsumerNetworkClient"));
    }

    static final String CHECKPOINTS = "checkpoints: asynchronous snapshots of the state";
    static final String OURS = "our operators' own code (routing, de-duplication, sessions, tickets...)";
    static final String OTHER = "the rest of Flink's runtime, the JDK and the Kafka client";

    @Parameters(paramLabel = "FILE", description = "A flight recording, e.g. /tmp/cx-signals.jfr.")
    Path file;

    @Option(names = "--allocations", description = "Where the job allocated instead: the bytes of the allocation "
            + "samples by the class of ours nearest the allocation.")
    boolean allocations;

    @Override
    public Integer call() throws Exception {
        return allocations ? allocations() : work();
    }

    private int work() throws Exception {
        Map<String, Integer> samples = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                RecordedThread thread = e.getThread("sampledThread");
                samples.merge(kindOf(thread == null ? "" : thread.getJavaName(), e.getStackTrace().getFrames()), 1,
                        Integer::sum);
                total++;
            }
        }
        System.out.printf("%,d execution samples in %s%n%n| work | share |%n|---|---|%n", total, file);
        int all = total;
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(k -> System.out.printf("| %s | %.0f%% |%n", k.getKey(), 100.0 * k.getValue() / all));
        return 0;
    }

    private int allocations() throws Exception {
        Map<String, Long> bytes = new LinkedHashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.ObjectAllocationSample") && e.getStackTrace() != null) {
                long weight = e.getLong("weight");
                bytes.merge(allocatedBy(e.getStackTrace().getFrames()), weight, Long::sum);
                total += weight;
            }
        }
        System.out.printf("%,d MB allocated (as sampled) in %s%n%n| allocated in | share |%n|---|---|%n", total >> 20,
                file);
        long all = total;
        bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(k -> System.out.printf("| %s | %.1f%% |%n", k.getKey(), 100.0 * k.getValue() / all));
        return 0;
    }

    /** The class of ours nearest an allocation, else {@link #OTHER}. */
    static String allocatedBy(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.cxmonitor.")) {
                return type.substring(type.lastIndexOf('.') + 1);
            }
        }
        return OTHER;
    }

    /** The kind of work of one sample: the innermost frame that names one. */
    static String kindOf(String thread, List<RecordedFrame> frames) {
        if (thread != null && thread.startsWith("AsyncOperations")) {
            return CHECKPOINTS;
        }
        boolean ours = false;
        for (RecordedFrame frame : frames) {
            String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            for (Map.Entry<String, Pattern> kind : KINDS.entrySet()) {
                if (kind.getValue().matcher(method).find()) {
                    return kind.getKey();
                }
            }
            ours |= method.startsWith("io.cxmonitor.");
        }
        return ours ? OURS : OTHER;
    }
}

package io.cxmonitor.jobs.common.windows;

import java.io.Serializable;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The one adapter between Flink's window aggregation and the domain's accumulators
 * ({@code FrictionCounts}, {@code JourneyStats}, {@code Apdex}...): how to create one, add an
 * element, merge two. The result of a window is its accumulator, which the signal turns into
 * points. The accumulator's class is kept, so that Flink serializes it as a POJO.
 */
public final class Accumulate<T, A> implements AggregateFunction<T, A, A> {

    /** A new, empty accumulator. */
    public interface Create<A> extends Serializable {
        A create();
    }

    /** The accumulator with one more element (the same object, updated, or a new one). */
    public interface Add<T, A> extends Serializable {
        A add(A accumulator, T element);
    }

    /** Two accumulators as one. */
    public interface Merge<A> extends Serializable {
        A merge(A a, A b);
    }

    private final Class<A> type;
    private final Create<A> create;
    private final Add<T, A> add;
    private final Merge<A> merge;

    private Accumulate(Class<A> type, Create<A> create, Add<T, A> add, Merge<A> merge) {
        this.type = type;
        this.create = create;
        this.add = add;
        this.merge = merge;
    }

    public static <T, A> Accumulate<T, A> of(Class<A> type, Create<A> create, Add<T, A> add, Merge<A> merge) {
        return new Accumulate<>(type, create, add, merge);
    }

    /** Counts elements. */
    public static <T> Accumulate<T, Long> count() {
        return of(Long.class, () -> 0L, (count, element) -> count + 1, Long::sum);
    }

    TypeInformation<A> type() {
        return TypeInformation.of(type);
    }

    @Override
    public A createAccumulator() {
        return create.create();
    }

    @Override
    public A add(T element, A accumulator) {
        return add.add(accumulator, element);
    }

    @Override
    public A getResult(A accumulator) {
        return accumulator;
    }

    @Override
    public A merge(A a, A b) {
        return merge.merge(a, b);
    }
}

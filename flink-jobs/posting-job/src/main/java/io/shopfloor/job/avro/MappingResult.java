package io.shopfloor.job.avro;

/**
 * The outcome of mapping one input record: the mapped value, or the reason it cannot be mapped. A failure is a
 * value, not an exception, so the job can dead-letter the input with the reason and carry on.
 */
public sealed interface MappingResult<T> {

    record Mapped<T>(T value) implements MappingResult<T> {
    }

    record Failed<T>(String reason) implements MappingResult<T> {
    }

    /** Several values from one record (a work center and its shop calendar code). */
    record MappedAll<T>(java.util.List<T> values) implements MappingResult<T> {
    }

    public static <T> MappingResult<T> mapped(T value) {
        return new Mapped<>(value);
    }

    public static <T> MappingResult<T> failed(String reason) {
        return new Failed<>(reason);
    }
}

package io.shopfloor.launcher;

/**
 * The plant cannot start, for a reason its operator can act on (the message says what to do); the launcher prints
 * the message without a stack trace and exits with {@link #EXIT_CODE}.
 */
public final class StartFailure extends RuntimeException {
    public static final int EXIT_CODE = 3;

    public StartFailure(String message) {
        super(message);
    }
}

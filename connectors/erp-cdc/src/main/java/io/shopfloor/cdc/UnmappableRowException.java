package io.shopfloor.cdc;

/** An ERP row with a value that does not fit its Avro contract; the row goes to the dead letters. */
public final class UnmappableRowException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnmappableRowException(String message) {
        super(message);
    }
}

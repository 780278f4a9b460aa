package io.shopfloor.simulator;

/** Which operation of its line's routing a machine works: op 10 (with setup) or op 20 (the last, no setup). */
public enum MachineRole {
    FIRST_OPERATION,
    LAST_OPERATION;

    public String operationNo() {
        return this == FIRST_OPERATION ? Product.FIRST_OPERATION : Product.LAST_OPERATION;
    }
}

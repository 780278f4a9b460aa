package io.shopfloor.terminal;

/** What a login may do on the terminal. */
public enum Role {
    /** Posts output, scrap, times and consumption for the operations of their own work center. */
    OPERATOR,
    /** Everything an operator may, on every work center, plus corrections (negative output) and finishing orders. */
    SUPERVISOR,
    /** Completes inventory put-aways of production output (any location); posts no production journal. */
    WAREHOUSE_WORKER,
    /** Reads orders and the ledger; posts nothing. */
    COST_CONTROLLER;

    public boolean mayPost() {
        return this != COST_CONTROLLER;
    }
}

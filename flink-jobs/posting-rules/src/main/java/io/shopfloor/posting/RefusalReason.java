package io.shopfloor.posting;

/** Why the rules refused an input; the input goes to the dead letters with this code and can be replayed. */
public enum RefusalReason {
    ORDER_NOT_RELEASED,
    ORDER_NOT_FINISHED,
    ORDER_ALREADY_RELEASED,
    ORDER_BLOCKED,
    ORDER_LINE_NOT_FOUND,
    OPERATION_NO_REQUIRED,
    OPERATION_NOT_FOUND,
    COMPONENT_NOT_FOUND,
    ITEM_NOT_FOUND,
    WORK_CENTER_NOT_FOUND,
    MACHINE_CENTER_NOT_FOUND,
    LOCATION_NOT_FOUND,
    CAPACITY_UNIT_OF_MEASURE_NOT_FOUND,
    CAPACITY_BLOCKED,
    ROUNDING_PRECISION_MISSING,
    APPLIES_TO_ENTRY_REQUIRED,
    APPLIES_TO_ENTRY_INVALID,
    APPLIES_TO_ENTRY_INSUFFICIENT,
    APPLIES_FROM_ENTRY_INVALID,
    FINISHED_QUANTITY_NEGATIVE,
    OUTPUT_ON_FINISHED_OPERATION,
    OUTPUT_POSTED_BY_INVENTORY_PUT_AWAY,
    /** Put-away: the order line has no open inventory put-away request (not such a location, or all put away). */
    PUT_AWAY_REQUEST_NOT_FOUND,
    /** Put-away: more than the request's outstanding quantity. */
    PUT_AWAY_QUANTITY_EXCEEDS_OUTSTANDING,
    /** Put-away: a quantity of zero or less. */
    PUT_AWAY_QUANTITY_INVALID,
    BIN_CODE_MISSING,
    /** A bin on an output line at a location that does not use bins (Bin Mandatory off). */
    BIN_CODE_NOT_ALLOWED,
    VARIANT_CODE_MISSING,
    SUBCONTRACTING_OUTSTANDING,
    PICK_OUTSTANDING,
    OUTPUT_MISSING,
    CONSUMPTION_MISSING,
    NO_OUTPUT,
    DOCUMENT_NO_REQUIRED,
    ORDERLESS_CAPACITY_TIME,
    /** Stop re-coding: the applies-to capacity entry is not a stop entry kept under this key. */
    APPLIES_TO_STOP_INVALID,
    /** Stop re-coding: the stop was re-coded before (a stop is reversed once). */
    STOP_ALREADY_RECODED,
    /** Stop re-coding: the reasons' stop times do not sum to the stop's. */
    STOP_TIMES_DO_NOT_SUM,
    /** Stop re-coding: no reason, too many, a blank or repeated stop code, or a time that is not positive. */
    STOP_REASON_INVALID,
    /** Stop re-coding: the posting date is before the stop's. */
    POSTING_DATE_BEFORE_STOP,
    /** G/L: the value entry's item or work/machine center has no posting group. */
    POSTING_GROUP_MISSING,
    /** G/L: no Inventory Posting Setup row for the value entry's location and inventory posting group. */
    INVENTORY_POSTING_SETUP_MISSING,
    /** G/L: no General Posting Setup row for the gen. business and gen. product posting groups. */
    GENERAL_POSTING_SETUP_MISSING,
    /** G/L: the setup row has no account for a type the value entry posts to. */
    GL_ACCOUNT_MISSING
}

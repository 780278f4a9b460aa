package io.shopfloor.posting;

import java.io.Serializable;

/**
 * Behaviour BC leaves open (docs/open-points.md: unconfirmed points, and the situations where Business Central asks a
 * person).
 * {@link #DEFAULTS} documents the default of each.
 */
public record PostingSettings(SnapRule snapRule,
                              OutputOnFinishedOperation outputOnFinishedOperation,
                              FinishConfirmation missingOutputAtFinish,
                              FinishConfirmation missingConsumptionAtFinish,
                              StopTimeWithOtherQuantities stopTimeWithOtherQuantities,
                              OrderlessCapacityTime orderlessCapacityTime,
                              CapacityUnitCostScaling capacityUnitCostScaling,
                              OutputAdjustmentLayout outputAdjustmentLayout,
                              DeviationBasis deviationBasis) implements Serializable {

    /**
     * Intended snap rule; post output on finished operations and finish with missing output/consumption, each
     * recorded as a notice; a stop entry carries stop time only; order-less setup/run time refused; journal unit
     * cost is per work center unit; one Direct Cost value entry carries actual and reversed expected cost;
     * Dev. % against standard.
     */
    public static final PostingSettings DEFAULTS = new PostingSettings(SnapRule.INTENDED,
            OutputOnFinishedOperation.POST_AND_NOTE, FinishConfirmation.FINISH_AND_NOTE,
            FinishConfirmation.FINISH_AND_NOTE, StopTimeWithOtherQuantities.STOP_ENTRY_CARRIES_STOP_TIME_ONLY,
            OrderlessCapacityTime.REFUSE, CapacityUnitCostScaling.PER_WORK_CENTER_UNIT,
            OutputAdjustmentLayout.ONE_ENTRY_ACTUAL_AND_EXPECTED, DeviationBasis.STANDARD);

    /**
     * Snap-to-remaining (docs/flushing.md#quantities) of backward flushing with a routing link (ALAppExtensions#29408).
     */
    public enum SnapRule {
        /** Snap only when this posting completes the order line. */
        INTENDED,
        /** BC as shipped: also snap when output + scrap equals the component remainder rounded to an integer. */
        BUSINESS_CENTRAL_COMPATIBLE
    }

    /** Non-zero output on an operation already Finished (BC asks for confirmation). */
    public enum OutputOnFinishedOperation { POST_AND_NOTE, REFUSE }

    /** "Some output/consumption is still missing" at finish (BC asks for confirmation). */
    public enum FinishConfirmation { FINISH_AND_NOTE, REFUSE }

    /** UNCONFIRMED 5: a line with stop time and setup/run/output creates two capacity entries. */
    public enum StopTimeWithOtherQuantities {
        /** The stop entry carries only the stop time; the other entry the rest (no double counting). */
        STOP_ENTRY_CARRIES_STOP_TIME_ONLY,
        /** As read in BC's code: the stop entry also copies setup/run/output/scrap. */
        STOP_ENTRY_COPIES_LINE
    }

    /** UNCONFIRMED 4: setup/run time on a capacity journal line without an order. */
    public enum OrderlessCapacityTime {
        /** BC tests order fields unless the line is stop-time-only: refuse, post it as stop time instead. */
        REFUSE,
        /** Post a valued capacity entry at the work/machine center's cost, with blank order fields. */
        POST_VALUED
    }

    /** UNCONFIRMED 3: journal unit cost when the entry unit differs from the work center unit. */
    public enum CapacityUnitCostScaling {
        /** Unit cost is multiplied up on validation and divided back at posting: net cost per work center unit. */
        PER_WORK_CENTER_UNIT,
        /** Only the division at posting happens: unit cost (direct and overhead) divided by the factor. */
        DIVIDED_BY_FACTOR
    }

    /** UNCONFIRMED 1: value entries of the output cost adjustment. */
    public enum OutputAdjustmentLayout {
        /** One Direct Cost entry with the actual amount and the negative expected amount. */
        ONE_ENTRY_ACTUAL_AND_EXPECTED,
        /** One entry reversing the expected amount, another with the actual amount. */
        SEPARATE_EXPECTED_REVERSAL
    }

    /** UNCONFIRMED 2: basis of Dev. % on the statistics page. */
    public enum DeviationBasis { STANDARD, EXPECTED }

    public PostingSettings withSnapRule(SnapRule rule) {
        return new PostingSettings(rule, outputOnFinishedOperation, missingOutputAtFinish,
                missingConsumptionAtFinish, stopTimeWithOtherQuantities, orderlessCapacityTime,
                capacityUnitCostScaling, outputAdjustmentLayout, deviationBasis);
    }

    public PostingSettings withOutputOnFinishedOperation(OutputOnFinishedOperation policy) {
        return new PostingSettings(snapRule, policy, missingOutputAtFinish, missingConsumptionAtFinish,
                stopTimeWithOtherQuantities, orderlessCapacityTime, capacityUnitCostScaling, outputAdjustmentLayout,
                deviationBasis);
    }

    public PostingSettings withFinishConfirmations(FinishConfirmation missingOutput,
                                                   FinishConfirmation missingConsumption) {
        return new PostingSettings(snapRule, outputOnFinishedOperation, missingOutput, missingConsumption,
                stopTimeWithOtherQuantities, orderlessCapacityTime, capacityUnitCostScaling, outputAdjustmentLayout,
                deviationBasis);
    }

    public PostingSettings withStopTimeWithOtherQuantities(StopTimeWithOtherQuantities policy) {
        return new PostingSettings(snapRule, outputOnFinishedOperation, missingOutputAtFinish,
                missingConsumptionAtFinish, policy, orderlessCapacityTime, capacityUnitCostScaling,
                outputAdjustmentLayout, deviationBasis);
    }

    public PostingSettings withOrderlessCapacityTime(OrderlessCapacityTime policy) {
        return new PostingSettings(snapRule, outputOnFinishedOperation, missingOutputAtFinish,
                missingConsumptionAtFinish, stopTimeWithOtherQuantities, policy, capacityUnitCostScaling,
                outputAdjustmentLayout, deviationBasis);
    }

    public PostingSettings withCapacityUnitCostScaling(CapacityUnitCostScaling scaling) {
        return new PostingSettings(snapRule, outputOnFinishedOperation, missingOutputAtFinish,
                missingConsumptionAtFinish, stopTimeWithOtherQuantities, orderlessCapacityTime, scaling,
                outputAdjustmentLayout, deviationBasis);
    }

    public PostingSettings withOutputAdjustmentLayout(OutputAdjustmentLayout layout) {
        return new PostingSettings(snapRule, outputOnFinishedOperation, missingOutputAtFinish,
                missingConsumptionAtFinish, stopTimeWithOtherQuantities, orderlessCapacityTime,
                capacityUnitCostScaling, layout, deviationBasis);
    }

    public PostingSettings withDeviationBasis(DeviationBasis basis) {
        return new PostingSettings(snapRule, outputOnFinishedOperation, missingOutputAtFinish,
                missingConsumptionAtFinish, stopTimeWithOtherQuantities, orderlessCapacityTime,
                capacityUnitCostScaling, outputAdjustmentLayout, basis);
    }
}

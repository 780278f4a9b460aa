package io.shopfloor.job.machine;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a machine reports for one posting window: an output line (setup/run time, output, scrap, Finished flag)
 * or a stop line (stop time with its code) for an operation; or, without an order, a capacity stop line for a
 * declared activity such as maintenance. {@code sourceId} is derived from the machine, the operation and the
 * window, so a replay reports the same ids.
 */
public record ReportedLine(String sourceId, Kind kind, String machineId, String orderNo, int orderLineNo,
                           String operationNo, Instant startingTime, Instant endingTime, LocalDate postingDate,
                           String workShiftCode, BigDecimal setupMinutes, BigDecimal runMinutes,
                           BigDecimal stopMinutes, String stopCode, long outputQuantity, long scrapQuantity,
                           boolean finished, String operatorId) implements Serializable {

    public enum Kind { OUTPUT, STOP, CAPACITY_STOP }
}

package io.shopfloor.job.masterdata;

/**
 * A stop code of the ERP (Business Central's Stop, with the extension field {@code planned}): time a
 * machine stops, is in maintenance or in an activity under this code is planned downtime (ISO 22400 APMT:
 * maintenance, cleaning) when {@code planned}, else a loss (down time). The order stage reads it as of each KPI
 * window's time ({@link AsOfMasterData#stopCode}).
 */
public record StopCode(String code, boolean planned) {
}

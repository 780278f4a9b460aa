package io.shopfloor.dashboard;

import io.shopfloor.dashboard.LedgerRows.DeadLetterSummary;
import io.shopfloor.dashboard.LedgerRows.LedgerEntry;
import io.shopfloor.dashboard.LedgerRows.LedgerSnapshot;
import io.shopfloor.dashboard.LedgerRows.OrderProgress;
import io.shopfloor.dashboard.LedgerRows.StatisticsRow;
import io.shopfloor.schema.masterdata.ProductionOrder;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the page shows, as it goes to the browser: the machines, the line charts and the ledger part. */
public record DashboardState(List<MachineView> machines, List<LineTrend> lines, LedgerPart ledger) {

    /**
     * The ledger part: orders (with their description and item from the master data), the latest entries, the
     * statistics of the latest finished orders, the dead letters, and whether the last read of the ledger worked.
     */
    public record LedgerPart(List<OrderProgress> orders, List<LedgerEntry> latestEntries,
                             Map<String, List<StatisticsRow>> finishedOrderStatistics, DeadLetterSummary deadLetters,
                             String ledgerError) {

        public static LedgerPart of(LedgerSnapshot snapshot, List<ProductionOrder> headers, String ledgerError) {
            Map<String, ProductionOrder> byNo = headers.stream()
                    .collect(Collectors.toMap(ProductionOrder::getNo, Function.identity(), (a, b) -> b));
            List<OrderProgress> orders = snapshot.orders().stream().map(o -> {
                ProductionOrder header = byNo.get(o.orderNo());
                return header == null ? o : o.withMasterData(header.getDescription(), header.getSourceNo());
            }).toList();
            return new LedgerPart(orders, snapshot.latestEntries(), snapshot.finishedOrderStatistics(),
                    snapshot.deadLetters(), ledgerError);
        }
    }
}

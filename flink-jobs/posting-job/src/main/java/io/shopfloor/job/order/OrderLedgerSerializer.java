package io.shopfloor.job.order;

import io.shopfloor.job.types.RulesCodec;
import io.shopfloor.job.types.VersionedSerializer;
import io.shopfloor.posting.gl.WipBalances;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.PostedStops;
import io.shopfloor.posting.order.RoutingLineDefinition;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.HashSet;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readDate;
import static io.shopfloor.job.types.StateIO.readDecimal;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeDate;
import static io.shopfloor.job.types.StateIO.writeDecimal;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Keyed-state serializer of {@link OrderLedger} (the order-ledger state of the order postings).
 *
 * <p>Format 4: as format 3, and at the end the order's WIP balances ({@link WipBalances}, for the write-off at a
 * finish without output): false for none, else true, the groups (order line no., WIP account, location, inventory,
 * gen. business and gen. product posting group, global dimension 1 and 2 values; amount; the latest value entry's
 * key, entry no. and document no.), the net output per order line, and whether WIP was left out at the bound.
 * Format 1 to 3 values read none: an order posted before the upgrade writes off only the WIP posted after it.
 *
 * <p>Format 3: as format 2, and at the end the stops a person may still re-code ({@link PostedStops}: -1 none yet, else
 * their count and each stop oldest first, {@link RulesCodec#writeStop}); format 1 and 2 values read none, so stops
 * posted before the upgrade cannot be re-coded (the re-coding is refused as APPLIES_TO_STOP_INVALID).
 *
 * <p>Format 2: as format 1, with the posting state's order lines each ending with "capacity entry posted", the
 * pending finish ending with "finish without output" ({@link RulesCodec#readOrder}, {@link RulesCodec#readFinish}:
 * format 1 values derive the first and read the second as yes), and at the end the release held for the
 * definition or none (source id, posting date; none in format 1).
 *
 * <p>Format 1: order no.; the assembly (header or none, lines, routing lines, components); the next entry
 * numbers; the posting state or none ({@link RulesCodec#writeOrder}); finished-on date; pending finish or none;
 * marker; deleted in the ERP; the posted journal lines' source ids (-1: none yet).
 */
public final class OrderLedgerSerializer extends VersionedSerializer<OrderLedger> {
    private static final long serialVersionUID = 1L;

    public static final OrderLedgerSerializer INSTANCE = new OrderLedgerSerializer();

    @Override
    public int version() {
        return 4;
    }

    @Override
    public OrderLedger createInstance() {
        return new OrderLedger("");
    }

    @Override
    protected void write(OrderLedger ledger, DataOutputView out) throws IOException {
        writeString(ledger.orderNo, out);
        OrderAssembly assembly = ledger.assembly;
        out.writeBoolean(assembly.header != null);
        if (assembly.header != null) {
            writeString(assembly.header.no(), out);
            writeString(assembly.header.description(), out);
            writeString(assembly.header.sourceNo(), out);
            writeString(assembly.header.locationCode(), out);
            out.writeBoolean(assembly.header.blocked());
        }
        out.writeInt(assembly.lines.size());
        for (LineDefinition line : assembly.lines.values()) {
            RulesCodec.writeLine(line, out);
        }
        out.writeInt(assembly.routingLines.size());
        for (RoutingLineDefinition routingLine : assembly.routingLines.values()) {
            RulesCodec.writeRoutingLine(routingLine, out);
        }
        out.writeInt(assembly.components.size());
        for (ComponentDefinition component : assembly.components.values()) {
            RulesCodec.writeComponent(component, out);
        }
        RulesCodec.writeEntryNumbers(ledger.numbers, out);
        out.writeBoolean(ledger.order != null);
        if (ledger.order != null) {
            RulesCodec.writeOrder(ledger.order, out);
        }
        writeDate(ledger.finishedOn, out);
        out.writeBoolean(ledger.pendingFinish != null);
        if (ledger.pendingFinish != null) {
            RulesCodec.writeFinish(ledger.pendingFinish, out);
        }
        out.writeBoolean(ledger.marker);
        out.writeBoolean(ledger.deletedInErp);
        if (ledger.postedJournalLines == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(ledger.postedJournalLines.size());
            for (String sourceId : ledger.postedJournalLines) {
                writeString(sourceId, out);
            }
        }
        out.writeBoolean(ledger.pendingRelease != null);
        if (ledger.pendingRelease != null) {
            writeString(ledger.pendingRelease.sourceId(), out);
            writeDate(ledger.pendingRelease.postingDate(), out);
        }
        if (ledger.stops == null) {
            out.writeInt(-1);
        } else {
            java.util.List<PostedStops.Stop> stops = ledger.stops.stops();
            out.writeInt(stops.size());
            for (PostedStops.Stop stop : stops) {
                RulesCodec.writeStop(stop, out);
            }
        }
        writeWip(ledger.wip, out);
    }

    private static void writeWip(WipBalances wip, DataOutputView out) throws IOException {
        out.writeBoolean(wip != null);
        if (wip == null) {
            return;
        }
        java.util.List<WipBalances.Balance> balances = wip.balances();
        out.writeInt(balances.size());
        for (WipBalances.Balance balance : balances) {
            WipBalances.Group g = balance.group();
            out.writeInt(g.orderLineNo());
            writeString(g.wipAccountNo(), out);
            writeString(g.locationCode(), out);
            writeString(g.inventoryPostingGroup(), out);
            writeString(g.genBusPostingGroup(), out);
            writeString(g.genProdPostingGroup(), out);
            writeString(g.globalDimension1Code(), out);
            writeString(g.globalDimension2Code(), out);
            writeDecimal(balance.amount(), out);
            writeString(balance.valueEntryKey(), out);
            out.writeLong(balance.valueEntryNo());
            writeString(balance.documentNo(), out);
        }
        java.util.Map<Integer, java.math.BigDecimal> netOutput = new java.util.TreeMap<>(wip.netOutput());
        out.writeInt(netOutput.size());
        for (java.util.Map.Entry<Integer, java.math.BigDecimal> line : netOutput.entrySet()) {
            out.writeInt(line.getKey());
            writeDecimal(line.getValue(), out);
        }
        out.writeBoolean(wip.incomplete());
    }

    private static WipBalances readWip(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        java.util.List<WipBalances.Balance> balances = new java.util.ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            WipBalances.Group group = new WipBalances.Group(in.readInt(), readString(in), readString(in),
                    readString(in), readString(in), readString(in), readString(in), readString(in));
            balances.add(new WipBalances.Balance(group, readDecimal(in), readString(in), in.readLong(),
                    readString(in)));
        }
        java.util.Map<Integer, java.math.BigDecimal> netOutput = new java.util.TreeMap<>();
        for (int i = readCount(in); i > 0; i--) {
            netOutput.put(in.readInt(), readDecimal(in));
        }
        return new WipBalances(balances, netOutput, in.readBoolean());
    }

    @Override
    protected OrderLedger read(int version, DataInputView in) throws IOException {
        String orderNo = readString(in);
        OrderAssembly assembly = new OrderAssembly();
        if (in.readBoolean()) {
            assembly.put(new OrderAssembly.Header(readString(in), readString(in), readString(in), readString(in),
                    in.readBoolean()));
        }
        for (int i = readCount(in); i > 0; i--) {
            assembly.put(RulesCodec.readLine(in), false);
        }
        for (int i = readCount(in); i > 0; i--) {
            assembly.put(RulesCodec.readRoutingLine(in), false);
        }
        for (int i = readCount(in); i > 0; i--) {
            assembly.put(RulesCodec.readComponent(in), false);
        }
        OrderLedger ledger = new OrderLedger(orderNo, assembly, RulesCodec.readEntryNumbers(in));
        ledger.order = in.readBoolean() ? RulesCodec.readOrder(version, in) : null;
        ledger.finishedOn = readDate(in);
        ledger.pendingFinish = in.readBoolean() ? RulesCodec.readFinish(version, in) : null;
        ledger.marker = in.readBoolean();
        ledger.deletedInErp = in.readBoolean();
        int posted = in.readInt();
        if (posted >= 0) {
            ledger.postedJournalLines = new HashSet<>();
            for (int i = 0; i < posted; i++) {
                ledger.postedJournalLines.add(readString(in));
            }
        }
        if (version >= 2 && in.readBoolean()) {
            ledger.pendingRelease = new ReleaseOrder(readString(in), readDate(in));
        }
        int stops = version >= 3 ? in.readInt() : -1;
        if (stops >= 0) {
            ledger.stops = new PostedStops();
            for (int i = 0; i < stops; i++) {
                ledger.stops.put(RulesCodec.readStop(in));
            }
        }
        ledger.wip = version >= 4 ? readWip(in) : null;
        return ledger;
    }
}

package io.shopfloor.dashboard;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.signal.MachineState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterDataTest {
    private final MasterData masterData = new MasterData();

    private static ProductionOrder order(ProductionOrderStatus status, boolean deleted) {
        return ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setStatus(status).setDeleted(deleted).build();
    }

    private static ProdOrderLine line(ProductionOrderStatus status) {
        return ProdOrderLine.newBuilder(AvroFixtures.setALine()).setStatus(status).build();
    }

    @Test
    void anOrderResolvesToItsRowsOfItsLatestStatusWhicheverWayTheStatusChangeArrives() {
        masterData.apply(order(ProductionOrderStatus.RELEASED, false));
        masterData.apply(line(ProductionOrderStatus.RELEASED));
        // Finishing: the ERP inserts the rows under FINISHED and deletes them under RELEASED; the insert first here.
        masterData.apply(order(ProductionOrderStatus.FINISHED, false));
        masterData.apply(line(ProductionOrderStatus.FINISHED));
        MasterData.OrderMasterData finished = masterData.order("RPO-1001").orElseThrow();
        assertEquals(ProductionOrderStatus.FINISHED, finished.header().getStatus());
        assertEquals(List.of(ProductionOrderStatus.FINISHED), finished.lines().stream()
                .map(ProdOrderLine::getStatus).toList());
        masterData.apply(order(ProductionOrderStatus.RELEASED, true));
        assertEquals(ProductionOrderStatus.FINISHED, masterData.order("RPO-1001").orElseThrow().header().getStatus());
        assertEquals(List.of("RPO-1001 FINISHED"), masterData.orders().stream()
                .map(o -> o.getNo() + " " + o.getStatus()).toList());

        masterData.apply(order(ProductionOrderStatus.FINISHED, true));
        assertFalse(masterData.order("RPO-1001").isPresent());
    }

    @Test
    void centersResolveToTheirNamesAndWorkCentersToTheirCapacityUnit() {
        assertTrue(masterData.apply(AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20")));
        assertTrue(masterData.apply(io.shopfloor.schema.masterdata.MachineCenter.newBuilder(
                AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50")).setName("Assembly cell").build()));
        assertEquals("Assembly cell", masterData.centerName("MACHINE_CENTER", "MC-ASSY"));
        assertEquals("WC-CUT", masterData.centerName("WORK_CENTER", "WC-CUT"));
        assertEquals("WC-NONE", masterData.centerName("WORK_CENTER", "WC-NONE"));
        assertEquals("MINUTES", masterData.capacityUnit("WC-CUT").orElseThrow());
        assertFalse(masterData.capacityUnit("WC-ASSY").isPresent());
        // Records the dashboard does not keep are refused, not mistaken for master data.
        assertFalse(masterData.apply(Example1Dashboard.state("CUT-1", MachineState.RUNNING, null, 0)));
    }
}

package io.shopfloor.simulator;

/**
 * A released production order the plant runs on one line.
 *
 * @param inSampleData true for the reference ERP's own released orders (RPO-1002, RPO-1003), which exist already;
 *                     the others are inserted into the ERP by {@link ErpOrders}
 */
public record SimulatedOrder(String orderNo, Product product, int quantity, int lineNo, boolean inSampleData) {
}

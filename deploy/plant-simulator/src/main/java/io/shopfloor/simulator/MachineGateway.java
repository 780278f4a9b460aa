package io.shopfloor.simulator;

/** Sends a machine's messages over MQTT the way its gateway does. */
interface MachineGateway extends AutoCloseable {

    void publish(MachineMessage message) throws Exception;

    void flush() throws Exception;
}
